package org.coalitionledger.api.reporting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.coalitionledger.api.error.CoalitionErrorCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.stream.Stream;

import org.coalitionledger.api.validation.BusinessDates;

import java.util.Map;

import static org.coalitionledger.api.validation.Checks.*;

/**
 * Restate the figures of a record. Only the figures given change; the others keep their current value. Which
 * figures apply depends on the record: listings/ads/accounts for a takedown batch, count for arrests,
 * amount/usdRate/rateDate/rateSource for a confiscation (its currency never changes: retract and record anew).
 */
public record CorrectRecordCommand(String coalitionId, String recordId,
                                   Long listingsRemoved, Long adsBlocked, Long accountsRemoved, Long count,
                                   BigDecimal amount, BigDecimal usdRate, LocalDate rateDate, String rateSource,
                                   String reason) implements BusinessDates {
    public CorrectRecordCommand {
        id(coalitionId, "coalitionId");
        id(recordId, "recordId");
        reason = text(reason, "reason", MAX_TEXT);
        if (Stream.of(listingsRemoved, adsBlocked, accountsRemoved, count, amount, usdRate, rateDate, rateSource)
                .allMatch(Objects::isNull)) {
            throw invalid(CoalitionErrorCode.MISSING_FIELD, "a correction must give at least one new figure");
        }
        if (listingsRemoved != null) boundedCount(listingsRemoved, "listingsRemoved");
        if (adsBlocked != null) boundedCount(adsBlocked, "adsBlocked");
        if (accountsRemoved != null) boundedCount(accountsRemoved, "accountsRemoved");
        if (count != null) boundedCount(count, "count");
        if (amount != null) {
            writable(amount, "amount");
            if (amount.signum() <= 0 || digits(withoutTrailingZeros(amount)) > MAX_AMOUNT_PRECISION) {
                throw invalid(CoalitionErrorCode.INVALID_AMOUNT, "amount must be greater than 0 with at most "
                        + MAX_AMOUNT_PRECISION + " digits");
            }
            // The currency's decimals are checked, and the scale set, against the record by the aggregate.
            amount = withoutTrailingZeros(amount);
        }
        if (usdRate != null) usdRate = positiveRate(usdRate, "usdRate");
        rateSource = optionalText(rateSource, "rateSource", MAX_TEXT);
    }

    /** The record's stream in the event store. */
    @TargetAggregateIdentifier
    public String recordAggregateId() {
        return RecordIds.aggregateId(recordId);
    }

    @Override
    public Map<String, LocalDate> factDates() {
        return BusinessDates.named("rateDate", rateDate);
    }
}
