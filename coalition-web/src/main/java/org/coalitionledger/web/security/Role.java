package org.coalitionledger.web.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The four roles of the API; every credential (bootstrap token, named API key, OIDC token) carries exactly one.
 * The authority a credential carries is {@code ROLE_<name>}. Sent and stored by name: never rename a constant.
 */
public enum Role {
    /** Records facts: every write, the bulk import, projection rebuilds, issuing and revoking API keys. */
    ADMIN,
    /** Reads the views (coalitions, members, year-over-year, goals, restatements, live updates). */
    PARTNER,
    /** Reads the views and every event with its metadata; uses the verifiable log. */
    AUDITOR,
    /** Scrapes metrics (Prometheus) and nothing else: no view, no event, no write. */
    MONITOR;

    public String authority() {
        return "ROLE_" + name();
    }

    /** The role a name stands for, case-insensitively ({@code admin}, {@code PARTNER}, ...); empty if none. */
    public static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
