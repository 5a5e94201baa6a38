package org.coalitionledger.api.reporting;

/**
 * Records (takedown batches, arrests, confiscations) live in the event store under {@code record:<recordId>}.
 * The prefix keeps record streams apart from coalition streams: ':' is not allowed in any client id, so a record
 * id can never name a coalition's stream.
 */
public final class RecordIds {

    public static final String PREFIX = "record:";

    private RecordIds() {
    }

    public static String aggregateId(String recordId) {
        return PREFIX + recordId;
    }
}
