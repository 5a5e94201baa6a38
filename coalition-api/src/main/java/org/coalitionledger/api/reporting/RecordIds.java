package org.coalitionledger.api.reporting;

import org.coalitionledger.api.CoalitionIds;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a record (takedown batch, arrest, confiscation) lives in the event store. A record id is the client's and
 * only unique within its coalition, so a record's stream is {@code record:<coalitionId>:<recordId>}: another
 * coalition may use the same id for its own record and learns nothing from doing so.
 * <p>
 * Records made before ids were scoped live on {@code record:<recordId>} (a legacy stream) and stay there: a command
 * for such a record id addresses the legacy stream only when that stream exists and belongs to the command's
 * coalition; otherwise the coalition's own scoped stream. No legacy stream is ever created any more, so the answer
 * for a given record never changes. The prefix keeps record streams apart from coalition streams: ':' is not allowed
 * in any client id, so a record stream can never name a coalition's stream, and a legacy stream (one ':') never
 * names a scoped one (two).
 */
public final class RecordIds {

    public static final String PREFIX = "record:";

    private RecordIds() {
    }

    /** The stream of a record recorded now: scoped to its coalition. */
    public static String aggregateId(String coalitionId, String recordId) {
        return PREFIX + coalitionId + ":" + recordId;
    }

    /** The stream records used before ids were scoped (global across coalitions). */
    public static String legacyAggregateId(String recordId) {
        return PREFIX + recordId;
    }

    /** True for a record's stream, scoped or legacy. */
    public static boolean isRecordStream(String aggregateId) {
        return aggregateId != null && aggregateId.startsWith(PREFIX);
    }

    /**
     * The stream a command for {@code recordId} of {@code coalitionId} addresses: the legacy stream when it exists and
     * its first event names this coalition, else the scoped one.
     *
     * @param firstPayload the first event's payload of a stream, empty when the stream has no events
     */
    public static String resolve(String coalitionId, String recordId, Function<String, Optional<Object>> firstPayload) {
        String legacy = legacyAggregateId(recordId);
        boolean ownLegacy = firstPayload.apply(legacy)
                .flatMap(CoalitionIds::of)
                .filter(owner -> Objects.equals(owner, coalitionId))
                .isPresent();
        return ownLegacy ? legacy : aggregateId(coalitionId, recordId);
    }
}
