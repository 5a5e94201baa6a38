package org.coalitionledger.api.reporting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import static org.coalitionledger.api.validation.Checks.*;

/** Withdraw a record for good, with the reason. A retracted record counts for nothing and can't be corrected. */
public record RetractRecordCommand(String coalitionId, String recordId, String reason) {
    public RetractRecordCommand {
        id(coalitionId, "coalitionId");
        id(recordId, "recordId");
        reason = text(reason, "reason", MAX_TEXT);
    }

    /** The record's stream in the event store. */
    @TargetAggregateIdentifier
    public String recordAggregateId() {
        return RecordIds.aggregateId(recordId);
    }
}
