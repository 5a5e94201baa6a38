package org.coalitionledger.api.reporting;

/** Who reported a figure. Stored by name: never rename a constant. */
public enum ReporterType {
    /** A member company; its figures must fall inside its membership. */
    MEMBER,
    /** A non-governmental organisation, e.g. a convenor's report. */
    NGO,
    /** A public agency. */
    AGENCY
}
