package org.coalitionledger.web.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call a route. Administrators may read the views too (they check what they recorded); only auditors read
 * the raw event history and the verifiable log; monitors (and administrators) read metrics and nothing else;
 * nobody but an administrator ever writes.
 */
public enum Access {
    PUBLIC(EnumSet.noneOf(Role.class)),
    ADMIN(EnumSet.of(Role.ADMIN)),
    READER(EnumSet.of(Role.PARTNER, Role.AUDITOR, Role.ADMIN)),
    AUDITOR(EnumSet.of(Role.AUDITOR)),
    METRICS(EnumSet.of(Role.MONITOR, Role.ADMIN));

    private final Set<Role> roles;

    Access(Set<Role> roles) {
        this.roles = roles;
    }

    /** The roles allowed; empty for a public route (anyone, with or without a token). */
    public Set<Role> roles() {
        return roles;
    }

    public boolean allows(Role role) {
        return this == PUBLIC || roles.contains(role);
    }
}
