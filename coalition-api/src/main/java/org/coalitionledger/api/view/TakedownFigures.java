package org.coalitionledger.api.view;

/** The three takedown figures, as a breakdown cell (by reporter, region, sector or category). */
public record TakedownFigures(long listingsRemoved, long adsBlocked, long accountsRemoved) {

    public static final TakedownFigures ZERO = new TakedownFigures(0, 0, 0);

    public TakedownFigures plus(TakedownFigures other) {
        return new TakedownFigures(Math.addExact(listingsRemoved, other.listingsRemoved),
                Math.addExact(adsBlocked, other.adsBlocked), Math.addExact(accountsRemoved, other.accountsRemoved));
    }
}
