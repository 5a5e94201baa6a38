package org.coalitionledger.verifier.archviolation;

import org.springframework.web.reactive.function.client.WebClient;

/** A deliberate violation, as if in coalition-verifier: ModuleDependencyTest shows its rule catches it. */
public class VerifierUsingSpring {
    public Class<?> springClient() {
        return WebClient.class;
    }
}
