package org.coalitionledger.api.reporting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.coalitionledger.api.validation.BusinessDates;

import java.util.Map;

import static org.coalitionledger.api.validation.Checks.*;

/**
 * Record a confiscation of {@code amount} in {@code currency} (ISO 4217). {@code usdRate} is units of that currency
 * per one US dollar on {@code rateDate}, from {@code rateSource}; the USD value is derived (see {@link UsdValue}).
 */
public record RecordConfiscationCommand(String coalitionId, String recordId, LocalDate date,
                                        BigDecimal amount, String currency, BigDecimal usdRate, LocalDate rateDate,
                                        String rateSource, String jurisdiction, String scope, String source)
        implements BusinessDates, RecordCommand {
    public RecordConfiscationCommand {
        id(coalitionId, "coalitionId");
        id(recordId, "recordId");
        required(date, "date");
        amount = positiveAmount(amount, isoCurrency(currency, "currency"), "amount");
        usdRate = positiveRate(usdRate, "usdRate");
        required(rateDate, "rateDate");
        rateSource = text(rateSource, "rateSource", MAX_TEXT);
        isoCountry(jurisdiction, "jurisdiction");
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
        return BusinessDates.named("date", date, "rateDate", rateDate);
    }
}
