package org.coalitionledger.query.views;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.FoldHead;
import org.coalitionledger.api.view.FoldSnapshot;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The live views that need a coalition's every record (year-over-year, goal progress, the restatement trail),
 * computed once per change of the coalition rather than once per request. A held answer carries the published
 * generation and the coalition's change count ({@link ViewRows#changeCount}) it was computed at; the projection raises
 * that count in the transaction of every batch that changes the coalition, so one indexed read of that row per request
 * (one statement, joined with the published generation) tells whether the answer is still the rows' answer, on this
 * node or any other. Concurrent requests for the same stale answer compute it once. One answer is held per coalition
 * and view, the newest computed: a change replaces it rather than adding one beside it, so a coalition that keeps
 * changing cannot fill the memory with answers no request will ask for again. The number held is bounded as well; an
 * evicted one is computed again when asked for.
 *
 * <p>Answers are computed from the coalition's head ({@link FoldHead}: its year rows, memberships and goals, small
 * whatever its records), held per coalition as of a change count. When only new records were written since
 * ({@link ViewRows#recordsAddedSince}, the usual case under steady reporting), the head is carried forward with those
 * records alone; a membership fact, a goal or a correction or retraction of an earlier record makes it read every
 * record once. The trail is read from the restatement rows alone.
 */
@Component
class LiveViews {

    private final ViewRows rows;
    private final ViewGenerations generations;
    private final Cache<Key, Held> answers;
    private final Cache<String, Head> heads;

    LiveViews(ViewRows rows, ViewGenerations generations,
              @Value("${coalition.views.live-cache-size:1024}") long size) {
        this.rows = rows;
        this.generations = generations;
        this.answers = Caffeine.newBuilder().maximumSize(size).build();
        this.heads = Caffeine.newBuilder().maximumSize(size).build();
    }

    /**
     * A coalition's head as of a generation and change count; confirmed once no batch is known to have committed while
     * it was read ({@link #confirm}): only a confirmed head is carried forward.
     */
    private record Head(long generation, long changes, FoldHead head, boolean confirmed) {

        Head confirm() {
            return new Head(generation, changes, head, true);
        }
    }

    /** One answer per coalition and view (with its parameters, e.g. the year basis). */
    private record Key(String coalitionId, Object view) {
    }

    /** An answer, and the published generation and change count of the rows it was computed from. */
    private record Held(long generation, long changes, Object answer) {

        boolean isOf(long generation, long changes) {
            return this.generation == generation && this.changes == changes;
        }

        /** Computed from the same rows as those, or from later ones. */
        boolean atLeast(long generation, long changes) {
            return this.generation > generation || (this.generation == generation && this.changes >= changes);
        }
    }

    /**
     * The view {@code compute} makes of the coalition's published rows, from memory while the coalition has not
     * changed; empty when the coalition was not founded.
     *
     * @param view what is computed, with its parameters: equal values for equal answers
     */
    @SuppressWarnings("unchecked")
    <T> Optional<T> get(String coalitionId, Object view, boolean trail, Function<CoalitionLedgerFold, T> compute) {
        // The common case, an answer still held, costs one statement: no transaction to open, set and close.
        ViewRows.PublishedChanges now = rows.publishedChanges(coalitionId);
        if (now == null) {
            return Optional.empty();
        }
        Key key = new Key(coalitionId, view);
        Held held = answers.getIfPresent(key);
        if (held != null && held.isOf(now.generation(), now.changes())) {
            return Optional.of((T) held.answer());
        }
        Head[] made = new Head[1];
        Optional<T> result = generations.readPublished(generation -> {
            Long changes = rows.changeCount(generation, coalitionId);
            if (changes == null) {
                return Optional.empty();
            }
            // A request that read the rows before a later change may find that change's answer held already: a
            // live view newer than the one it asked for, never an older one.
            Held answer = answers.asMap().compute(key, (k, old) -> {
                if (old != null && old.atLeast(generation, changes)) {
                    return old;
                }
                return (trail ? rows.trail(generation, coalitionId).map(CoalitionLedgerFold::restore)
                                : head(generation, changes, coalitionId, made).map(CoalitionLedgerFold::continueFrom))
                        .filter(CoalitionLedgerFold::isFounded)
                        .map(compute)
                        .map(computed -> new Held(generation, changes, computed))
                        .orElse(null);
            });
            return Optional.ofNullable(answer == null ? null : (T) answer.answer());
        });
        if (made[0] != null) {
            confirm(coalitionId, made[0]);
        }
        return result;
    }

    /**
     * The coalition's head at the rows' change count: the held one, carried forward with the records added since
     * when nothing else changed, else made from every row; empty when the coalition was not founded.
     */
    private Optional<FoldHead> head(long generation, long changes, String coalitionId, Head[] made) {
        Head head = heads.asMap().compute(coalitionId, (id, held) -> {
            if (held != null && held.generation() == generation && held.changes() >= changes) {
                return held;
            }
            Head next = null;
            if (held != null && held.confirmed() && held.generation() == generation) {
                Optional<List<FoldSnapshot.RecordState>> added = rows.recordsAddedSince(generation, id,
                        held.changes());
                if (added.isPresent()) {
                    next = new Head(generation, changes,
                            CoalitionLedgerFold.continueFrom(held.head(), added.get()).head(), false);
                }
            }
            if (next == null) {
                next = rows.coalition(generation, id, true)
                        .map(CoalitionLedgerFold::restore)
                        .filter(CoalitionLedgerFold::isFounded)
                        .map(fold -> new Head(generation, changes, fold.head(), false))
                        .orElse(null);
            }
            made[0] = next;
            return next;
        });
        return Optional.ofNullable(head).map(Head::head);
    }

    /**
     * Confirms a head made in a read, after the read: it is carried forward later only if the coalition's change
     * count is still the head's, so no batch committed while it was read. A read that saw rows of a later batch
     * (should the database's snapshot let rows a later commit inserted through, as H2's repeatable read does) made a
     * head holding more than its count: its answers were newer than asked for, never older, but adding that batch's
     * records to it again would count them twice, so it is dropped.
     */
    private void confirm(String coalitionId, Head made) {
        ViewRows.PublishedChanges now = rows.publishedChanges(coalitionId);
        boolean unchanged = now != null && now.generation() == made.generation() && now.changes() == made.changes();
        heads.asMap().computeIfPresent(coalitionId, (id, held) -> held != made ? held
                : unchanged ? made.confirm() : null);
    }

    /** How many answers are held for the coalition (every view together). */
    long answersHeld(String coalitionId) {
        return answers.asMap().keySet().stream().filter(key -> key.coalitionId().equals(coalitionId)).count();
    }
}
