package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The one fold from a coalition's events to its views, shared by the live projections, the "as recorded at T"
 * replays and the offline verifier, so all three compute the same figures by construction.
 * <p>
 * Feed it entries in the order the event store holds them with {@link #apply}; ask for views at any time. It is pure:
 * no clock, no I/O (but what a caller's record lookup does, {@link #restoreLookingUp}); the same entries in the same
 * order always give equal views. Entries of other coalitions and payloads it does not know are ignored, so a caller may
 * feed it the whole store. Record time ({@link LedgerEntry#recordedAt()}) only filters ({@link #asRecordedAt}) and is
 * shown in the restatement trail; figures are bucketed by business time alone.
 * <p>
 * Not thread-safe: one fold per coalition per thread, or guard it.
 * <p>
 * This class routes facts and answers views; the state and the calculations live by concern beside it:
 * {@link Memberships} (stints), {@link RecordBook} (records and the restatement trail), {@link Goals} (goals and their
 * progress) and {@link YearTable} (the year-over-year calculation).
 */
public final class CoalitionLedgerFold {

    /** Region, sector or reporter-place label of figures reported by an NGO or agency. */
    public static final String NOT_A_MEMBER = "(not a member)";
    /** Region and sector label of an undisclosed member. */
    public static final String UNDISCLOSED = "(undisclosed)";
    /** Category label of a batch that names no category. */
    public static final String UNCATEGORISED = "(uncategorised)";
    /** Region and sector label of a member reporter the ledger holds no membership for (never via the commands). */
    public static final String UNKNOWN_MEMBER = "(unknown member)";

    private final String coalitionId;
    private CoalitionFoundedEvent founded;
    private final Memberships memberships = new Memberships();
    private final Goals goals = new Goals();
    private final RecordBook records;
    /**
     * For a fold continued from a {@link FoldHead}: the head's year-over-year rows per basis, which stand for the
     * records the head summed up (this fold's record book holds only the records folded since). Null otherwise.
     */
    private final Map<YearBasis, List<YearRow>> headYears;
    /** A fact folded since the head needs the records the head summed up: this fold cannot answer. */
    private boolean needsRecordsBeforeHead;
    /** How many records the head summed up (0 for a whole fold). */
    private int headRecords;
    /** Restored with only some of its records ({@link #restoreForTrail}): it answers the restatement trail alone. */
    private boolean trailOnly;

    public CoalitionLedgerFold(String coalitionId) {
        this(coalitionId, null);
    }

    private CoalitionLedgerFold(String coalitionId, Map<YearBasis, List<YearRow>> headYears) {
        this(coalitionId, headYears, new RecordBook());
    }

    private CoalitionLedgerFold(String coalitionId, Map<YearBasis, List<YearRow>> headYears, RecordBook records) {
        this.coalitionId = Objects.requireNonNull(coalitionId, "coalitionId");
        this.headYears = headYears;
        this.records = records;
    }

    /**
     * Folds the entries recorded at or before {@code recordedAt} ({@code null}: all of them): what the ledger said
     * at that instant. Entries must come in store order; later ones are skipped, not reordered.
     */
    public static CoalitionLedgerFold asRecordedAt(String coalitionId, Iterable<LedgerEntry> entries,
                                                   Instant recordedAt) {
        var fold = new CoalitionLedgerFold(coalitionId);
        for (LedgerEntry entry : entries) {
            if (recordedAt == null || !entry.recordedAt().isAfter(recordedAt)) {
                fold.apply(entry);
            }
        }
        return fold;
    }

    public String coalitionId() {
        return coalitionId;
    }

    /**
     * Restores a fold from {@link #snapshot()}: the restored fold gives the same views and folds further entries
     * exactly as the original would have.
     */
    public static CoalitionLedgerFold restore(FoldSnapshot snapshot) {
        var fold = new CoalitionLedgerFold(snapshot.coalitionId());
        fold.restoreSmallState(snapshot.founded(), snapshot.stints(), snapshot.goals());
        for (FoldSnapshot.RecordState state : snapshot.records()) {
            fold.records.record(ledgerRecord(state));
        }
        snapshot.restatements().forEach(fold.records::restated);
        fold.records.takeChanged(); // restored, not changed
        return fold;
    }

    /**
     * A fold restored from a state without its records ({@link #snapshotWithoutRecords}), the number of records and
     * of restatements the state stood for, and a way to look up each of those records ({@code earlierRecord}: its
     * state and place in fold order then, or null for an id not recorded by then), asked only when a fact folded
     * afterwards first names the record (the caller answers for what it returns: that record, at a place below
     * {@code recordCount}). It folds further entries exactly as the whole fold would, and answers
     * {@link #snapshotWithoutRecords}, {@link #takeChangedRecords}, {@link #restatementsFrom} (from the count given
     * on), {@link #restatementCount} and {@link #recordCount}: what a caller keeping the records apart stores at its
     * next cut, at the cost of the records the facts since name rather than of every record. It answers no view and
     * no head ({@link #holdsEveryRecord} is false): a caller continues a head beside it.
     */
    public static CoalitionLedgerFold restoreLookingUp(FoldSnapshot withoutRecords, int recordCount,
            int restatementCount, java.util.function.Function<String, FoldSnapshot.NumberedRecord> earlierRecord) {
        if (!withoutRecords.records().isEmpty() || !withoutRecords.restatements().isEmpty()) {
            throw new IllegalArgumentException("the state holds records: restore it whole");
        }
        Objects.requireNonNull(earlierRecord, "earlierRecord");
        var fold = new CoalitionLedgerFold(withoutRecords.coalitionId(), null, RecordBook.lookingUp(recordCount,
                restatementCount, recordId -> {
                    FoldSnapshot.NumberedRecord found = earlierRecord.apply(recordId);
                    if (found == null) {
                        return null;
                    }
                    LedgerRecord record = ledgerRecord(found.state());
                    record.ordinal = found.ordinal();
                    return record;
                }));
        fold.restoreSmallState(withoutRecords.founded(), withoutRecords.stints(), withoutRecords.goals());
        return fold;
    }

    private static LedgerRecord ledgerRecord(FoldSnapshot.RecordState state) {
        var record = new LedgerRecord(state.recordId(), state.kind(), state.businessDate(), state.batch(),
                state.figures(), state.recordedBy());
        record.retracted = state.retracted();
        record.restated = state.restated();
        record.restatedFigures.addAll(state.restatedFigures());
        return record;
    }

    /** False for a fold {@link #restoreLookingUp restored looking up its records}: it answers no view. */
    public boolean holdsEveryRecord() {
        return records.holdsAll() && !trailOnly;
    }

    private void restoreSmallState(CoalitionFoundedEvent founded, List<FoldSnapshot.StintState> stints,
                                   List<GoalSetEvent> goals) {
        this.founded = founded;
        for (FoldSnapshot.StintState state : stints) {
            var stint = new MemberStint(state.joined());
            stint.leftOn = state.leftOn();
            memberships.add(stint);
        }
        for (GoalSetEvent goal : goals) {
            this.goals.set(goal);
        }
    }

    /** The fold's whole state as immutable data; the fold itself is left as it was. */
    public FoldSnapshot snapshot() {
        requireWhole();
        requireAllRecords();
        List<FoldSnapshot.StintState> stintStates = new ArrayList<>();
        for (MemberStint stint : memberships.all()) {
            stintStates.add(new FoldSnapshot.StintState(stint.joined, stint.leftOn));
        }
        List<FoldSnapshot.RecordState> recordStates = new ArrayList<>();
        for (LedgerRecord record : records.all()) {
            recordStates.add(recordState(record));
        }
        return new FoldSnapshot(coalitionId, founded, stintStates, new ArrayList<>(goals.all()), recordStates,
                records.restatements());
    }

    /**
     * A fold that answers only {@link #restatements()} (and {@link #isFounded()}), restored from a state that holds
     * every restatement but only some records: exact as long as it holds every record that the entries folded into it
     * afterwards record, correct or retract ({@link #recordIdOf}), since a restatement needs only its own record. So
     * the trail costs the restatements and the entries since, not the coalition's records.
     */
    public static CoalitionLedgerFold restoreForTrail(FoldSnapshot someRecords) {
        CoalitionLedgerFold fold = restore(someRecords);
        fold.trailOnly = true;
        return fold;
    }

    /** The id of the record a fact records, corrects or retracts; null for any other fact. */
    public static String recordIdOf(Object payload) {
        if (payload instanceof TakedownBatchRecordedEvent e) {
            return e.batchId();
        } else if (payload instanceof ArrestRecordedEvent e) {
            return e.recordId();
        } else if (payload instanceof ConfiscationRecordedEvent e) {
            return e.recordId();
        } else if (payload instanceof TakedownBatchCorrectedEvent e) {
            return e.batchId();
        } else if (payload instanceof ArrestRecordCorrectedEvent e) {
            return e.recordId();
        } else if (payload instanceof ConfiscationRecordCorrectedEvent e) {
            return e.recordId();
        } else if (payload instanceof RecordRetractedEvent e) {
            return e.recordId();
        }
        return null;
    }

    private static FoldSnapshot.RecordState recordState(LedgerRecord record) {
        return new FoldSnapshot.RecordState(record.recordId, record.kind, record.businessDate, record.batch,
                record.figures, record.retracted, record.restated, new TreeSet<>(record.restatedFigures),
                record.recordedBy);
    }

    /**
     * The fold's state without its records and restatement trail, which a caller keeps apart, record by record
     * ({@link #takeChangedRecords}, {@link #restatementsFrom}): small whatever the number of records. With those
     * parts put back ({@link FoldSnapshot#withRecords}) it restores the whole fold.
     */
    public FoldSnapshot snapshotWithoutRecords() {
        requireWhole();
        if (trailOnly) {
            throw new IllegalStateException("coalition '" + coalitionId + "': a fold restored for the restatement "
                    + "trail holds only the records it restates");
        }
        List<FoldSnapshot.StintState> stintStates = new ArrayList<>();
        for (MemberStint stint : memberships.all()) {
            stintStates.add(new FoldSnapshot.StintState(stint.joined, stint.leftOn));
        }
        return new FoldSnapshot(coalitionId, founded, stintStates, new ArrayList<>(goals.all()), List.of(),
                List.of());
    }

    /**
     * The records recorded, corrected or retracted since the last call (or since the fold was made or restored),
     * each with its place in fold order and its state now, in the order they first changed; and forgets them. What
     * a caller keeping the records apart must store again.
     */
    public List<FoldSnapshot.NumberedRecord> takeChangedRecords() {
        List<FoldSnapshot.NumberedRecord> changed = new ArrayList<>();
        for (LedgerRecord record : records.takeChanged()) {
            changed.add(new FoldSnapshot.NumberedRecord(record.ordinal, recordState(record)));
        }
        return changed;
    }

    /** How many corrections and retractions the trail lists. */
    public int restatementCount() {
        requireWhole();
        return records.restatementCount();
    }

    /** The restatement trail after its first {@code from} entries (the trail only grows). */
    public List<RestatementView> restatementsFrom(int from) {
        requireWhole();
        return records.restatementsFrom(from);
    }

    /**
     * The fold summed up without its records ({@link FoldHead}); the fold itself is left as it was. Needs the founding
     * event. A fold continued from a head gives the head the whole fold would give, provided no record it holds was
     * among the earlier head's (the caller checks that, as for its views); its cost is the years and the records
     * folded since, not every record.
     */
    public FoldHead head() {
        requireFounded();
        requireAnswerable();
        List<FoldSnapshot.StintState> stints = new ArrayList<>();
        for (MemberStint stint : memberships.all()) {
            stints.add(new FoldSnapshot.StintState(stint.joined, stint.leftOn));
        }
        List<YearOverYearView> years = new ArrayList<>();
        for (YearBasis basis : YearBasis.values()) {
            years.add(yearOverYear(basis));
        }
        return new FoldHead(coalitionId, founded, stints, new ArrayList<>(goals.all()), recordCount(), years);
    }

    /** How many records the fold counts: with a fold continued from a head, the head's and those folded since. */
    public int recordCount() {
        return headRecords + records.size();
    }

    /**
     * A fold that starts where {@code head}'s fold stood, without its records: it folds further entries and answers
     * {@link #yearOverYear}, {@link #goalProgress}, {@link #membership} and {@link #coalition} exactly as the whole
     * fold would, provided the entries folded into it only add records the head's fold did not hold (the caller
     * checks that: the head does not list them). A membership fact, or a correction or retraction of a record it
     * does not hold, would need the head's records: then {@link #answersWithoutEarlierRecords()} turns false and the
     * caller folds from the whole state instead. It never answers {@link #restatements()}.
     */
    public static CoalitionLedgerFold continueFrom(FoldHead head) {
        Map<YearBasis, List<YearRow>> years = new EnumMap<>(YearBasis.class);
        for (YearOverYearView view : head.years()) {
            years.put(view.basis(), view.rows());
        }
        var fold = new CoalitionLedgerFold(head.coalitionId(), years);
        fold.restoreSmallState(head.founded(), head.stints(), head.goals());
        fold.headRecords = head.records();
        return fold;
    }

    /**
     * A fold {@link #continueFrom(FoldHead) continued from} {@code head} that holds {@code newRecords} besides, in
     * their states now: records the head's fold did not hold (the caller answers for that), recorded since with the
     * head's memberships and goals unchanged. It answers what a fold continued from a head answers, as the whole
     * fold of the head's records and these would; so a caller that keeps views as rows pays for the records added
     * since its last head, not for every record.
     */
    public static CoalitionLedgerFold continueFrom(FoldHead head, List<FoldSnapshot.RecordState> newRecords) {
        CoalitionLedgerFold fold = continueFrom(head);
        for (FoldSnapshot.RecordState state : newRecords) {
            fold.records.record(ledgerRecord(state));
        }
        fold.records.takeChanged(); // restored, not changed
        return fold;
    }

    /** False when a fact folded into a fold {@link #continueFrom continued from a head} needed the head's records. */
    public boolean answersWithoutEarlierRecords() {
        return !needsRecordsBeforeHead;
    }

    /** The ids of the records this fold holds, in fold order (with a fold continued from a head: those since). */
    public List<String> recordIds() {
        return records.ids();
    }

    /** Whether the founding event has been folded; every view but {@link #restatements()} needs it. */
    public boolean isFounded() {
        return founded != null;
    }

    public CoalitionLedgerFold applyAll(Iterable<LedgerEntry> entries) {
        for (LedgerEntry entry : entries) {
            apply(entry);
        }
        return this;
    }

    /**
     * Folds one entry. The command side guarantees the ledger's rules (one founding, no duplicate record ids, no
     * correction of unknown records); where a bundle breaks them anyway the fold keeps the first fact (and lists a
     * restatement of an unknown record without letting it move a figure) rather than failing, so a verifier can
     * still report on the rest.
     */
    public CoalitionLedgerFold apply(LedgerEntry entry) {
        Object payload = entry.payload();
        if (headYears != null && needsRecordsBeforeHead(payload)) {
            needsRecordsBeforeHead = true;
        }
        if (payload instanceof CoalitionFoundedEvent e) {
            if (mine(e.coalitionId()) && founded == null) {
                founded = e;
            }
        } else if (payload instanceof MemberJoinedEvent e) {
            if (mine(e.coalitionId())) {
                memberships.join(e);
            }
        } else if (payload instanceof MemberLeftEvent e) {
            if (mine(e.coalitionId())) {
                memberships.leave(e);
            }
        } else if (payload instanceof MembershipCorrectedEvent e) {
            if (mine(e.coalitionId())) {
                memberships.correct(e);
            }
        } else if (payload instanceof GoalSetEvent e) {
            if (mine(e.coalitionId())) {
                goals.set(e);
            }
        } else if (payload instanceof TakedownBatchRecordedEvent e) {
            if (mine(e.coalitionId())) {
                records.record(new LedgerRecord(e.batchId(), RecordKind.TAKEDOWN_BATCH, e.periodEnd(), e,
                        RecordFigures.takedown(e.listingsRemoved(), e.adsBlocked(), e.accountsRemoved()),
                        entry.actor()));
            }
        } else if (payload instanceof ArrestRecordedEvent e) {
            if (mine(e.coalitionId())) {
                records.record(new LedgerRecord(e.recordId(), RecordKind.ARREST, e.date(), null,
                        RecordFigures.arrest(e.count()), entry.actor()));
            }
        } else if (payload instanceof ConfiscationRecordedEvent e) {
            if (mine(e.coalitionId())) {
                records.record(new LedgerRecord(e.recordId(), RecordKind.CONFISCATION, e.date(), null,
                        RecordFigures.confiscation(e.amount(), e.currency(), e.usdRate(), e.rateDate(),
                                e.rateSource()), entry.actor()));
            }
        } else if (payload instanceof TakedownBatchCorrectedEvent e) {
            if (mine(e.coalitionId())) {
                records.correct(e.batchId(), RecordKind.TAKEDOWN_BATCH, e.reason(), entry,
                        before -> RecordFigures.takedown(e.listingsRemoved(), e.adsBlocked(), e.accountsRemoved()));
            }
        } else if (payload instanceof ArrestRecordCorrectedEvent e) {
            if (mine(e.coalitionId())) {
                records.correct(e.recordId(), RecordKind.ARREST, e.reason(), entry,
                        before -> RecordFigures.arrest(e.count()));
            }
        } else if (payload instanceof ConfiscationRecordCorrectedEvent e) {
            if (mine(e.coalitionId())) {
                // The event carries the complete new figures; the fallbacks only guard a malformed bundle.
                records.correct(e.recordId(), RecordKind.CONFISCATION, e.reason(), entry,
                        before -> RecordFigures.confiscation(orElse(e.amount(), before.amount()), before.currency(),
                                orElse(e.usdRate(), before.usdRate()), orElse(e.rateDate(), before.rateDate()),
                                orElse(e.rateSource(), before.rateSource())));
            }
        } else if (payload instanceof RecordRetractedEvent e) {
            if (mine(e.coalitionId())) {
                records.retract(e, entry);
            }
        }
        // Any other payload is not a fact these views are made of.
        return this;
    }

    /**
     * Whether the fact could change what the head's records contribute: a membership fact (a batch's region and
     * sector follow its reporter's membership) or a restatement of a record this fold does not hold.
     */
    private boolean needsRecordsBeforeHead(Object payload) {
        if (payload instanceof MemberJoinedEvent e) {
            return mine(e.coalitionId());
        } else if (payload instanceof MemberLeftEvent e) {
            return mine(e.coalitionId());
        } else if (payload instanceof MembershipCorrectedEvent e) {
            return mine(e.coalitionId());
        } else if (payload instanceof TakedownBatchCorrectedEvent e) {
            return mine(e.coalitionId()) && !records.has(e.batchId());
        } else if (payload instanceof ArrestRecordCorrectedEvent e) {
            return mine(e.coalitionId()) && !records.has(e.recordId());
        } else if (payload instanceof ConfiscationRecordCorrectedEvent e) {
            return mine(e.coalitionId()) && !records.has(e.recordId());
        } else if (payload instanceof RecordRetractedEvent e) {
            return mine(e.coalitionId()) && !records.has(e.recordId());
        }
        return false;
    }

    private boolean mine(String eventCoalitionId) {
        return coalitionId.equals(eventCoalitionId);
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    // ----------------------------------------------------------------------------------------------- views

    public CoalitionView coalition() {
        requireFounded();
        requireAnswerable();
        return new CoalitionView(founded.coalitionId(), founded.name(), founded.foundedOn(), founded.convenors(),
                memberships.current(), memberships.founding());
    }

    /** The correction and retraction trail, in record order. Needs no founding event. */
    public List<RestatementView> restatements() {
        requireWhole();
        if (!records.holdsAll()) {
            throw new IllegalStateException("coalition '" + coalitionId + "': a fold restored looking up its records "
                    + "holds only the restatements since");
        }
        return records.restatements();
    }

    public MembershipView membership(LocalDate asOf) {
        requireFounded();
        requireAnswerable();
        Objects.requireNonNull(asOf, "asOf");
        return memberships.view(coalitionId, asOf);
    }

    public YearOverYearView yearOverYear(YearBasis basis) {
        requireFounded();
        Objects.requireNonNull(basis, "basis");
        requireAnswerable();
        return YearTable.of(coalitionId, basis, founded.foundedOn(), memberships,
                headYears == null ? List.of() : headYears.getOrDefault(basis, List.of()), records.all());
    }

    /** Goals on the coalition-year basis, each with its metric per year up to and including its deadline's year. */
    public GoalProgressView goalProgress() {
        requireFounded();
        return goals.progress(coalitionId, yearOverYear(YearBasis.COALITION_YEAR).rows());
    }

    private void requireWhole() {
        if (headYears != null) {
            throw new IllegalStateException("coalition '" + coalitionId + "': a fold continued from a head holds "
                    + "only the records folded since");
        }
    }

    private void requireAllRecords() {
        if (!holdsEveryRecord()) {
            throw new IllegalStateException("coalition '" + coalitionId + "': a fold restored for the restatement "
                    + "trail or looking up its records holds only some of them");
        }
    }

    private void requireAnswerable() {
        requireAllRecords();
        if (needsRecordsBeforeHead) {
            throw new IllegalStateException("coalition '" + coalitionId + "': a fact folded since the head needs the "
                    + "records before it");
        }
    }

    private void requireFounded() {
        if (founded == null) {
            throw new IllegalStateException("coalition '" + coalitionId + "' has no founding event among the entries");
        }
    }
}
