package org.coalitionledger.api.view;

/** The kinds of figure record the ledger holds. Sent by name: never rename a constant. */
public enum RecordKind {
    TAKEDOWN_BATCH,
    ARREST,
    CONFISCATION
}
