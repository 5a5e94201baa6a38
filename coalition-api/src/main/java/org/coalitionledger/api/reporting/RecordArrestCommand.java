package org.coalitionledger.api.reporting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.coalitionledger.api.error.CoalitionErrorCode;

import java.time.LocalDate;

import org.coalitionledger.api.validation.BusinessDates;

import java.util.Map;

import static org.coalitionledger.api.validation.Checks.*;

/** Record {@code count} arrests made on {@code date} in a jurisdiction (ISO 3166-1 alpha-2) by an agency. */
public record RecordArrestCommand(String coalitionId, String recordId, LocalDate date,
                                  Long count, String jurisdiction, String agency, String scope, String source)
        implements BusinessDates, RecordCommand {
    public RecordArrestCommand {
        id(coalitionId, "coalitionId");
        id(recordId, "recordId");
        required(date, "date");
        boundedCount(count, "count");
        if (count == 0) {
            throw invalid(CoalitionErrorCode.ALL_FIGURES_ZERO, "count is 0: an arrest record must record something");
        }
        isoCountry(jurisdiction, "jurisdiction");
        agency = text(agency, "agency", MAX_NAME);
        scope = text(scope, "scope", MAX_NAME);
        source = text(source, "source", MAX_TEXT);
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

    @Override
    public Map<String, LocalDate> factDates() {
        return BusinessDates.named("date", date);
    }
}
