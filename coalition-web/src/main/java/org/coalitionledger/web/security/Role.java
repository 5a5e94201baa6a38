package org.coalitionledger.web.security;

/** The three roles of the API. The authority a token carries is {@code ROLE_<name>}. */
public enum Role {
    /** Records facts: every write, the bulk import, projection rebuilds. */
    ADMIN,
    /** Reads the views (coalitions, members, year-over-year, goals, restatements, live updates). */
    PARTNER,
    /** Reads the views and every event with its metadata; uses the verifiable log. */
    AUDITOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
