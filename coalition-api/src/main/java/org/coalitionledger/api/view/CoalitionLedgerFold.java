package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The one fold from a coalition's events to its views, shared by the live projections, the "as recorded at T"
 * replays and the offline verifier, so all three compute the same figures by construction.
 * <p>
 * Feed it entries in the order the event store holds them with {@link #apply}; ask for views at any time. It is
 * pure: no clock, no I/O; the same entries in the same order always give equal views. Entries of other coalitions
 * and payloads it does not know are ignored, so a caller may feed it the whole store. Record time
 * ({@link LedgerEntry#recordedAt()}) only filters ({@link #asRecordedAt}) and is shown in the restatement trail;
 * figures are bucketed by business time alone.
 * <p>
 * Not thread-safe: one fold per coalition per thread, or guard it.
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

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final String coalitionId;
    private CoalitionFoundedEvent founded;
    private final List<MemberStint> stints = new ArrayList<>();
    /** The same stints by member, so a reporter's region is found without scanning every membership. */
    private final Map<String, List<MemberStint>> stintsByMember = new TreeMap<>();
    private final Map<String, GoalSetEvent> goals = new LinkedHashMap<>();
    private final Map<String, LedgerRecord> records = new LinkedHashMap<>();
    private final List<RestatementView> restatements = new ArrayList<>();

    public CoalitionLedgerFold(String coalitionId) {
        this.coalitionId = Objects.requireNonNull(coalitionId, "coalitionId");
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
        fold.founded = snapshot.founded();
        for (FoldSnapshot.StintState state : snapshot.stints()) {
            var stint = new MemberStint(state.joined());
            stint.leftOn = state.leftOn();
            fold.stints.add(stint);
            fold.stintsByMember.computeIfAbsent(state.joined().memberId(), id -> new ArrayList<>()).add(stint);
        }
        for (GoalSetEvent goal : snapshot.goals()) {
            fold.goals.put(goal.goalId(), goal);
        }
        for (FoldSnapshot.RecordState state : snapshot.records()) {
            var record = new LedgerRecord(state.recordId(), state.kind(), state.businessDate(), state.batch(),
                    state.figures(), state.recordedBy());
            record.retracted = state.retracted();
            record.restated = state.restated();
            record.restatedFigures.addAll(state.restatedFigures());
            fold.records.put(state.recordId(), record);
        }
        fold.restatements.addAll(snapshot.restatements());
        return fold;
    }

    /** The fold's whole state as immutable data; the fold itself is left as it was. */
    public FoldSnapshot snapshot() {
        List<FoldSnapshot.StintState> stintStates = new ArrayList<>(stints.size());
        for (MemberStint stint : stints) {
            stintStates.add(new FoldSnapshot.StintState(stint.joined, stint.leftOn));
        }
        List<FoldSnapshot.RecordState> recordStates = new ArrayList<>(records.size());
        for (LedgerRecord record : records.values()) {
            recordStates.add(new FoldSnapshot.RecordState(record.recordId, record.kind, record.businessDate,
                    record.batch, record.figures, record.retracted, record.restated,
                    new TreeSet<>(record.restatedFigures), record.recordedBy));
        }
        return new FoldSnapshot(coalitionId, founded, stintStates, new ArrayList<>(goals.values()), recordStates,
                restatements);
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
        if (payload instanceof CoalitionFoundedEvent e) {
            if (mine(e.coalitionId()) && founded == null) {
                founded = e;
            }
        } else if (payload instanceof MemberJoinedEvent e) {
            if (mine(e.coalitionId())) {
                var stint = new MemberStint(e);
                stints.add(stint);
                stintsByMember.computeIfAbsent(e.memberId(), id -> new ArrayList<>()).add(stint);
            }
        } else if (payload instanceof MemberLeftEvent e) {
            if (mine(e.coalitionId())) {
                leave(e);
            }
        } else if (payload instanceof MembershipCorrectedEvent e) {
            if (mine(e.coalitionId())) {
                correctMembership(e);
            }
        } else if (payload instanceof GoalSetEvent e) {
            if (mine(e.coalitionId())) {
                goals.putIfAbsent(e.goalId(), e);
            }
        } else if (payload instanceof TakedownBatchRecordedEvent e) {
            if (mine(e.coalitionId())) {
                records.putIfAbsent(e.batchId(), new LedgerRecord(e.batchId(), RecordKind.TAKEDOWN_BATCH,
                        e.periodEnd(), e,
                        RecordFigures.takedown(e.listingsRemoved(), e.adsBlocked(), e.accountsRemoved()),
                        entry.actor()));
            }
        } else if (payload instanceof ArrestRecordedEvent e) {
            if (mine(e.coalitionId())) {
                records.putIfAbsent(e.recordId(), new LedgerRecord(e.recordId(), RecordKind.ARREST, e.date(), null,
                        RecordFigures.arrest(e.count()), entry.actor()));
            }
        } else if (payload instanceof ConfiscationRecordedEvent e) {
            if (mine(e.coalitionId())) {
                records.putIfAbsent(e.recordId(), new LedgerRecord(e.recordId(), RecordKind.CONFISCATION, e.date(),
                        null, RecordFigures.confiscation(e.amount(), e.currency(), e.usdRate(), e.rateDate(),
                        e.rateSource()), entry.actor()));
            }
        } else if (payload instanceof TakedownBatchCorrectedEvent e) {
            if (mine(e.coalitionId())) {
                correct(e.batchId(), RecordKind.TAKEDOWN_BATCH, e.reason(), entry,
                        before -> RecordFigures.takedown(e.listingsRemoved(), e.adsBlocked(), e.accountsRemoved()));
            }
        } else if (payload instanceof ArrestRecordCorrectedEvent e) {
            if (mine(e.coalitionId())) {
                correct(e.recordId(), RecordKind.ARREST, e.reason(), entry, before -> RecordFigures.arrest(e.count()));
            }
        } else if (payload instanceof ConfiscationRecordCorrectedEvent e) {
            if (mine(e.coalitionId())) {
                // The event carries the complete new figures; the fallbacks only guard a malformed bundle.
                correct(e.recordId(), RecordKind.CONFISCATION, e.reason(), entry, before -> RecordFigures.confiscation(
                        orElse(e.amount(), before.amount()), before.currency(), orElse(e.usdRate(), before.usdRate()),
                        orElse(e.rateDate(), before.rateDate()), orElse(e.rateSource(), before.rateSource())));
            }
        } else if (payload instanceof RecordRetractedEvent e) {
            if (mine(e.coalitionId())) {
                retract(e, entry);
            }
        }
        // Any other payload is not a fact these views are made of.
        return this;
    }

    private boolean mine(String eventCoalitionId) {
        return coalitionId.equals(eventCoalitionId);
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private void leave(MemberLeftEvent e) {
        // Close the member's open stint; the latest one, should a bundle hold more than one.
        List<MemberStint> own = stintsByMember.getOrDefault(e.memberId(), List.of());
        for (int i = own.size() - 1; i >= 0; i--) {
            MemberStint stint = own.get(i);
            if (stint.leftOn == null) {
                stint.leftOn = e.leftOn();
                return;
            }
        }
    }

    /** The member's latest stint takes the corrected name, places and dates; "as recorded at" still shows the old. */
    private void correctMembership(MembershipCorrectedEvent e) {
        List<MemberStint> own = stintsByMember.getOrDefault(e.memberId(), List.of());
        if (own.isEmpty()) {
            return; // A malformed bundle: nothing to correct.
        }
        MemberStint stint = own.get(own.size() - 1);
        MemberJoinedEvent was = stint.joined;
        stint.joined = new MemberJoinedEvent(was.coalitionId(), was.memberId(), was.founding(), e.disclosed(),
                e.name(), e.country(), e.region(), e.sector(), e.joinedOn(), was.note());
        stint.leftOn = e.leftOn();
    }

    private void correct(String recordId, RecordKind kind, String reason, LedgerEntry entry,
                         UnaryOperator<RecordFigures> newFigures) {
        LedgerRecord record = records.get(recordId);
        if (record == null || record.kind != kind) {
            // Listed, so a verifier sees it, but it can change no figure.
            restatements.add(new RestatementView(recordId, kind, RestatementType.CORRECTION, null, null, null,
                    reason, entry.actor(), entry.recordedAt(), entry.eventId(), null));
            return;
        }
        RecordFigures before = record.figures;
        RecordFigures after = newFigures.apply(before);
        record.figures = after;
        record.restated = true;
        record.restatedFigures.addAll(after.changedFrom(before));
        restatements.add(new RestatementView(recordId, kind, RestatementType.CORRECTION, record.businessDate, before,
                after, reason, entry.actor(), entry.recordedAt(), entry.eventId(), record.recordedBy));
    }

    private void retract(RecordRetractedEvent e, LedgerEntry entry) {
        LedgerRecord record = records.get(e.recordId());
        if (record == null) {
            restatements.add(new RestatementView(e.recordId(), null, RestatementType.RETRACTION, null, null, null,
                    e.reason(), entry.actor(), entry.recordedAt(), entry.eventId(), null));
            return;
        }
        // The record keeps its figures (for the trail) but counts for nothing from now on.
        record.retracted = true;
        record.restated = true;
        record.restatedFigures.addAll(record.figures.contributions());
        restatements.add(new RestatementView(e.recordId(), record.kind, RestatementType.RETRACTION,
                record.businessDate, record.figures, null, e.reason(), entry.actor(), entry.recordedAt(),
                entry.eventId(), record.recordedBy));
    }

    // ----------------------------------------------------------------------------------------------- views

    public CoalitionView coalition() {
        requireFounded();
        long current = stints.stream().filter(s -> s.leftOn == null).count();
        long founding = stints.stream().filter(s -> s.joined.founding()).count();
        return new CoalitionView(founded.coalitionId(), founded.name(), founded.foundedOn(), founded.convenors(),
                current, founding);
    }

    /** The correction and retraction trail, in record order. Needs no founding event. */
    public List<RestatementView> restatements() {
        return List.copyOf(restatements);
    }

    public MembershipView membership(LocalDate asOf) {
        requireFounded();
        Objects.requireNonNull(asOf, "asOf");
        List<MemberView> members = new ArrayList<>();
        TreeMap<String, Long> byRegion = new TreeMap<>();
        TreeMap<String, Long> bySector = new TreeMap<>();
        for (MemberStint stint : stints) {
            if (stint.coversDay(asOf)) {
                members.add(stint.view());
                byRegion.merge(stint.regionLabel(), 1L, Long::sum);
                bySector.merge(stint.sectorLabel(), 1L, Long::sum);
            }
        }
        members.sort(Comparator.comparing(MemberView::joinedOn).thenComparing(MemberView::memberId));
        return new MembershipView(coalitionId, asOf, members.size(), members, byRegion, bySector);
    }

    public YearOverYearView yearOverYear(YearBasis basis) {
        requireFounded();
        Objects.requireNonNull(basis, "basis");
        YearScheme years = new YearScheme(basis, founded.foundedOn());

        // Every year from the founding year (or an earlier one, should a bundle hold data from before the founding)
        // to the last year with data, so no figure is ever dropped and no gap hides a year of zeros.
        YearSpan span = new YearSpan(years, years.startOf(founded.foundedOn()));
        for (MemberStint stint : stints) {
            span.include(stint.joined.joinedOn());
            span.include(stint.leftOn);
        }
        for (LedgerRecord record : records.values()) {
            span.include(record.businessDate);
        }

        Map<LocalDate, YearAccumulator> byStart = new TreeMap<>();
        for (LocalDate start = span.first; !start.isAfter(span.last); start = years.next(start)) {
            byStart.put(start, new YearAccumulator());
        }
        for (LedgerRecord record : records.values()) {
            byStart.get(years.startOf(record.businessDate)).add(record);
        }

        List<YearRow> rows = new ArrayList<>();
        Figures cumulative = Figures.ZERO;
        for (Map.Entry<LocalDate, YearAccumulator> year : byStart.entrySet()) {
            LocalDate start = year.getKey();
            LocalDate end = years.endOf(start);
            YearAccumulator acc = year.getValue();
            Figures figures = acc.figures();
            cumulative = cumulative.plus(figures);
            rows.add(new YearRow(years.label(start), start, end, figures, cumulative,
                    stints.stream().filter(s -> s.coversDay(end)).count(),
                    stints.stream().filter(s -> within(s.joined.joinedOn(), start, end)).count(),
                    stints.stream().filter(s -> within(s.leftOn, start, end)).count(),
                    acc.byReporter, acc.byRegion, acc.bySector, acc.byCategory,
                    acc.restated, acc.restatedFigures, List.copyOf(acc.restatedRecordIds)));
        }
        return new YearOverYearView(coalitionId, basis, rows);
    }

    /** Goals on the coalition-year basis, each with its metric per year up to and including its deadline's year. */
    public GoalProgressView goalProgress() {
        requireFounded();
        List<YearRow> rows = yearOverYear(YearBasis.COALITION_YEAR).rows();
        List<GoalView> views = new ArrayList<>();
        List<GoalSetEvent> ordered = new ArrayList<>(goals.values());
        ordered.sort(Comparator.comparing(GoalSetEvent::setOn, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(GoalSetEvent::goalId));
        for (GoalSetEvent goal : ordered) {
            List<GoalYear> years = new ArrayList<>();
            for (YearRow row : rows) {
                if (!row.start().isAfter(goal.deadline())) {
                    years.add(new GoalYear(row.label(), row.start(), row.end(), value(goal.metric(), row.figures()),
                            !Collections.disjoint(row.restatedFigures(), figuresOf(goal.metric()))));
                }
            }
            views.add(new GoalView(goal.goalId(), goal.description(), goal.metric(), goal.baseline(),
                    goal.targetReductionPercent(), targetValue(goal), goal.deadline(), goal.setOn(), years));
        }
        return new GoalProgressView(coalitionId, views);
    }

    static BigDecimal value(GoalMetric metric, Figures f) {
        return switch (metric) {
            case ONLINE_TRAFFICKING -> BigDecimal.valueOf(f.listingsRemoved())
                    .add(BigDecimal.valueOf(f.adsBlocked())).add(BigDecimal.valueOf(f.accountsRemoved()));
            case LISTINGS_REMOVED -> BigDecimal.valueOf(f.listingsRemoved());
            case ADS_BLOCKED -> BigDecimal.valueOf(f.adsBlocked());
            case ACCOUNTS_REMOVED -> BigDecimal.valueOf(f.accountsRemoved());
            case ARRESTS -> BigDecimal.valueOf(f.arrests());
            case CONFISCATED_USD -> f.confiscatedUsd();
        };
    }

    static Set<FigureName> figuresOf(GoalMetric metric) {
        return switch (metric) {
            case ONLINE_TRAFFICKING -> EnumSet.of(FigureName.LISTINGS_REMOVED, FigureName.ADS_BLOCKED,
                    FigureName.ACCOUNTS_REMOVED);
            case LISTINGS_REMOVED -> EnumSet.of(FigureName.LISTINGS_REMOVED);
            case ADS_BLOCKED -> EnumSet.of(FigureName.ADS_BLOCKED);
            case ACCOUNTS_REMOVED -> EnumSet.of(FigureName.ACCOUNTS_REMOVED);
            case ARRESTS -> EnumSet.of(FigureName.ARRESTS);
            case CONFISCATED_USD -> EnumSet.of(FigureName.CONFISCATED_USD);
        };
    }

    /** baseline × (100 − p) / 100: exact, since p has at most two decimals. */
    private static BigDecimal targetValue(GoalSetEvent goal) {
        if (goal.baseline() == null || goal.targetReductionPercent() == null) {
            return null;
        }
        return BigDecimal.valueOf(goal.baseline()).multiply(HUNDRED.subtract(goal.targetReductionPercent()))
                .movePointLeft(2);
    }

    private static boolean within(LocalDate day, LocalDate start, LocalDate end) {
        return day != null && !day.isBefore(start) && !day.isAfter(end);
    }

    private void requireFounded() {
        if (founded == null) {
            throw new IllegalStateException("coalition '" + coalitionId + "' has no founding event among the entries");
        }
    }

    /** The membership stint of a member reporter that covers {@code day}, else its latest one, else null. */
    private MemberStint stintOf(String memberId, LocalDate day) {
        MemberStint latest = null;
        for (MemberStint stint : stintsByMember.getOrDefault(memberId, List.of())) {
            if (stint.coversDay(day)) {
                return stint;
            }
            latest = stint;
        }
        return latest;
    }

    /** First and last year starts seen. */
    private static final class YearSpan {
        private final YearScheme years;
        LocalDate first;
        LocalDate last;

        YearSpan(YearScheme years, LocalDate foundingYear) {
            this.years = years;
            this.first = foundingYear;
            this.last = foundingYear;
        }

        void include(LocalDate day) {
            if (day == null) {
                return;
            }
            LocalDate start = years.startOf(day);
            if (start.isBefore(first)) first = start;
            if (start.isAfter(last)) last = start;
        }
    }

    /** One year's running sums, breakdowns and restatement marks. */
    private final class YearAccumulator {
        long listings;
        long ads;
        long accounts;
        long arrests;
        final Map<String, BigDecimal> byCurrency = new TreeMap<>();
        BigDecimal usd = Figures.USD_ZERO;
        final TreeMap<String, TakedownFigures> byReporter = new TreeMap<>();
        final TreeMap<String, TakedownFigures> byRegion = new TreeMap<>();
        final TreeMap<String, TakedownFigures> bySector = new TreeMap<>();
        final TreeMap<String, TakedownFigures> byCategory = new TreeMap<>();
        boolean restated;
        final TreeSet<FigureName> restatedFigures = new TreeSet<>();
        final Set<String> restatedRecordIds = new TreeSet<>();

        void add(LedgerRecord record) {
            if (record.restated) {
                restated = true;
                restatedFigures.addAll(record.restatedFigures);
                restatedRecordIds.add(record.recordId);
            }
            if (record.retracted) {
                return;
            }
            RecordFigures f = record.figures;
            switch (record.kind) {
                case TAKEDOWN_BATCH -> addTakedowns(record.batch,
                        new TakedownFigures(f.listingsRemoved(), f.adsBlocked(), f.accountsRemoved()));
                case ARREST -> arrests = Math.addExact(arrests, f.arrests());
                case CONFISCATION -> {
                    byCurrency.merge(f.currency(), f.amount(), BigDecimal::add);
                    usd = usd.add(f.usdValue());
                }
            }
        }

        private void addTakedowns(TakedownBatchRecordedEvent batch, TakedownFigures t) {
            listings = Math.addExact(listings, t.listingsRemoved());
            ads = Math.addExact(ads, t.adsBlocked());
            accounts = Math.addExact(accounts, t.accountsRemoved());
            String region;
            String sector;
            String reporter;
            if (batch.reporter().type() == ReporterType.MEMBER) {
                reporter = "MEMBER:" + batch.reporter().memberId();
                MemberStint stint = stintOf(batch.reporter().memberId(), batch.periodEnd());
                region = stint == null ? UNKNOWN_MEMBER : stint.regionLabel();
                sector = stint == null ? UNKNOWN_MEMBER : stint.sectorLabel();
            } else {
                reporter = batch.reporter().type() + ":" + batch.reporter().name();
                region = NOT_A_MEMBER;
                sector = NOT_A_MEMBER;
            }
            byReporter.merge(reporter, t, TakedownFigures::plus);
            byRegion.merge(region, t, TakedownFigures::plus);
            bySector.merge(sector, t, TakedownFigures::plus);
            List<String> categories = batch.categories() == null || batch.categories().isEmpty()
                    ? List.of(UNCATEGORISED) : new ArrayList<>(new TreeSet<>(batch.categories()));
            for (String category : categories) {
                byCategory.merge(category, t, TakedownFigures::plus);
            }
        }

        Figures figures() {
            return new Figures(listings, ads, accounts, arrests, new TreeMap<>(byCurrency), usd);
        }
    }
}
