package org.coalitionledger.api.archviolation;

import org.springframework.context.ApplicationContext;

/** A deliberate violation, as if in coalition-api: ModuleDependencyTest shows its rule catches it. */
public class ApiUsingSpring {
    public Class<?> springType() {
        return ApplicationContext.class;
    }
}
