package org.coalitionledger.query.config;

/**
 * The query side's processing groups. Each is also the name of its event processor and of its key under
 * {@code axon.eventhandling.processors} in application.yml. Never rename one: a new name is a new processor, which
 * replays the whole store into a fresh token.
 */
public final class ProcessingGroups {

    /** Every coalition view (year over year, membership, goals, restatements, coalition summary). */
    public static final String COALITION_VIEWS = "coalition-views";

    private ProcessingGroups() {
    }
}
