package org.coalitionledger.api.view;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every figure of a year (or of the years so far). Counts are exact longs; confiscations are kept per original
 * currency (ISO 4217 code to amount) and as the sum of each record's own USD value, never re-converted from the
 * per-currency sums: a record is valued at the rate it was recorded with.
 */
public record Figures(long listingsRemoved, long adsBlocked, long accountsRemoved, long arrests,
                      SortedMap<String, BigDecimal> confiscatedByCurrency, BigDecimal confiscatedUsd) {

    /** USD zero keeps the cents scale, so an empty year prints 0.00 like every other USD figure. */
    static final BigDecimal USD_ZERO = new BigDecimal("0.00");

    public static final Figures ZERO = new Figures(0, 0, 0, 0, new TreeMap<>(), USD_ZERO);

    public Figures {
        confiscatedByCurrency = Views.sortedCopy(confiscatedByCurrency);
        confiscatedUsd = confiscatedUsd == null ? USD_ZERO : confiscatedUsd;
    }

    /** The takedown figures alone. */
    public TakedownFigures takedowns() {
        return new TakedownFigures(listingsRemoved, adsBlocked, accountsRemoved);
    }

    public Figures plus(Figures other) {
        var currencies = new TreeMap<>(confiscatedByCurrency);
        for (Map.Entry<String, BigDecimal> e : other.confiscatedByCurrency.entrySet()) {
            currencies.merge(e.getKey(), e.getValue(), BigDecimal::add);
        }
        return new Figures(Math.addExact(listingsRemoved, other.listingsRemoved),
                Math.addExact(adsBlocked, other.adsBlocked), Math.addExact(accountsRemoved, other.accountsRemoved),
                Math.addExact(arrests, other.arrests), currencies, confiscatedUsd.add(other.confiscatedUsd));
    }
}
