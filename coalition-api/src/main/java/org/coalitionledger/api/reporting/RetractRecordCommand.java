package org.coalitionledger.api.reporting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import static org.coalitionledger.api.validation.Checks.*;

/** Withdraw a record for good, with the reason. A retracted record counts for nothing and can't be corrected. */
public record RetractRecordCommand(String coalitionId, String recordId, String reason) implements RecordCommand {
    public RetractRecordCommand {
        id(coalitionId, "coalitionId");
        id(recordId, "recordId");
        reason = text(reason, "reason", MAX_TEXT);
    }

    /**
     * The record's stream for a record recorded now; the command bus resolves a record recorded before ids were
     * scoped to its legacy stream ({@link RecordIds#resolve}).
     */
    @Override
    @TargetAggregateIdentifier
    public String recordAggregateId() {
        return RecordIds.aggregateId(coalitionId, recordId);
    }
}
