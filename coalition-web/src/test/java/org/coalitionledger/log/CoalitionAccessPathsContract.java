package org.coalitionledger.log;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.LoggedHistory;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.log.RowsRead.Read;
import org.coalitionledger.support.LogCatchUp;
import org.coalitionledger.web.api.ApiFixtures;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-coalition access paths, shown by counting the rows the log's reads return ({@link RowsRead}), never by timing:
 * with a small coalition beside one that holds many more events, its views as of a checkpoint and as recorded at
 * an instant read only its leaves after the nearest fold snapshot, its event-history pages read only the page, an
 * unknown coalition reads no event rows, and incremental verification reads only the new leaves. Views folded from
 * snapshots are the views folded from the first leaf. Run on H2 and on PostgreSQL by the two subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CoalitionAccessPathsContract {

    /** Events of the large coalition beyond its founding: many more than the small one's. */
    private static final int LARGE_BATCHES = 40;
    private static final int SMALL_BATCHES = 12;
    private static final List<String> VIEWS = List.of("", "/year-over-year?basis=calendar-year", "/goals/progress");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLogStore store;
    @Autowired
    FoldSnapshots snapshots;
    @Autowired
    LoggedHistory history;
    @Autowired
    AuditVerificationService verification;
    @Autowired
    EventProcessingConfiguration processing;
    /** Coalition leaves between snapshots. */
    @Value("${coalition.audit.fold-snapshot-interval}")
    int interval;

    WebTestClient client;
    String small;
    String large;
    int smallBatches;

    @BeforeAll
    void twoCoalitions() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
        small = ApiFixtures.freshId("small");
        large = ApiFixtures.freshId("large");
        found(large);
        found(small);
        for (int i = 0; i < LARGE_BATCHES; i++) {
            batch(large, i);
            if (i < SMALL_BATCHES) {
                batch(small, smallBatches++);
            }
        }
        LogCatchUp.await(jdbc);
        if (leaves(small).size() % interval == 0) {
            batch(small, smallBatches++); // so that some leaves follow the small coalition's last snapshot
            LogCatchUp.await(jdbc);
        }
    }

    @BeforeEach
    void snapshotsWritten() {
        snapshots.writeDue();
    }

    @Test
    void viewsFoldedFromSnapshots_areTheViewsFoldedFromTheFirstLeaf_atEveryLeafAndEveryLogTime() {
        assertThat(snapshotCount(small)).isGreaterThanOrEqualTo(1);
        assertThat(snapshotCount(large)).isGreaterThanOrEqualTo(LARGE_BATCHES / interval);
        for (String coalition : List.of(small, large)) {
            for (long leaf : leaves(coalition)) {
                assertSameViews(history.fold(coalition, null, leaf + 1), fresh(coalition, null, leaf + 1));
                assertSameViews(history.fold(coalition, null, leaf), fresh(coalition, null, leaf));
                assertSameViewsWithoutTrail(history.foldWithoutTrail(coalition, null, leaf + 1),
                        fresh(coalition, null, leaf + 1));
                Instant loggedAt = jdbc.queryForObject("select logged_at from audit_leaf where leaf_index = ?",
                        OffsetDateTime.class, leaf).toInstant();
                assertSameViews(history.fold(coalition, loggedAt, null), fresh(coalition, loggedAt, null));
                assertSameViewsWithoutTrail(history.foldWithoutTrail(coalition, loggedAt, null),
                        fresh(coalition, loggedAt, null));
                Instant before = loggedAt.minusNanos(1000);
                assertSameViews(history.fold(coalition, before, null), fresh(coalition, before, null));
                assertSameViewsWithoutTrail(history.foldWithoutTrail(coalition, before, null),
                        fresh(coalition, before, null));
            }
        }
    }

    @Test
    void viewsAsOfACheckpointAndAsRecordedAt_readOnlyTheCoalitionsLeavesAfterTheNearestSnapshot() {
        long size = signCheckpoint();
        List<Long> smallLeaves = leaves(small);
        long lastSnapshot = jdbc.queryForObject("select max(leaf_index) from coalition_fold_snapshot "
                + "where coalition_id = ?", Long.class, small);
        long after = smallLeaves.stream().filter(leaf -> leaf > lastSnapshot).count();
        assertThat(after).isLessThan(interval).isLessThan(smallLeaves.size());

        assertThat(after).isPositive();

        long read = rowsReadBy(Read.COALITION_LEAVES, () -> view(small, "asOfCheckpoint=" + size, 200));
        assertThat(read).isEqualTo(VIEWS.size() * after);

        String now = Instant.now().plusSeconds(1).toString();
        read = rowsReadBy(Read.COALITION_LEAVES, () -> view(small, "recordedAt=" + now, 200));
        assertThat(read).isEqualTo(VIEWS.size() * after);
        // The large coalition costs its own leaves after its snapshot, not the store's.
        long largeAfter = leaves(large).stream().filter(leaf -> leaf > jdbc.queryForObject(
                "select max(leaf_index) from coalition_fold_snapshot where coalition_id = ?", Long.class, large))
                .count();
        assertThat(largeAfter).isLessThan(interval);
        assertThat(rowsReadBy(Read.COALITION_LEAVES, () -> view(large, "asOfCheckpoint=" + size, 200)))
                .isEqualTo(VIEWS.size() * largeAfter);
    }

    @Test
    void viewsButTheTrail_continueFromTheNearestSnapshotsHead_readingNoCoalitionsWholeState() {
        // Holding the writer's monitor keeps its background run (which reads stored states) out of the counts.
        synchronized (snapshots) {
            long size = signCheckpoint();
            String now = Instant.now().plusSeconds(1).toString();
            for (String coalition : List.of(small, large)) {
                for (String at : List.of("asOfCheckpoint=" + size, "recordedAt=" + now)) {
                    long heads = store.rowsRead().get(Read.FOLD_HEADS);
                    assertThat(rowsReadBy(Read.FOLD_SNAPSHOTS, () -> view(coalition, at, 200))).as(at).isZero();
                    assertThat(store.rowsRead().get(Read.FOLD_HEADS) - heads).isEqualTo(VIEWS.size());
                }
                // The restatement trail lists every restatement: it is folded from the whole state.
                assertThat(rowsReadBy(Read.FOLD_SNAPSHOTS, () -> client.get()
                        .uri("/api/v1/coalitions/{id}/restatements?asOfCheckpoint=" + size, coalition)
                        .headers(h -> h.setBearerAuth(TestTokens.PARTNER)).accept(MediaType.APPLICATION_JSON)
                        .exchange().expectStatus().isOk())).isEqualTo(1);
            }
        }
    }

    @Test
    void eachSnapshot_storesOnlyTheRecordsChangedSinceTheOneBefore_andTheTrailReadsThatCoalitionsRowsAlone() {
        synchronized (snapshots) {
            String coalition = ApiFixtures.freshId("apart");
            found(coalition);
            int batches = 3 * interval;
            for (int i = 0; i < batches; i++) {
                batch(coalition, i);
            }
            LogCatchUp.await(jdbc);
            snapshots.writeDue();
            long before = snapshotCount(coalition);
            assertThat(before).isGreaterThanOrEqualTo(2);
            correct(coalition, coalition + "-b0", 999);
            for (int i = 0; i < interval; i++) {
                batch(coalition, batches + i);
            }
            long size = LogCatchUp.await(jdbc);
            snapshots.writeDue();
            assertThat(snapshotCount(coalition)).isGreaterThan(before);
            long latest = jdbc.queryForObject("select max(leaf_index) from coalition_fold_snapshot where "
                    + "coalition_id = ?", Long.class, coalition);
            int recordsByLatest = fresh(coalition, null, latest + 1).snapshot().records().size();
            assertThat(recordsByLatest).isGreaterThan(3 * interval);

            // Every record once and the corrected one again at the snapshot after its correction: storage grows with
            // the facts, not with snapshots times records.
            assertThat(jdbc.queryForObject("select count(*) from coalition_fold_record_version where coalition_id = ?",
                    Long.class, coalition)).isEqualTo(recordsByLatest + 1);
            assertThat(jdbc.queryForList("select leaf_index from coalition_fold_record_version where coalition_id = ? "
                    + "and record_id = ? order by leaf_index", Long.class, coalition, coalition + "-b0")).hasSize(2);
            assertThat(jdbc.queryForObject("select count(*) from coalition_fold_restatement where coalition_id = ?",
                    Long.class, coalition)).isEqualTo(1);
            assertSameViews(history.fold(coalition, null, size), fresh(coalition, null, size));
            assertSameViews(history.fold(coalition, null, latest + 1), fresh(coalition, null, latest + 1));

            // The trail reads the latest snapshot's restatements and only the records the leaves after it name (new
            // batches here: none stored), not the coalition's every record.
            if (leaves(coalition).stream().noneMatch(leaf -> leaf > latest)) {
                batch(coalition, batches + interval);
                LogCatchUp.await(jdbc);
            }
            long size2 = signCheckpoint();
            long rows = 1;
            long read = rowsReadBy(Read.FOLD_RECORDS, () -> client.get()
                    .uri("/api/v1/coalitions/{id}/restatements?asOfCheckpoint=" + size2, coalition)
                    .headers(h -> h.setBearerAuth(TestTokens.PARTNER)).accept(MediaType.APPLICATION_JSON)
                    .exchange().expectStatus().isOk().expectBody(String.class)
                    .value(body -> assertThat(body).contains(coalition + "-b0", "\"listingsRemoved\":999")));
            assertThat(read).isEqualTo(rows);
            assertThat(verification.verify(false).snapshotProblems()).isEmpty();

            // A changed restatement is reported.
            String restatement = jdbc.queryForObject("select restatement from coalition_fold_restatement where "
                    + "coalition_id = ?", String.class, coalition);
            try {
                jdbc.update("update coalition_fold_restatement set restatement = ? where coalition_id = ?",
                        restatement.replace("\"listingsRemoved\":999", "\"listingsRemoved\":998"), coalition);
                assertThat(verification.verify(false).snapshotProblems()).singleElement().satisfies(problem ->
                        assertThat(problem).contains("coalition " + coalition, "restatement trail was changed"));
            } finally {
                jdbc.update("update coalition_fold_restatement set restatement = ? where coalition_id = ?",
                        restatement, coalition);
            }
        }
    }

    @Test
    void aRestatementAfterTheNearestSnapshot_ofARecordBeforeIt_isFoldedFromTheWholeState() {
        // Holding the writer's monitor keeps its background run (which reads stored states) out of the counts.
        synchronized (snapshots) {
            String restated = ApiFixtures.freshId("restated");
            found(restated);
            for (int i = 0; i < interval + 1; i++) { // so that a snapshot is stored
                batch(restated, i);
            }
            LogCatchUp.await(jdbc);
            snapshots.writeDue();
            assertThat(snapshotCount(restated)).isPositive();
            correct(restated, restated + "-b0", 999);
            long size = LogCatchUp.await(jdbc);
            assertThat(jdbc.queryForObject("select max(leaf_index) from coalition_fold_snapshot where coalition_id = ?",
                    Long.class, restated)).isLessThan(size - 1);

            String at = "asOfCheckpoint=" + signCheckpoint();
            long read = rowsReadBy(Read.FOLD_SNAPSHOTS, () -> view(restated, at, 200));

            assertThat(read).isEqualTo(VIEWS.size());
            CoalitionLedgerFold whole = fresh(restated, null, size);
            assertSameViewsWithoutTrail(history.foldWithoutTrail(restated, null, size), whole);
            assertThat(whole.yearOverYear(YearBasis.CALENDAR_YEAR).rows()).anySatisfy(row -> assertThat(row.restated())
                    .isTrue());
            // The trail's fold holds the restated record from the snapshot, so the restatement shows its figures before.
            long versions = rowsReadBy(Read.FOLD_RECORDS, () -> assertThat(history.foldForTrail(restated, null, size)
                    .restatements()).isEqualTo(whole.restatements()).singleElement()
                    .satisfies(restatement -> assertThat(restatement.before()).isNotNull()));
            assertThat(versions).as("the restated record's version alone").isEqualTo(1);
        }
    }

    @Test
    void aRecordAfterTheNearestSnapshot_thatItsRecordsHold_isFoldedFromTheWholeState() {
        // Holding the writer's monitor keeps its background run (which reads stored states) out of the counts.
        synchronized (snapshots) {
            // A record recorded again (never via the commands) is listed before the snapshot: the head counted it, and
            // only the whole state shows that the fold ignores the second one. A listing row stands in for it here.
            String twice = ApiFixtures.freshId("twice");
            found(twice);
            for (int i = 0; i <= interval; i++) {
                batch(twice, i);
            }
            long size = LogCatchUp.await(jdbc);
            snapshots.writeDue();
            long snapshot = jdbc.queryForObject("select max(leaf_index) from coalition_fold_snapshot where "
                    + "coalition_id = ?", Long.class, twice);
            String last = twice + "-b" + interval;
            assertThat(leaves(twice)).last().satisfies(leaf -> assertThat(leaf).isGreaterThan(snapshot));
            String at = "asOfCheckpoint=" + signCheckpoint();
            assertThat(rowsReadBy(Read.FOLD_SNAPSHOTS, () -> view(twice, at, 200))).isZero();

            // An old version of the first record's place (shadowed by that record's own), under the later record's id.
            jdbc.update("insert into coalition_fold_record_version (coalition_id, record_id, leaf_index, ordinal, state) "
                    + "values (?, ?, ?, ?, ?)", twice, last, -1, 0, "{}");
            try {
                assertThat(rowsReadBy(Read.FOLD_SNAPSHOTS, () -> view(twice, at, 200))).isEqualTo(VIEWS.size());
                assertSameViewsWithoutTrail(history.foldWithoutTrail(twice, null, size), fresh(twice, null, size));
            } finally {
                jdbc.update("delete from coalition_fold_record_version where coalition_id = ? and record_id = ? and "
                        + "leaf_index = -1", twice, last);
            }
        }
    }

    @Test
    void aChangedHeadOrARemovedChangedOrStrayRecordVersion_isReportedByVerification() {
        long leaf = jdbc.queryForObject("select max(leaf_index) from coalition_fold_snapshot where coalition_id = ?",
                Long.class, small);
        String head = jdbc.queryForObject("select head from coalition_fold_snapshot where coalition_id = ? "
                + "and leaf_index = ?", String.class, small, leaf);
        assertThat(head).contains("\"listingsRemoved\":");
        try {
            jdbc.update("update coalition_fold_snapshot set head = ? where coalition_id = ? and leaf_index = ?",
                    head.replaceFirst("\"listingsRemoved\":\\d+", "\"listingsRemoved\":0"), small, leaf);
            assertThat(verification.verify(false).snapshotProblems()).singleElement().satisfies(problem ->
                    assertThat(problem).contains("coalition " + small + " at leaf " + leaf, "head was changed"));
        } finally {
            jdbc.update("update coalition_fold_snapshot set head = ? where coalition_id = ? and leaf_index = ?",
                    head, small, leaf);
        }
        String record = small + "-b0";
        var version = jdbc.queryForMap("select leaf_index, ordinal, state from coalition_fold_record_version where "
                + "coalition_id = ? and record_id = ?", small, record);
        long versionLeaf = ((Number) version.get("leaf_index")).longValue();
        String state = (String) version.get("state");
        jdbc.update("delete from coalition_fold_record_version where coalition_id = ? and record_id = ?", small, record);
        try {
            assertThat(verification.verify(false).snapshotProblems()).singleElement().satisfies(problem ->
                    assertThat(problem).contains("coalition " + small + " at leaf " + versionLeaf, "lacks", record));
            // Changed, or stored where the coalition has no snapshot: both are named.
            for (long at : List.of(versionLeaf, versionLeaf - 1)) {
                jdbc.update("insert into coalition_fold_record_version (coalition_id, record_id, leaf_index, ordinal, "
                        + "state) values (?, ?, ?, ?, ?)", small, record, at, version.get("ordinal"),
                        at == versionLeaf ? state.replace("\"listingsRemoved\":1,", "\"listingsRemoved\":2,") : state);
                assertThat(verification.verify(false).snapshotProblems()).anySatisfy(problem ->
                        assertThat(problem).contains("coalition " + small, "record version was changed or added",
                                record));
                jdbc.update("delete from coalition_fold_record_version where coalition_id = ? and record_id = ?", small,
                        record);
            }
        } finally {
            jdbc.update("delete from coalition_fold_record_version where coalition_id = ? and record_id = ?", small,
                    record);
            jdbc.update("insert into coalition_fold_record_version (coalition_id, record_id, leaf_index, ordinal, state) "
                    + "values (?, ?, ?, ?, ?)", small, record, versionLeaf, version.get("ordinal"), state);
        }
        assertThat(verification.verify(false).snapshotProblems()).isEmpty();
    }

    @Test
    void unknownCoalition_isNotFound_withoutReadingEventRows() {
        String unknown = ApiFixtures.freshId("unknown");
        long size = signCheckpoint();
        for (Read read : Read.values()) {
            if (read == Read.SWEPT_EVENTS || read == Read.TREE_LEAVES) {
                continue; // the scheduled sweep's reads and the tree's, which follow the store, beside any request
            }
            long before = store.rowsRead().get(read);
            view(unknown, "asOfCheckpoint=" + size, 404);
            view(unknown, "recordedAt=" + Instant.now(), 404);
            client.get().uri("/api/v1/coalitions/{id}/events", unknown).headers(h -> h.setBearerAuth(
                    TestTokens.AUDITOR)).accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isNotFound();
            assertThat(store.rowsRead().get(read) - before).as(read.name()).isZero();
        }
    }

    @Test
    void eventHistoryPages_readOnlyThePage_throughTheCoalitionIndex() {
        int limit = 3;
        List<Long> seen = new ArrayList<>();
        Long next = null;
        do {
            Long after = next;
            String[] body = new String[1];
            long read = rowsReadBy(Read.EVENT_HISTORY, () -> body[0] = history(small, after, limit));
            var matcher = java.util.regex.Pattern.compile("\"globalIndex\":(\\d+)").matcher(body[0]);
            int onPage = 0;
            for (; matcher.find(); onPage++) {
                seen.add(Long.parseLong(matcher.group(1)));
            }
            // The page's events and at most the one that shows whether there is a next page.
            assertThat(read).isBetween((long) onPage, (long) limit + 1);
            var nextMatch = java.util.regex.Pattern.compile("\"next\":(\\d+)").matcher(body[0]);
            next = nextMatch.find() ? Long.parseLong(nextMatch.group(1)) : null;
        } while (next != null);
        assertThat(seen).isSorted().doesNotHaveDuplicates().containsExactlyElementsOf(jdbc.queryForList(
                "select global_index from audit_leaf_coalition where coalition_id = ? order by global_index",
                Long.class, small));
    }

    @Test
    void eventHistoryPages_whileTheLogLags_readAtMostAPageOfTheUnloggedTail_andGoOnFromWhereTheirReadEnded() {
        int limit = 3;
        LogCatchUp.await(jdbc);
        Long lastLogged = jdbc.queryForObject("select max(global_index) from audit_leaf_coalition where "
                + "coalition_id = ?", Long.class, small);
        StreamingEventProcessor log = processing.eventProcessor("audit-log", StreamingEventProcessor.class)
                .orElseThrow();
        log.shutDown();
        try {
            // The small coalition's next event behind many of the large one's, none of them logged.
            for (int i = 0; i < 4 * limit; i++) {
                batch(large, 1000 + i);
            }
            long before = storedUpTo();
            batch(small, smallBatches++);
            List<Long> expected = jdbc.queryForList("select global_index from domain_event_entry where global_index > "
                    + "? order by global_index", Long.class, before);
            long unlogged = jdbc.queryForObject("select count(*) from domain_event_entry where global_index > "
                    + "(select max(global_index) from audit_leaf)", Long.class);
            assertThat(unlogged).isGreaterThan(4L * limit);

            List<Long> seen = new ArrayList<>();
            int pages = 0;
            Long next = lastLogged;
            do {
                Long after = next;
                String[] body = new String[1];
                long read = rowsReadBy(Read.EVENT_HISTORY, () -> body[0] = history(small, after, limit));
                pages++;
                // At most the page and the one after it from the coalition index, and as many of the tail.
                assertThat(read).as("rows read for page %d", pages).isLessThanOrEqualTo(2L * (limit + 1));
                var matcher = java.util.regex.Pattern.compile("\"globalIndex\":(\\d+)").matcher(body[0]);
                while (matcher.find()) {
                    seen.add(Long.parseLong(matcher.group(1)));
                }
                var nextMatch = java.util.regex.Pattern.compile("\"next\":(\\d+)").matcher(body[0]);
                next = nextMatch.find() ? Long.parseLong(nextMatch.group(1)) : null;
            } while (next != null);
            assertThat(pages).as("pages that ended where their read of the tail ended").isGreaterThan(2);
            assertThat(seen).isNotEmpty().containsExactlyElementsOf(expected);

            // The stream follows the same pages to the end.
            String ndjson = client.get().uri("/api/v1/coalitions/{id}/events?after=" + lastLogged, small)
                    .headers(h -> h.setBearerAuth(TestTokens.AUDITOR))
                    .accept(MediaType.parseMediaType("application/x-ndjson")).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(ndjson.lines().map(line -> Long.parseLong(line.replaceAll(".*\"globalIndex\":(\\d+).*", "$1"))))
                    .containsExactlyElementsOf(expected);
        } finally {
            log.start();
            LogCatchUp.await(jdbc);
        }
    }

    @Test
    void administrativeActPages_readOnlyThePage_throughTheStoresIndexOfActs() {
        String between = ApiFixtures.freshId("between");
        found(between);
        for (int i = 0; i < 3; i++) {
            batch(between, 2 * i);
            batch(between, 2 * i + 1);
            client.post().uri("/api/v1/admin/api-keys").headers(h -> h.setBearerAuth(TestTokens.ADMIN))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"subject\": \"" + ApiFixtures.freshId("acts")
                            + "@example.org\", \"name\": \"Test person\", \"role\": \"PARTNER\", \"expiresAt\": \""
                            + Instant.now().plus(Duration.ofDays(30)) + "\"}")
                    .exchange().expectStatus().isCreated();
        }
        int limit = 2;
        List<Long> seen = new ArrayList<>();
        Long next = null;
        do {
            Long after = next;
            String[] body = new String[1];
            long read = rowsReadBy(Read.EVENT_HISTORY, () -> body[0] = client.get()
                    .uri(uri -> uri.path("/api/v1/admin/events").queryParam("limit", limit)
                            .queryParamIfPresent("after", java.util.Optional.ofNullable(after)).build())
                    .headers(h -> h.setBearerAuth(TestTokens.AUDITOR)).accept(MediaType.APPLICATION_JSON)
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            var matcher = java.util.regex.Pattern.compile("\"globalIndex\":(\\d+)").matcher(body[0]);
            int onPage = 0;
            for (; matcher.find(); onPage++) {
                seen.add(Long.parseLong(matcher.group(1)));
            }
            // The page's acts and at most the one that shows whether there is a next page, not the events between.
            assertThat(onPage).isPositive();
            assertThat(read).isBetween((long) onPage, (long) limit + 1);
            var nextMatch = java.util.regex.Pattern.compile("\"next\":(\\d+)").matcher(body[0]);
            next = nextMatch.find() ? Long.parseLong(nextMatch.group(1)) : null;
        } while (next != null);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(3).isSorted().doesNotHaveDuplicates()
                .containsExactlyElementsOf(jdbc.queryForList("select global_index from domain_event_entry "
                        + "where aggregate_identifier like 'admin:%' order by global_index", Long.class));
        // Other events lie between the acts; the pages returned acts alone, read through the index that holds
        // nothing else.
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where global_index between ? and ?",
                Long.class, seen.get(0), seen.get(seen.size() - 1))).isGreaterThan(2L * seen.size());
    }

    @Test
    void incrementalVerification_readsOnlyTheLeavesLoggedSinceTheLastCleanRun() {
        AuditVerificationService.Report full = verification.verify(false);
        assertThat(full.clean()).as("%s", full).isTrue();
        batch(small, smallBatches++);
        batch(small, smallBatches++);
        long size = LogCatchUp.await(jdbc);

        long[] report = new long[3];
        long read = rowsReadBy(Read.LOG, () -> {
            AuditVerificationService.Report incremental = verification.verify(true);
            assertThat(incremental.clean()).as("%s", incremental).isTrue();
            assertThat(incremental.incremental()).isTrue();
            report[0] = incremental.fromTreeSize();
            report[1] = incremental.treeSize();
        });
        assertThat(report[0]).isEqualTo(full.treeSize());
        assertThat(report[1]).isEqualTo(size);
        assertThat(read).isEqualTo(size - full.treeSize());

        String body = client.get().uri("/api/v1/audit/verification?incremental=true")
                .headers(h -> h.setBearerAuth(TestTokens.AUDITOR)).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("\"incremental\":true", "\"fromTreeSize\":" + size, "\"clean\":true");
    }

    @Test
    void incrementalVerification_countsTheEventsStoredSinceTheLastCleanRun_onTopOfItsCount() {
        AuditVerificationService.Report full = verification.verify(false);
        assertThat(full.clean()).as("%s", full).isTrue();
        assertThat(full.eventsInStore()).isEqualTo(storedEvents());
        for (int i = 0; i < 2; i++) {
            batch(small, smallBatches++);
            LogCatchUp.await(jdbc);
            AuditVerificationService.Report incremental = verification.verify(true);
            assertThat(incremental.incremental()).isTrue();
            assertThat(incremental.eventsInStore()).isEqualTo(storedEvents());
        }
    }

    private long storedUpTo() {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
    }

    private long storedEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    @Test
    void aChangedSnapshot_isReportedByVerification_andAnUnreadableOneIsPassedOver() {
        long leaf = jdbc.queryForObject("select min(leaf_index) from coalition_fold_snapshot where coalition_id = ?",
                Long.class, large);
        String state = jdbc.queryForObject("select state from coalition_fold_snapshot where coalition_id = ? "
                + "and leaf_index = ?", String.class, large, leaf);
        CoalitionLedgerFold honest = fresh(large, null, Long.MAX_VALUE);
        try {
            assertThat(state).contains("Test coalition " + large);
            updateSnapshot(state.replace("Test coalition " + large, "Another coalition"), large, leaf);
            AuditVerificationService.Report report = verification.verify(false);
            assertThat(report.clean()).isFalse();
            assertThat(report.snapshotProblems()).anySatisfy(problem -> assertThat(problem)
                    .contains("coalition " + large + " at leaf " + leaf));
            // The snapshots after the changed one are checked against the fold of the leaves, not built on it.
            assertThat(jdbc.queryForObject("select count(*) from coalition_fold_snapshot where coalition_id = ? "
                    + "and leaf_index > ?", Long.class, large, leaf)).isPositive();
            assertThat(report.snapshotProblems()).filteredOn(problem -> problem.contains("coalition " + large + " "))
                    .hasSize(1);

            updateSnapshot("{\"not\": \"a snapshot\"}", large, leaf);
            assertSameViews(history.fold(large, null, leaf + 1), fresh(large, null, leaf + 1));
        } finally {
            updateSnapshot(state, large, leaf);
        }
        assertSameViews(history.fold(large, null, Long.MAX_VALUE), honest);
        assertThat(verification.verify(false).snapshotProblems()).isEmpty();
    }

    @Test
    void writingSnapshots_readsAStoredStateOnlyWhenOneIsDue_andCarriesTheFoldItWrote() {
        // Holding the writer's monitor keeps its background run out of the counts.
        synchronized (snapshots) {
            snapshots.writeDue();
            assertThat(rowsReadBy(Read.FOLD_SNAPSHOTS, snapshots::writeDue)).as("nothing due").isZero();

            long before = snapshotCount(large);
            for (int i = 0; i < 3 * interval; i++) {
                batch(large, 500 + i);
            }
            LogCatchUp.await(jdbc);
            long read = rowsReadBy(Read.FOLD_SNAPSHOTS, snapshots::writeDue);
            // At least one leaf per batch, so at least three new snapshots.
            assertThat(snapshotCount(large)).isGreaterThanOrEqualTo(before + 3);
            // The latest snapshot once; the ones after it continue from the fold just written.
            assertThat(read).isEqualTo(1);

            // One more batch: its coalition is looked at, but its latest state is read only if a snapshot is due.
            long latest = jdbc.queryForObject("select max(leaf_index) from coalition_fold_snapshot where "
                    + "coalition_id = ?", Long.class, large);
            batch(large, 500 + 3 * interval);
            LogCatchUp.await(jdbc);
            boolean due = leaves(large).stream().filter(leaf -> leaf > latest).count() >= interval;
            assertThat(rowsReadBy(Read.FOLD_SNAPSHOTS, snapshots::writeDue)).isEqualTo(due ? 1 : 0);
        }
        assertThat(verification.verify(false).snapshotProblems()).isEmpty();
    }

    @Test
    void theSnapshotWriterAndIncrementalVerification_readOnlyTheRecordsTheNewLeavesName_notTheCoalitions() {
        // Holding the writer's monitor keeps its background run out of the counts.
        synchronized (snapshots) {
            String grown = ApiFixtures.freshId("grown");
            found(grown);
            int stored = 6 * interval;
            for (int i = 0; i < stored; i++) {
                batch(grown, i);
            }
            LogCatchUp.await(jdbc);
            snapshots.writeDue();
            AuditVerificationService.Report full = verification.verify(false);
            assertThat(full.clean()).as("%s", full).isTrue();
            long before = snapshotCount(grown);

            for (int i = 0; i < 2 * interval; i++) {
                batch(grown, stored + i);
            }
            LogCatchUp.await(jdbc);
            // New records only: none is looked up; the latest snapshot's record and restatement counts are one row
            // each, whatever the coalition holds.
            long written = rowsReadBy(Read.FOLD_RECORDS, snapshots::writeDue);
            assertThat(snapshotCount(grown)).isGreaterThanOrEqualTo(before + 2);
            assertThat(written).isLessThanOrEqualTo(2);
            long checked = rowsReadBy(Read.FOLD_RECORDS, () -> {
                AuditVerificationService.Report incremental = verification.verify(true);
                assertThat(incremental.clean()).as("%s", incremental).isTrue();
                assertThat(incremental.snapshotsChecked()).isGreaterThanOrEqualTo(2);
            });
            assertThat(checked).as("not the %d records stored before", stored).isLessThanOrEqualTo(2);

            // What such a run checks is still every part of the new snapshots: a changed head or record version.
            long latest = jdbc.queryForObject("select max(leaf_index) from coalition_fold_snapshot where "
                    + "coalition_id = ?", Long.class, grown);
            for (int i = 0; i < interval; i++) {
                batch(grown, stored + 2 * interval + i);
            }
            LogCatchUp.await(jdbc);
            snapshots.writeDue();
            long newest = jdbc.queryForObject("select max(leaf_index) from coalition_fold_snapshot where "
                    + "coalition_id = ?", Long.class, grown);
            assertThat(newest).isGreaterThan(latest);
            String newestHead = jdbc.queryForObject("select head from coalition_fold_snapshot where coalition_id = ? "
                    + "and leaf_index = ?", String.class, grown, newest);
            try {
                jdbc.update("update coalition_fold_snapshot set head = ? where coalition_id = ? and leaf_index = ?",
                        newestHead.replaceFirst("\"listingsRemoved\":\\d+", "\"listingsRemoved\":0"), grown, newest);
                assertThat(verification.verify(true).snapshotProblems()).singleElement().satisfies(problem ->
                        assertThat(problem).contains("coalition " + grown + " at leaf " + newest, "head was changed"));
            } finally {
                jdbc.update("update coalition_fold_snapshot set head = ? where coalition_id = ? and leaf_index = ?",
                        newestHead, grown, newest);
            }
            var newestVersion = jdbc.queryForMap("select record_id, state from coalition_fold_record_version where "
                    + "coalition_id = ? and leaf_index = ? fetch first 1 rows only", grown, newest);
            String newestState = (String) newestVersion.get("state");
            try {
                jdbc.update("update coalition_fold_record_version set state = ? where coalition_id = ? and "
                        + "record_id = ? and leaf_index = ?", newestState.replaceFirst("\"listingsRemoved\":\\d+",
                        "\"listingsRemoved\":0"), grown, newestVersion.get("record_id"), newest);
                assertThat(verification.verify(true).snapshotProblems()).singleElement().satisfies(problem ->
                        assertThat(problem).contains("coalition " + grown, "record version was changed or added",
                                (String) newestVersion.get("record_id")));
            } finally {
                jdbc.update("update coalition_fold_record_version set state = ? where coalition_id = ? and "
                        + "record_id = ? and leaf_index = ?", newestState, grown, newestVersion.get("record_id"),
                        newest);
            }

            // A correction of a record from before the latest snapshot needs the records its head summed up: the
            // snapshot after it is folded from the whole state, and still checks clean.
            correct(grown, grown + "-b0", 999);
            for (int i = 0; i < interval; i++) {
                batch(grown, stored + 3 * interval + i);
            }
            long size = LogCatchUp.await(jdbc);
            snapshots.writeDue();
            AuditVerificationService.Report afterCorrection = verification.verify(true);
            assertThat(afterCorrection.clean()).as("%s", afterCorrection).isTrue();
            assertThat(afterCorrection.snapshotsChecked()).isPositive();
            assertSameViews(history.fold(grown, null, size), fresh(grown, null, size));

            // A record version from before the last clean run, changed to hold another record, as the next run
            // looks the record up: reported, never passed over.
            correct(grown, grown + "-b1", 998);
            for (int i = 0; i < interval; i++) {
                batch(grown, stored + 4 * interval + i);
            }
            LogCatchUp.await(jdbc);
            snapshots.writeDue();
            var first = jdbc.queryForList("select leaf_index, state from coalition_fold_record_version where "
                    + "coalition_id = ? and record_id = ? order by leaf_index", grown, grown + "-b1").get(0);
            String firstState = (String) first.get("state");
            assertThat(firstState).contains("\"recordId\":\"" + grown + "-b1\"");
            jdbc.update("update coalition_fold_record_version set state = ? where coalition_id = ? and record_id = ? "
                    + "and leaf_index = ?", firstState.replace("\"recordId\":\"" + grown + "-b1\"",
                    "\"recordId\":\"" + grown + "-bx\""), grown, grown + "-b1", first.get("leaf_index"));
            try {
                AuditVerificationService.Report tampered = verification.verify(true);
                assertThat(tampered.incremental()).isTrue();
                assertThat(tampered.snapshotProblems()).isNotEmpty().allSatisfy(problem ->
                        assertThat(problem).contains("coalition " + grown));
            } finally {
                jdbc.update("update coalition_fold_record_version set state = ? where coalition_id = ? and "
                        + "record_id = ? and leaf_index = ?", firstState, grown, grown + "-b1",
                        first.get("leaf_index"));
            }
        }
        assertThat(verification.verify(false).snapshotProblems()).isEmpty();
    }

    /** Rewrites a stored snapshot (derived data: the application's role may, unlike the log's tables). */
    private void updateSnapshot(String state, String coalitionId, long leafIndex) {
        jdbc.update("update coalition_fold_snapshot set state = ? where coalition_id = ? and leaf_index = ?", state,
                coalitionId, leafIndex);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private long rowsReadBy(Read read, Runnable request) {
        long before = store.rowsRead().get(read);
        request.run();
        return store.rowsRead().get(read) - before;
    }

    private String history(String coalition, Long after, int limit) {
        return client.get().uri(uri -> uri.path("/api/v1/coalitions/{id}/events").queryParam("limit", limit)
                        .queryParamIfPresent("after", java.util.Optional.ofNullable(after)).build(coalition))
                .headers(h -> h.setBearerAuth(TestTokens.AUDITOR)).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private void view(String coalition, String at, int status) {
        for (String view : VIEWS) {
            String uri = "/api/v1/coalitions/" + coalition + view + (view.contains("?") ? "&" : "?") + at;
            client.get().uri(uri).headers(h -> h.setBearerAuth(TestTokens.PARTNER))
                    .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isEqualTo(status);
        }
    }

    private CoalitionLedgerFold fresh(String coalition, Instant recordedAt, Long treeSize) {
        CoalitionLedgerFold fold = new CoalitionLedgerFold(coalition);
        history.forEachEntry(coalition, recordedAt, treeSize, fold::apply);
        return fold;
    }

    private static void assertSameViews(CoalitionLedgerFold actual, CoalitionLedgerFold expected) {
        assertThat(actual.snapshot()).isEqualTo(expected.snapshot());
        assertSameViewsWithoutTrail(actual, expected);
        if (expected.isFounded()) {
            assertThat(actual.restatements()).isEqualTo(expected.restatements());
        }
    }

    /** The views a fold continued from a head answers: all but the restatement trail. */
    private static void assertSameViewsWithoutTrail(CoalitionLedgerFold actual, CoalitionLedgerFold expected) {
        assertThat(actual.isFounded()).isEqualTo(expected.isFounded());
        if (expected.isFounded()) {
            assertThat(actual.coalition()).isEqualTo(expected.coalition());
            for (YearBasis basis : YearBasis.values()) {
                assertThat(actual.yearOverYear(basis)).isEqualTo(expected.yearOverYear(basis));
            }
            assertThat(actual.membership(LocalDate.parse("2020-06-01")))
                    .isEqualTo(expected.membership(LocalDate.parse("2020-06-01")));
            assertThat(actual.goalProgress()).isEqualTo(expected.goalProgress());
        }
    }

    private List<Long> leaves(String coalition) {
        return jdbc.queryForList("select leaf_index from audit_leaf_coalition where coalition_id = ? "
                + "order by leaf_index", Long.class, coalition);
    }

    private long snapshotCount(String coalition) {
        return jdbc.queryForObject("select count(*) from coalition_fold_snapshot where coalition_id = ?", Long.class,
                coalition);
    }

    private long signCheckpoint() {
        String body = client.post().uri("/api/v1/audit/checkpoints").headers(h -> h.setBearerAuth(TestTokens.ADMIN))
                .accept(MediaType.APPLICATION_JSON).exchange().expectStatus().is2xxSuccessful()
                .expectBody(String.class).returnResult().getResponseBody();
        return Long.parseLong(body.replaceAll(".*\"treeSize\":(\\d+).*", "$1"));
    }

    private void found(String coalition) {
        client.post().uri("/api/v1/coalitions").headers(h -> h.setBearerAuth(TestTokens.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(ApiFixtures.foundCoalition(coalition)).exchange()
                .expectStatus().isCreated();
    }

    private void correct(String coalition, String record, int listingsRemoved) {
        client.post().uri("/api/v1/coalitions/{id}/records/{record}/corrections", coalition, record)
                .headers(h -> h.setBearerAuth(TestTokens.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"listingsRemoved\": " + listingsRemoved + ", \"adsBlocked\": 0, \"accountsRemoved\": 0, "
                        + "\"reason\": \"recount\"}").exchange().expectStatus().is2xxSuccessful();
    }

    private void batch(String coalition, int n) {
        client.post().uri("/api/v1/coalitions/{id}/takedown-batches", coalition)
                .headers(h -> h.setBearerAuth(TestTokens.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ApiFixtures.takedownBatch(coalition + "-b" + n, "2020-02-01", "2020-02-28", 1 + n))
                .exchange().expectStatus().isCreated();
    }
}
