package org.coalitionledger.api.view;

/** The figures a year row holds, used to say which of them were restated. Sent by name: never rename. */
public enum FigureName {
    LISTINGS_REMOVED,
    ADS_BLOCKED,
    ACCOUNTS_REMOVED,
    ARRESTS,
    /** The per-currency confiscated amounts. */
    CONFISCATED_AMOUNT,
    /** The confiscated value in US dollars (changes with the amount or the rate). */
    CONFISCATED_USD
}
