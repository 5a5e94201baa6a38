package org.coalitionledger.api.view;

/** What a restatement did to a record. Sent by name: never rename a constant. */
public enum RestatementType {
    /** New figures replace the old ones. */
    CORRECTION,
    /** The record counts for nothing from then on. */
    RETRACTION
}
