package org.coalitionledger.audit.archviolation;

import org.coalitionledger.verifier.CoalitionVerifier;

/** A deliberate violation, as if in coalition-audit: ModuleDependencyTest shows its rule catches it. */
public class AuditUsingVerifier {
    public Class<?> commandLine() {
        return CoalitionVerifier.class;
    }
}
