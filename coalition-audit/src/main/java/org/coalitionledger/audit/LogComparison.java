package org.coalitionledger.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Recomputes every leaf from the stored events and compares it with the log, naming each leaf whose event was
 * altered, removed or moved. Used by the server's verification (events read from the database) and by the
 * offline verifier (events read from a bundle), so both judge a ledger by the same rules.
 */
public final class LogComparison {

    private static final int PROGRESS_EVERY = 10_000;

    private LogComparison() {
    }

    /**
     * Compares the log with the stored events.
     *
     * @param leaves          the log's leaves, in leaf order
     * @param events          the stored events (any order); events the log does not name are reported as
     *                        {@link LogDiscrepancy.Kind#UNLOGGED} only if {@code reportUnlogged}
     * @param reportUnlogged  whether stored events without a leaf are discrepancies (true for a bundle, which
     *                        must hold only logged events; false where the log may simply not have caught up)
     * @return every discrepancy, in leaf order, then unlogged events by global index; empty when all agree
     */
    public static List<LogDiscrepancy> compare(List<LogLeaf> leaves, Collection<StoredEvent> events,
            boolean reportUnlogged) {
        return compare(leaves, events, reportUnlogged, checked -> { });
    }

    /** As {@link #compare(List, Collection, boolean)}, telling {@code progress} how many leaves are checked. */
    public static List<LogDiscrepancy> compare(List<LogLeaf> leaves, Collection<StoredEvent> events,
            boolean reportUnlogged, LongConsumer progress) {
        Map<Long, StoredEvent> byGlobalIndex = new HashMap<>();
        Map<String, StoredEvent> byEventId = new HashMap<>();
        for (StoredEvent event : events) {
            byGlobalIndex.put(event.globalIndex(), event);
            byEventId.put(event.eventId(), event);
        }
        List<LogDiscrepancy> found = new ArrayList<>();
        Set<String> logged = new HashSet<>();
        long checked = 0;
        for (LogLeaf leaf : leaves) {
            if (++checked % PROGRESS_EVERY == 0) {
                progress.accept(checked);
            }
            logged.add(leaf.eventId());
            LogDiscrepancy discrepancy = check(leaf, byGlobalIndex.get(leaf.globalIndex()),
                    byEventId.get(leaf.eventId()));
            if (discrepancy != null) {
                found.add(discrepancy);
            }
        }
        progress.accept(checked);
        if (reportUnlogged) {
            events.stream().filter(e -> !logged.contains(e.eventId()))
                    .sorted(java.util.Comparator.comparingLong(StoredEvent::globalIndex))
                    .forEach(e -> found.add(new LogDiscrepancy(LogDiscrepancy.Kind.UNLOGGED, -1, e.eventId(),
                            e.globalIndex(), "event " + e.eventId() + " at global index " + e.globalIndex()
                            + " is stored but no leaf of the log was computed from it")));
        }
        return found;
    }

    /**
     * Checks one leaf against the store.
     *
     * @param atLoggedPosition the stored event at the leaf's global index, or null if none
     * @param withLoggedId     the stored event with the leaf's event id, or null if none
     * @return the discrepancy, or null when the leaf recomputes from the event at its position
     */
    public static LogDiscrepancy check(LogLeaf leaf, StoredEvent atLoggedPosition, StoredEvent withLoggedId) {
        if (atLoggedPosition != null && atLoggedPosition.eventId().equals(leaf.eventId())) {
            byte[] recomputed = LeafEncoding.leafHash(leaf, atLoggedPosition);
            if (MessageDigest.isEqual(recomputed, leaf.leafHash())) {
                return null;
            }
            return new LogDiscrepancy(LogDiscrepancy.Kind.ALTERED, leaf.leafIndex(), leaf.eventId(),
                    leaf.globalIndex(), subject(leaf) + ": the stored event was altered; its row hashes to "
                    + hex(recomputed) + ", the log holds " + hex(leaf.leafHash()));
        }
        if (atLoggedPosition == null && withLoggedId == null) {
            return new LogDiscrepancy(LogDiscrepancy.Kind.MISSING, leaf.leafIndex(), leaf.eventId(),
                    leaf.globalIndex(), subject(leaf) + ": the event is missing from the event store");
        }
        StringBuilder detail = new StringBuilder(subject(leaf)).append(": the event was moved; global index ")
                .append(leaf.globalIndex());
        detail.append(atLoggedPosition == null ? " is empty"
                : " now holds event " + atLoggedPosition.eventId());
        if (withLoggedId == null) {
            detail.append(", and the event itself is nowhere in the store");
        } else {
            // Judged at the position it was logged at: a v2 leaf binds the position, which is what moved.
            StoredEvent backInPlace = new StoredEvent(leaf.globalIndex(), withLoggedId.eventId(),
                    withLoggedId.aggregateType(), withLoggedId.aggregateId(), withLoggedId.sequenceNumber(),
                    withLoggedId.payloadType(), withLoggedId.payloadRevision(), withLoggedId.timestamp(),
                    withLoggedId.payload(), withLoggedId.metadata());
            boolean intact = MessageDigest.isEqual(LeafEncoding.leafHash(leaf, backInPlace), leaf.leafHash());
            detail.append(", and the event is now at global index ").append(withLoggedId.globalIndex())
                    .append(intact ? " (content intact)" : " (content altered as well)");
        }
        return new LogDiscrepancy(LogDiscrepancy.Kind.REORDERED, leaf.leafIndex(), leaf.eventId(),
                leaf.globalIndex(), detail.toString());
    }

    /** How a discrepancy names its leaf; made only for one (a clean leaf, nearly every one, needs no text). */
    private static String subject(LogLeaf leaf) {
        return "leaf " + leaf.leafIndex() + " (event " + leaf.eventId() + ", global index " + leaf.globalIndex() + ")";
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
