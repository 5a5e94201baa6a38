package org.coalitionledger.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Checks, leaf by leaf in log order, that the log's own order is one an honest appender produces: log times never
 * go back, version 1 leaves only come before version 2 ones, and no event enters the log long after the log had
 * passed its position in the store. The last catches a row inserted behind the log's position: an honest commit
 * arrives behind by at most the time a transaction takes, never by {@code maxDelay}.
 *
 * <p>Memory is bounded by the leaves logged within {@code maxDelay} of the newest: older positions fold into one
 * number. Used by the server's verification and the offline verifier alike.
 */
public final class LogOrder {

    private final Duration maxDelay;
    /** Running maxima of the global index, with the log time each was first reached, newest last. */
    private final Deque<long[]> recentMaxima = new ArrayDeque<>();
    private long olderMaximum = Long.MIN_VALUE;
    private Instant previousLoggedAt;
    private boolean seenV2;

    public LogOrder(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    /** An independent copy of this state, to continue from later (incremental verification keeps one). */
    public LogOrder copy() {
        LogOrder copy = new LogOrder(maxDelay);
        for (long[] maximum : recentMaxima) {
            copy.recentMaxima.addLast(maximum.clone());
        }
        copy.olderMaximum = olderMaximum;
        copy.previousLoggedAt = previousLoggedAt;
        copy.seenV2 = seenV2;
        return copy;
    }

    /** The next leaf in log order; a discrepancy when it breaks the order. */
    public Optional<LogDiscrepancy> next(LogLeaf leaf) {
        if (leaf.version() == 1) {
            if (seenV2) {
                return Optional.of(discrepancy(leaf, "a version 1 leaf after version 2 leaves: the log writes v2 only"));
            }
            return Optional.empty();
        }
        seenV2 = true;
        Instant loggedAt = LogTime.parse(leaf.loggedAt());
        if (previousLoggedAt != null && loggedAt.isBefore(previousLoggedAt)) {
            return Optional.of(discrepancy(leaf, "logged at " + leaf.loggedAt() + ", before the leaf ahead of it ("
                    + LogTime.format(previousLoggedAt) + "): log times never go back"));
        }
        previousLoggedAt = loggedAt;
        long cutoff = micros(loggedAt.minus(maxDelay));
        while (!recentMaxima.isEmpty() && recentMaxima.peekFirst()[1] < cutoff) {
            olderMaximum = Math.max(olderMaximum, recentMaxima.pollFirst()[0]);
        }
        Optional<LogDiscrepancy> late = Optional.empty();
        if (leaf.globalIndex() < olderMaximum) {
            late = Optional.of(discrepancy(leaf, "entered the log at " + leaf.loggedAt() + ", more than " + maxDelay
                    .toSeconds() + " s after the log had passed its global index " + leaf.globalIndex()
                    + " (it had logged global index " + olderMaximum + "): an event inserted behind the log's "
                    + "position, or a commit that took that long"));
        }
        long newest = recentMaxima.isEmpty() ? olderMaximum : recentMaxima.peekLast()[0];
        if (leaf.globalIndex() > newest) {
            recentMaxima.addLast(new long[] {leaf.globalIndex(), micros(loggedAt)});
        }
        return late;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    private static LogDiscrepancy discrepancy(LogLeaf leaf, String what) {
        return new LogDiscrepancy(LogDiscrepancy.Kind.OUT_OF_ORDER, leaf.leafIndex(), leaf.eventId(),
                leaf.globalIndex(), "leaf " + leaf.leafIndex() + " (event " + leaf.eventId() + ", global index "
                + leaf.globalIndex() + "): " + what);
    }
}
