package org.coalitionledger.query.views;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

/**
 * The live views that need a coalition's every record (year-over-year, goal progress, the restatement trail),
 * computed once per change of the coalition rather than once per request. A cached answer is keyed by the published
 * generation and the coalition's change count ({@link ViewRows#changeCount}), which the projection raises in the
 * transaction of every batch that changes the coalition: one indexed read of that row per request (one statement,
 * joined with the published generation) tells whether the answer is still the rows' answer, on this node or any
 * other. Concurrent requests for the same stale answer compute it once. The number of answers held is bounded; an
 * evicted one is computed again when asked for.
 */
@Component
class LiveViews {

    private final ViewRows rows;
    private final ViewGenerations generations;
    private final Cache<Key, Object> answers;

    LiveViews(ViewRows rows, ViewGenerations generations,
              @Value("${coalition.views.live-cache-size:1024}") long size) {
        this.rows = rows;
        this.generations = generations;
        this.answers = Caffeine.newBuilder().maximumSize(size).build();
    }

    /** One answer per generation, coalition, change count and view (with its parameters, e.g. the year basis). */
    private record Key(long generation, String coalitionId, long changes, Object view) {
    }

    /**
     * The view {@code compute} makes of the coalition's published rows, from memory while the coalition has not
     * changed; empty when the coalition was not founded.
     *
     * @param view what is computed, with its parameters: equal values for equal answers
     */
    @SuppressWarnings("unchecked")
    <T> Optional<T> get(String coalitionId, Object view, Function<CoalitionLedgerFold, T> compute) {
        // The common case, an answer still held, costs one statement: no transaction to open, set and close.
        ViewRows.PublishedChanges now = rows.publishedChanges(coalitionId);
        if (now == null) {
            return Optional.empty();
        }
        Object held = answers.getIfPresent(new Key(now.generation(), coalitionId, now.changes(), view));
        if (held != null) {
            return Optional.of((T) held);
        }
        return generations.readPublished(generation -> {
            Long changes = rows.changeCount(generation, coalitionId);
            if (changes == null) {
                return Optional.empty();
            }
            T answer = (T) answers.get(new Key(generation, coalitionId, changes, view), key -> rows
                    .coalition(generation, coalitionId, true)
                    .map(CoalitionLedgerFold::restore)
                    .filter(CoalitionLedgerFold::isFounded)
                    .map(compute)
                    .orElse(null));
            return Optional.ofNullable(answer);
        });
    }
}
