package org.coalitionledger.query.archviolation;

import org.coalitionledger.command.config.CommandConfiguration;

/** A deliberate violation, as if in coalition-query: ModuleDependencyTest shows its rule catches it. */
public class QueryUsingCommand {
    public Class<?> commandSide() {
        return CommandConfiguration.class;
    }
}
