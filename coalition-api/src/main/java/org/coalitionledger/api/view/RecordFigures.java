package org.coalitionledger.api.view;

import org.coalitionledger.api.reporting.UsdValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The figures of one record at one moment, as shown before and after a restatement. One flat shape for all three
 * kinds (so it needs no polymorphic JSON): fields that do not apply to the record's kind are null.
 * <ul>
 *     <li>takedown batch: {@code listingsRemoved}, {@code adsBlocked}, {@code accountsRemoved}</li>
 *     <li>arrest record: {@code arrests}</li>
 *     <li>confiscation: {@code amount}, {@code currency}, {@code usdRate}, {@code rateDate}, {@code rateSource} and
 *     the derived {@code usdValue} ({@link UsdValue#of})</li>
 * </ul>
 */
public record RecordFigures(Long listingsRemoved, Long adsBlocked, Long accountsRemoved, Long arrests,
                            BigDecimal amount, String currency, BigDecimal usdRate, LocalDate rateDate,
                            String rateSource, BigDecimal usdValue) {

    static RecordFigures takedown(long listingsRemoved, long adsBlocked, long accountsRemoved) {
        return new RecordFigures(listingsRemoved, adsBlocked, accountsRemoved, null, null, null, null, null, null, null);
    }

    static RecordFigures arrest(long count) {
        return new RecordFigures(null, null, null, count, null, null, null, null, null, null);
    }

    static RecordFigures confiscation(BigDecimal amount, String currency, BigDecimal usdRate, LocalDate rateDate,
                                      String rateSource) {
        return new RecordFigures(null, null, null, null, amount, currency, usdRate, rateDate, rateSource,
                UsdValue.of(amount, usdRate));
    }

    /** The figures of the year view that this record moves (its non-zero ones). */
    Set<FigureName> contributions() {
        Set<FigureName> names = EnumSet.noneOf(FigureName.class);
        if (listingsRemoved != null && listingsRemoved != 0) names.add(FigureName.LISTINGS_REMOVED);
        if (adsBlocked != null && adsBlocked != 0) names.add(FigureName.ADS_BLOCKED);
        if (accountsRemoved != null && accountsRemoved != 0) names.add(FigureName.ACCOUNTS_REMOVED);
        if (arrests != null && arrests != 0) names.add(FigureName.ARRESTS);
        if (amount != null && amount.signum() != 0) names.add(FigureName.CONFISCATED_AMOUNT);
        if (usdValue != null && usdValue.signum() != 0) names.add(FigureName.CONFISCATED_USD);
        return names;
    }

    /**
     * The figures of the year view whose value differs between {@code before} and this. A correction of the rate's
     * date or source alone changes none of them. Amounts compare by value, so 18000000 and 18000000.00 are equal.
     */
    Set<FigureName> changedFrom(RecordFigures before) {
        Set<FigureName> names = EnumSet.noneOf(FigureName.class);
        if (!Objects.equals(listingsRemoved, before.listingsRemoved)) names.add(FigureName.LISTINGS_REMOVED);
        if (!Objects.equals(adsBlocked, before.adsBlocked)) names.add(FigureName.ADS_BLOCKED);
        if (!Objects.equals(accountsRemoved, before.accountsRemoved)) names.add(FigureName.ACCOUNTS_REMOVED);
        if (!Objects.equals(arrests, before.arrests)) names.add(FigureName.ARRESTS);
        if (!sameValue(amount, before.amount)) names.add(FigureName.CONFISCATED_AMOUNT);
        if (!sameValue(usdValue, before.usdValue)) names.add(FigureName.CONFISCATED_USD);
        return names;
    }

    private static boolean sameValue(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
