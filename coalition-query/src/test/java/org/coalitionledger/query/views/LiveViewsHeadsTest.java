package org.coalitionledger.query.views;

import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.FindCoalitionQuery;
import org.coalitionledger.api.view.FindGoalProgressQuery;
import org.coalitionledger.api.view.FindMembershipQuery;
import org.coalitionledger.api.view.FindRestatementsQuery;
import org.coalitionledger.api.view.FindYearOverYearQuery;
import org.coalitionledger.api.view.RestatementTrailView;
import org.coalitionledger.api.view.FoldSnapshot;
import org.coalitionledger.api.view.YearBasis;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which held head a live view carries forward: one confirmed after its read (the coalition's change count unchanged
 * when the read ended), never one made while a batch committed (its read may have seen part of that batch, which
 * carrying it forward would add again); and the live answer each subscribed query gets. The rows are stand-ins that
 * record what was read.
 */
class LiveViewsHeadsTest {

    private static final long GENERATION = 1;

    /** The coalition's rows: the sample fold, its change count, and the reads made. */
    private static final class Rows extends ViewRows {
        long changes = 5;
        /** The change count the next confirmation sees, when a batch commits during a read. */
        Long changesAfterRead;
        final List<String> reads = new ArrayList<>();

        Rows() {
            super(null);
        }

        @Override
        PublishedChanges publishedChanges(String coalitionId) {
            reads.add("count");
            if (changesAfterRead != null && reads.stream().filter("count"::equals).count() % 2 == 0) {
                return new PublishedChanges(GENERATION, changesAfterRead);
            }
            return new PublishedChanges(GENERATION, changes);
        }

        @Override
        Long changeCount(long generation, String coalitionId) {
            return changes;
        }

        @Override
        Optional<FoldSnapshot> coalition(long generation, String coalitionId, boolean withFigures) {
            reads.add("every record");
            return Optional.of(FoldJsonTest.sample().snapshot());
        }

        @Override
        Optional<FoldSnapshot> trail(long generation, String coalitionId) {
            reads.add("trail");
            FoldSnapshot whole = FoldJsonTest.sample().snapshot();
            return Optional.of(new FoldSnapshot(whole.coalitionId(), whole.founded(), List.of(), List.of(), List.of(),
                    whole.restatements()));
        }

        @Override
        Optional<List<FoldSnapshot.RecordState>> recordsAddedSince(long generation, String coalitionId, long after) {
            reads.add("records since " + after);
            return Optional.of(List.of());
        }
    }

    private static final class Generations extends ViewGenerations {
        Generations() {
            super(null, null, TransactionDefinition.ISOLATION_DEFAULT);
        }

        @Override
        public <T> T readPublished(LongFunction<T> read) {
            return read.apply(GENERATION);
        }
    }

    private final Rows rows = new Rows();
    private final LiveViews views = new LiveViews(rows, new Generations(), 16);

    private Object yearOverYear() {
        return views.get(FoldJsonTest.ID, YearBasis.CALENDAR_YEAR, false,
                fold -> fold.yearOverYear(YearBasis.CALENDAR_YEAR)).orElseThrow();
    }

    @Test
    void aHeadConfirmedAfterItsRead_isCarriedForward_withTheRecordsAddedSince() {
        Object first = yearOverYear();
        rows.changes = 6;
        Object second = yearOverYear();

        assertThat(rows.reads).containsExactly("count", "every record", "count", "count", "records since 5", "count");
        assertThat(second).isEqualTo(first).isEqualTo(FoldJsonTest.sample().yearOverYear(YearBasis.CALENDAR_YEAR));
    }

    @Test
    void aHeadMadeWhileABatchCommitted_isNotCarriedForward_theNextViewReadsEveryRecord() {
        rows.changesAfterRead = 6L; // a batch commits while the first view reads
        yearOverYear();
        rows.changesAfterRead = null;
        rows.changes = 6;
        yearOverYear();

        assertThat(rows.reads).containsExactly("count", "every record", "count", "count", "every record", "count");
        assertThat(rows.reads).noneMatch(read -> read.startsWith("records since"));
    }

    @Test
    void eachSubscribedQuery_isAnsweredAsAskedLive_whateverInstantItNames() {
        CoalitionViewsQueries queries = new CoalitionViewsQueries(rows, new Generations(), null, views);
        CoalitionLedgerFold whole = FoldJsonTest.sample();
        java.time.Instant at = java.time.Instant.parse("2019-03-08T09:00:10.123456Z");

        assertThat(queries.liveAnswer(new FindYearOverYearQuery(FoldJsonTest.ID, YearBasis.CALENDAR_YEAR, at)))
                .isEqualTo(whole.yearOverYear(YearBasis.CALENDAR_YEAR));
        assertThat(queries.liveAnswer(new FindYearOverYearQuery(FoldJsonTest.ID, null, at)))
                .isEqualTo(whole.yearOverYear(YearBasis.COALITION_YEAR));
        assertThat(queries.liveAnswer(new FindMembershipQuery(FoldJsonTest.ID, FoldJsonTest.EVE, at)))
                .isEqualTo(whole.membership(FoldJsonTest.EVE));
        assertThat(queries.liveAnswer(new FindGoalProgressQuery(FoldJsonTest.ID, at))).isEqualTo(whole.goalProgress());
        assertThat(queries.liveAnswer(new FindRestatementsQuery(FoldJsonTest.ID, at)))
                .isEqualTo(new RestatementTrailView(FoldJsonTest.ID, whole.restatements()));
        assertThat(queries.liveAnswer(new FindCoalitionQuery(FoldJsonTest.ID, at))).isEqualTo(whole.coalition());
        assertThat(queries.liveAnswer("not a view query")).isNull();
        assertThat(rows.reads).contains("trail");
    }
}
