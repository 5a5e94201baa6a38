package org.coalitionledger.query.views;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.coalitionledger.api.view.FoldSnapshot;
import org.coalitionledger.api.view.FoldSnapshot.RecordState;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.RestatementView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fills a new generation of the coalition views straight from the event store, folding in parallel: the first part
 * of a rebuild. The processor's replay folds one coalition's events on one segment, one event and two statements at
 * a time; a fill reads the store page by page, a page or two ahead, folds each page's slices ({@link ViewSlice}) on a
 * pool of threads, so one coalition's records are folded side by side, and writes the page's rows in batches of
 * statements while the pool folds the next page.
 * <p>
 * Every slice's rows are what the processor would have written for the same events: the same shared fold
 * ({@link SliceChange}) takes the slice's events in store order, from the slice as stored, or as the page before
 * folded it where that page's rows are not written yet. The fill writes in its
 * caller's transaction, with the processor shut down, and hands the caller the tracking token of the last event it
 * folded (gaps in the global index included); the caller resets the processor to that token in the same transaction, so
 * the replay folds every later event, and an event committing into a gap the fill passed, once. A fill that fails
 * (an event it cannot read or fold, say) fails whole: its transaction rolls back, and the processor's replay, which
 * parks a failing event as it always does, rebuilds the generation instead.
 */
@Component
public class GenerationFill {

    private static final Logger log = LoggerFactory.getLogger(GenerationFill.class);

    private final EventStorageEngine storage;
    private final ViewRows rows;
    private final ViewGenerations generations;
    private final int threads;
    /** Events read, folded and written at a time: bounds the memory a fill holds. */
    private final int pageSize;
    private final ThreadLocal<Boolean> fillingHere = ThreadLocal.withInitial(() -> false);
    private final AtomicLong position = new AtomicLong(-1);
    private volatile Report lastReport;

    GenerationFill(EventStorageEngine storage, ViewRows rows, ViewGenerations generations,
                   @Value("${coalition.views.fill-threads:0}") int threads,
                   @Value("${coalition.views.fill-page:1000}") int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("coalition.views.fill-page must be at least 1, not " + pageSize);
        }
        this.pageSize = pageSize;
        this.storage = storage;
        this.rows = rows;
        this.generations = generations;
        this.threads = threads > 0 ? threads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * What a fill did.
     *
     * @param generation              the generation it filled
     * @param lastToken               the tracking token of the last event it folded; null when it folded none
     * @param events                  events read (those no view folds included)
     * @param mostTasksOneCoalition   the most parallel tasks one coalition's slices were folded in (the pool runs a
     *                                page's tasks side by side, one per thread)
     */
    public record Report(long generation, TrackingToken lastToken, long events, int mostTasksOneCoalition) {
    }

    /**
     * Fills the generation being built (opened, empty, by the processor's reset) with what the store holds, up to its
     * head as the fill reads it, then hands the report to {@code resetProcessor}, which must reset the views processor
     * to the report's last token. Writes in the caller's transaction, which must commit the fill and the reset
     * together (the store is read ahead on a thread of its own, {@link ReadAhead}); the processor's reset handler,
     * called from {@code resetProcessor}, keeps the filled generation.
     */
    public synchronized Report fill(Consumer<Report> resetProcessor) {
        fillingHere.set(true);
        position.set(-1);
        ExecutorService pool = Executors.newFixedThreadPool(threads, named("views-fill-"));
        ExecutorService reader = Executors.newSingleThreadExecutor(named("views-fill-read-"));
        Map<String, Set<Integer>> tasksByCoalition = new ConcurrentHashMap<>();
        WrittenRecords written = new WrittenRecords();
        ReadAhead pages = new ReadAhead(pool);
        try {
            Long generation = generations.state().building();
            if (generation == null) {
                throw new IllegalStateException("no views generation is being built: reset the processor first");
            }
            reader.execute(pages::readAll);
            TrackingToken lastToken = null;
            long read = 0;
            // A page's rows are written while the pool folds the next page: the next page's slices that the page
            // changed are taken from its fold, not from rows not written yet.
            FoldedPage unwritten = null;
            for (ReadPage page = pages.next(); page != null; page = pages.next()) {
                List<Item> items = results(page.items());
                List<Future<List<SliceResult>>> folding = foldSlices(items,
                        storedSlices(generation, items, written, unwritten), pool, tasksByCoalition);
                if (unwritten != null) {
                    write(generation, unwritten.results(), written);
                    lastToken = unwritten.lastToken();
                    position.set(lastToken.position().orElse(-1));
                }
                List<SliceResult> results = new ArrayList<>();
                results(folding).forEach(results::addAll);
                unwritten = new FoldedPage(results, page.lastToken());
                read += items.size();
            }
            if (unwritten != null) {
                write(generation, unwritten.results(), written);
                lastToken = unwritten.lastToken();
                position.set(lastToken.position().orElse(-1));
            }
            rows.countFillAsFirstChange(generation);
            int most = tasksByCoalition.values().stream().mapToInt(Set::size).max().orElse(0);
            Report report = new Report(generation, lastToken, read, most);
            log.info("Views generation {} filled from the store: {} events up to position {}, on {} threads",
                    generation, read, position.get(), threads);
            resetProcessor.accept(report);
            lastReport = report;
            return report;
        } finally {
            // The reader is told to stop, not interrupted: an interrupt during a read can close an H2 file.
            pages.stop();
            reader.shutdown();
            pool.shutdownNow();
            fillingHere.set(false);
            position.set(-1);
        }
    }

    /** A page read ahead: its last event's token, and its events being decoded on the pool. */
    private record ReadPage(TrackingToken lastToken, List<Future<Item>> items) {
    }

    /** A page folded, its rows not written yet: each slice's fold, and the page's last event's token. */
    private record FoldedPage(List<SliceResult> results, TrackingToken lastToken) {
    }

    /**
     * Reads the store a page or two ahead of the fold, on a thread of its own (each of Axon's fetches in a short
     * transaction of its own: the store is only appended to), and starts decoding each page on the pool as soon as it
     * is read; so reading, decoding and the fill's writes overlap instead of taking turns. Holds at most
     * {@value #PAGES_AHEAD} pages beyond the one being read.
     */
    private final class ReadAhead {

        private static final int PAGES_AHEAD = 2;
        private static final Object END = new Object();
        private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(PAGES_AHEAD);
        private final ExecutorService pool;
        private volatile boolean stopped;

        ReadAhead(ExecutorService pool) {
            this.pool = pool;
        }

        /** On the reader's thread: every page, then the end, or what failed; gives up once the fill has ended. */
        void readAll() {
            try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
                List<TrackedEventMessage<?>> page = new ArrayList<>(pageSize);
                while (events.hasNext()) {
                    page.add(events.next());
                    if (page.size() == pageSize || !events.hasNext()) {
                        if (!put(new ReadPage(page.get(page.size() - 1).trackingToken(), decode(page, pool)))) {
                            return;
                        }
                        page = new ArrayList<>(pageSize);
                    }
                }
                put(END);
            } catch (RuntimeException | Error e) {
                put(e);
            }
        }

        /** Queues a page for the fill, waiting while it is {@value #PAGES_AHEAD} ahead; false once it has ended. */
        private boolean put(Object page) {
            try {
                while (!stopped) {
                    if (pages.offer(page, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The fill has ended, whether done or failed: the reader stops at its next page. */
        void stop() {
            stopped = true;
        }

        /** On the fill's thread: the next page, or null after the last; the reader's failure fails the fill. */
        ReadPage next() {
            Object next;
            try {
                next = pages.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("views fill interrupted", e);
            }
            if (next instanceof Throwable failure) {
                throw new IllegalStateException("views fill failed reading the store: " + failure.getMessage(),
                        failure);
            }
            return next == END ? null : (ReadPage) next;
        }
    }

    /** A fill runs on this thread: a processor reset here keeps the generation it filled. */
    boolean fillingOnThisThread() {
        return fillingHere.get();
    }

    /** The global index the running fill has folded up to; -1 when none runs (or it has folded nothing yet). */
    public long position() {
        return position.get();
    }

    /** The last fill's report on this node (tests and logs); null before the first. */
    public Report lastReport() {
        return lastReport;
    }

    /** One event of a page, decoded: its global index, its slice (null if no view folds it) and its entry. */
    private record Item(long position, ViewSlice slice, LedgerEntry entry) {
    }

    /** Starts reading each event's payload and metadata on the pool. */
    private static List<Future<Item>> decode(List<TrackedEventMessage<?>> page, ExecutorService pool) {
        List<Future<Item>> items = new ArrayList<>(page.size());
        for (TrackedEventMessage<?> message : page) {
            items.add(pool.submit(() -> {
                long position = message.trackingToken().position().orElseThrow(() -> new IllegalStateException(
                        "event " + message.getIdentifier() + " read without a store position"));
                ViewSlice slice = ViewSlice.of(message.getPayload()).orElse(null);
                return new Item(position, slice, slice == null ? null : LedgerEntries.of(message));
            }));
        }
        return items;
    }

    /** The tasks' results in order, waiting for each; the first failure fails the fill. */
    private static <T> List<T> results(List<Future<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("views fill failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("views fill interrupted", e);
        }
    }

    /**
     * The stored state of every slice the page's events touch, read on the transaction's thread: as the page before
     * ({@code unwritten}, null for the first) left it where that page changed it (its rows are written after this
     * read), else as stored. A record's row is read only if this fill may have written it before ({@code written}):
     * the generation started empty.
     */
    private Map<ViewSlice, FoldSnapshot> storedSlices(long generation, List<Item> items, WrittenRecords written,
                                                      FoldedPage unwritten) {
        Map<ViewSlice, FoldSnapshot> before = new HashMap<>();
        if (unwritten != null) {
            unwritten.results().forEach(result -> before.put(result.slice, result.state));
        }
        Map<ViewSlice, FoldSnapshot> stored = new HashMap<>();
        for (Item item : items) {
            ViewSlice slice = item.slice();
            if (slice == null || stored.containsKey(slice)) {
                continue;
            }
            FoldSnapshot folded = before.get(slice);
            if (folded != null) {
                stored.put(slice, folded);
                continue;
            }
            boolean unwrittenRecord = slice.kind() == ViewSlice.Kind.RECORD
                    && !written.mightContain(slice.coalitionId(), slice.key());
            // Foundings, memberships and goals are few beside records: one statement each, as for a written record.
            stored.put(slice, unwrittenRecord ? ViewRows.sliceOf(slice.coalitionId(), null, List.of(), null, null)
                    : rows.slice(generation, slice));
        }
        return stored;
    }

    /** A slice's fold over a page: its state as stored and after, and where each new row began. */
    private static final class SliceResult {
        final ViewSlice slice;
        final FoldSnapshot stored;
        FoldSnapshot state;
        long recordPosition = -1;
        long goalPosition = -1;
        final Map<Integer, Long> newStintPositions = new HashMap<>();
        final List<ViewRows.RestatementRow> restatements = new ArrayList<>();
        /** The record rows to insert or update, their JSON made by the thread that folded them. */
        final List<ViewRows.RecordRow> recordInserts = new ArrayList<>();
        final List<ViewRows.RecordRow> recordUpdates = new ArrayList<>();

        SliceResult(ViewSlice slice, FoldSnapshot stored) {
            this.slice = slice;
            this.stored = stored;
            this.state = stored;
        }
    }

    /**
     * Starts folding each slice's events in order, slices spread over the pool's threads by the slice's hash; the
     * futures give the slices' folds.
     */
    private List<Future<List<SliceResult>>> foldSlices(List<Item> items, Map<ViewSlice, FoldSnapshot> stored,
                                                       ExecutorService pool,
                                                       Map<String, Set<Integer>> tasksByCoalition) {
        Map<ViewSlice, List<Item>> bySlice = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.slice() != null) {
                bySlice.computeIfAbsent(item.slice(), s -> new ArrayList<>()).add(item);
            }
        }
        int parts = threads;
        List<List<ViewSlice>> partition = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            partition.add(new ArrayList<>());
        }
        bySlice.keySet().forEach(slice -> partition.get(Math.floorMod(slice.hashCode(), parts)).add(slice));

        List<Callable<List<SliceResult>>> tasks = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            List<ViewSlice> slices = partition.get(part);
            int task = part;
            if (!slices.isEmpty()) {
                tasks.add(() -> {
                    List<SliceResult> results = new ArrayList<>(slices.size());
                    for (ViewSlice slice : slices) {
                        tasksByCoalition.computeIfAbsent(slice.coalitionId(), c -> ConcurrentHashMap.newKeySet())
                                .add(task);
                        results.add(foldSlice(slice, stored.get(slice), bySlice.get(slice)));
                    }
                    return results;
                });
            }
        }
        return tasks.stream().map(pool::submit).toList();
    }

    /** One slice's events folded in order, as the projection folds them one batch after another. */
    private static SliceResult foldSlice(ViewSlice slice, FoldSnapshot stored, List<Item> events) {
        SliceResult result = new SliceResult(slice, stored);
        for (Item item : events) {
            SliceChange change = SliceChange.of(result.state, item.entry());
            for (SliceChange.NumberedStint numbered : change.changedStints()) {
                if (numbered.stintNo() >= stored.stints().size()) {
                    result.newStintPositions.putIfAbsent(numbered.stintNo(), item.position());
                }
            }
            if (!change.changedRecords().isEmpty() && result.recordPosition < 0) {
                result.recordPosition = item.position();
            }
            if (change.newGoal() != null && result.goalPosition < 0) {
                result.goalPosition = item.position();
            }
            for (RestatementView restatement : change.newRestatements()) {
                result.restatements.add(new ViewRows.RestatementRow(slice.coalitionId(), item.position(),
                        restatement));
            }
            FoldSnapshot after = change.after();
            result.state = ViewRows.sliceOf(slice.coalitionId(), after.founded(), after.stints(),
                    after.goals().isEmpty() ? null : after.goals().get(0),
                    after.records().isEmpty() ? null : after.records().get(0));
        }
        for (RecordState record : new SliceChange(stored, result.state).changedRecords()) {
            if (stored.records().isEmpty()) {
                result.recordInserts.add(new ViewRows.RecordRow(slice.coalitionId(), result.recordPosition, record));
            } else {
                result.recordUpdates.add(new ViewRows.RecordRow(slice.coalitionId(), -1, record));
            }
        }
        return result;
    }

    /**
     * Writes the page's rows as change 1: records and restatements in batches (their JSON already made by the pool),
     * the few others one by one.
     */
    private void write(long generation, List<SliceResult> results, WrittenRecords written) {
        List<ViewRows.RecordRow> inserts = new ArrayList<>();
        List<ViewRows.RecordRow> updates = new ArrayList<>();
        List<ViewRows.RestatementRow> restatements = new ArrayList<>();
        for (SliceResult result : results) {
            inserts.addAll(result.recordInserts);
            updates.addAll(result.recordUpdates);
            restatements.addAll(result.restatements);
            if (result.slice.kind() == ViewSlice.Kind.RECORD) {
                continue; // Its rows were made by the pool.
            }
            String coalitionId = result.slice.coalitionId();
            SliceChange change = new SliceChange(result.stored, result.state);
            if (change.newFounding() != null) {
                rows.insertFounding(generation, coalitionId, change.newFounding());
            }
            for (SliceChange.NumberedStint numbered : change.changedStints()) {
                long position = result.newStintPositions.getOrDefault(numbered.stintNo(), -1L);
                rows.putStint(generation, coalitionId, numbered.stint().joined().memberId(), numbered.stintNo(),
                        position, numbered.stint(), 1);
            }
            if (change.newGoal() != null) {
                rows.insertGoal(generation, coalitionId, result.goalPosition, change.newGoal(), 1);
            }
        }
        rows.putRecords(generation, inserts, updates);
        // Under the key the next pages look records up by: their slice's.
        results.stream().filter(result -> !result.recordInserts.isEmpty())
                .forEach(result -> written.add(result.slice.coalitionId(), result.slice.key()));
        restatements.sort(java.util.Comparator.comparingLong(ViewRows.RestatementRow::position));
        rows.insertRestatements(generation, restatements);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
