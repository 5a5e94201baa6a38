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
 * Restate the figures of a record; {@code expectedVersion}, when given, is the record's version the correction was
 * decided on (its ETag): a record that changed since is not corrected (unless this is the very correction made at
 * that version, repeated). Without it, a repeat of any earlier correction of the record is recognised and records
 * nothing.
 * <p>
 * Only the figures given change; the others keep their current value. Which
 * figures apply depends on the record: listings/ads/accounts for a takedown batch, count for arrests,
 * amount/usdRate/rateDate/rateSource for a confiscation (its currency never changes: retract and record anew).
 */
public record CorrectRecordCommand(String coalitionId, String recordId,
                                   Long listingsRemoved, Long adsBlocked, Long accountsRemoved, Long count,
                                   BigDecimal amount, BigDecimal usdRate, LocalDate rateDate, String rateSource,
                                   String reason, Long expectedVersion) implements BusinessDates, RecordCommand {
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
        if (expectedVersion != null && expectedVersion < 0) {
            throw invalid(CoalitionErrorCode.INVALID_COUNT, "expectedVersion must be 0 or more");
        }
    }

    /** A correction not guarded by a version. */
    public CorrectRecordCommand(String coalitionId, String recordId, Long listingsRemoved, Long adsBlocked,
                                Long accountsRemoved, Long count, BigDecimal amount, BigDecimal usdRate,
                                LocalDate rateDate, String rateSource, String reason) {
        this(coalitionId, recordId, listingsRemoved, adsBlocked, accountsRemoved, count, amount, usdRate, rateDate,
                rateSource, reason, null);
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
        return BusinessDates.named("rateDate", rateDate);
    }
}
