package org.coalitionledger.api.reporting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.coalitionledger.api.error.CoalitionErrorCode;

import java.time.LocalDate;
import java.util.List;

import org.coalitionledger.api.validation.BusinessDates;

import java.util.Map;

import static org.coalitionledger.api.validation.Checks.*;

/** Record a batch of takedowns over a period. The batch id is the record id. */
public record RecordTakedownBatchCommand(String coalitionId, String batchId, Reporter reporter,
                                         LocalDate periodStart, LocalDate periodEnd, Long listingsRemoved,
                                         Long adsBlocked, Long accountsRemoved, List<String> categories, String scope,
                                         String source) implements BusinessDates, RecordCommand {
    public RecordTakedownBatchCommand {
        id(coalitionId, "coalitionId");
        id(batchId, "batchId");
        required(reporter, "reporter");
        period(periodStart, periodEnd);
        boundedCount(listingsRemoved, "listingsRemoved");
        boundedCount(adsBlocked, "adsBlocked");
        boundedCount(accountsRemoved, "accountsRemoved");
        if (listingsRemoved == 0 && adsBlocked == 0 && accountsRemoved == 0) {
            throw invalid(CoalitionErrorCode.ALL_FIGURES_ZERO,
                    "listingsRemoved, adsBlocked and accountsRemoved are all 0: a batch must record something");
        }
        categories = categories == null ? List.of() : texts(categories, "categories", MAX_NAME);
        scope = text(scope, "scope", MAX_NAME);
        source = text(source, "source", MAX_TEXT);
    }

    /** The batch id is the record's id. */
    @Override
    public String recordId() {
        return batchId;
    }

    /**
     * The record's stream for a record recorded now; the command bus resolves a record recorded before ids were
     * scoped to its legacy stream ({@link RecordIds#resolve}).
     */
    @Override
    @TargetAggregateIdentifier
    public String recordAggregateId() {
        return RecordIds.aggregateId(coalitionId, batchId);
    }

    @Override
    public Map<String, LocalDate> factDates() {
        return BusinessDates.named("periodStart", periodStart, "periodEnd", periodEnd);
    }
}
