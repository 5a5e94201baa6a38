package org.coalitionledger.api.coalition;

/** What a goal is measured by. Stored by name: never rename a constant. */
public enum GoalMetric {
    /** Wildlife trafficking online as a whole; every takedown figure bears on it. */
    ONLINE_TRAFFICKING,
    LISTINGS_REMOVED,
    ADS_BLOCKED,
    ACCOUNTS_REMOVED,
    ARRESTS,
    CONFISCATED_USD
}
