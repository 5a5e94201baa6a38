package org.coalitionledger.views;

import org.axonframework.commandhandling.CommandExecutionException;
import org.coalitionledger.api.error.CoalitionError;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.view.RebuildViewsCommand;
import org.coalitionledger.query.views.GenerationFill;
import org.coalitionledger.query.views.ViewGenerations;
import org.coalitionledger.web.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A rebuild fills its new copy of the views straight from the store, folding one coalition's slices in parallel
 * tasks, and the copy holds, row for row, what the processor wrote event by event. The test profile fills in pages
 * of 16 events, so records are corrected pages after the fill wrote them.
 */
abstract class ViewsFillContract extends ViewsTestSupport {

    /** Each view table with the order its rows are compared in. */
    private static final Map<String, String> TABLES = Map.of(
            "coalition_view_founding", "coalition_id",
            "coalition_view_stint", "coalition_id, member_id, stint_no",
            "coalition_view_goal", "coalition_id, goal_id",
            "coalition_view_record", "coalition_id, record_id",
            "coalition_view_restatement", "coalition_id, position");
    /** Columns that number changes, not state: a fill counts itself as every coalition's first change. */
    private static final Set<String> CHANGE_COLUMNS = Set.of("generation", "change_no", "first_change_no",
            "change_count");

    @Autowired
    GenerationFill fill;

    @Autowired
    ViewGenerations generations;

    @LocalServerPort
    int port;

    @Test
    void aRebuild_foldsOneCoalitionInParallelTasks_andTheCopyHoldsRowForRowWhatTheProcessorWrote() {
        String id = foundCoalition();
        int accepted = new RandomHistory(id, new Random(20261204L)).record(150);
        assertThat(accepted).as("commands the rules accepted").isGreaterThan(100);
        for (int i = 0; i < 40; i++) {
            recordListings(id, "fill-" + i, FOUNDED_ON.plusDays(i), FOUNDED_ON.plusDays(i + 10), 10 + i);
        }
        long published = awaitViewsAtHead();
        Map<String, List<Map<String, Object>>> written = rows(published);
        assertThat(written.get("coalition_view_record")).as("records of the published copy").hasSizeGreaterThan(60);
        assertThat(written.get("coalition_view_restatement")).as("restatements").isNotEmpty();
        assertThat(written.get("coalition_view_stint")).as("stints").hasSizeGreaterThan(2);

        send(new RebuildViewsCommand(UUID.randomUUID().toString(), "fill test"));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            ViewGenerations.State state = generations.state();
            return state.published() == published + 1 && state.building() == null;
        });

        GenerationFill.Report report = fill.lastReport();
        assertThat(report).as("the rebuild's fill").isNotNull();
        assertThat(report.generation()).isEqualTo(published + 1);
        assertThat(report.events()).as("events the fill read").isGreaterThan(accepted + 40);
        assertThat(report.mostTasksOneCoalition()).as("parallel tasks that folded one coalition's slices")
                .isGreaterThanOrEqualTo(2);
        assertThat(rows(published + 1)).as("the filled copy against the rows the processor wrote")
                .isEqualTo(written);
    }

    @Test
    void aSecondRebuild_whileTheFirstFills_isRefused_409_problemJson_andTheFirstGoesOn() {
        foundCoalition();
        long published = awaitViewsAtHead();
        // A fill holds its instance's lock: holding it holds the first rebuild's fill back.
        synchronized (fill) {
            send(new RebuildViewsCommand(UUID.randomUUID().toString(), "first"));
            assertThatThrownBy(() -> send(new RebuildViewsCommand(UUID.randomUUID().toString(), "second")))
                    .isInstanceOfSatisfying(CommandExecutionException.class, e -> assertThat(e.getDetails())
                            .hasValueSatisfying(details -> assertThat(((CoalitionError) details).code())
                                    .isEqualTo(CoalitionErrorCode.REBUILD_UNDERWAY)));
            WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().post()
                    .uri("/api/v1/admin/projections/rebuild").header("Authorization", "Bearer " + TestTokens.ADMIN)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\": \"third\"}").exchange()
                    .expectStatus().isEqualTo(409)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("REBUILD_UNDERWAY");
            assertThat(generations.state().building()).as("the first rebuild's copy").isEqualTo(published + 1);
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            ViewGenerations.State state = generations.state();
            return state.published() == published + 1 && state.building() == null;
        });
    }

    /** Waits until the views processor has folded every stored event; returns the published generation. */
    private long awaitViewsAtHead() {
        long head = jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry", Long.class);
        awaitCaughtUp("coalition-views");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> processing
                .eventProcessor("coalition-views", org.axonframework.eventhandling.StreamingEventProcessor.class)
                .orElseThrow().processingStatus().values().stream()
                .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head));
        return generations.state().published();
    }

    /** Every view row of the generation, table by table, without the columns that number changes. */
    private Map<String, List<Map<String, Object>>> rows(long generation) {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        TABLES.keySet().stream().sorted().forEach(table -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("select * from " + table + " where generation = ? "
                    + "order by " + TABLES.get(table), generation)) {
                Map<String, Object> kept = new LinkedHashMap<>();
                row.forEach((column, value) -> {
                    String name = column.toLowerCase(Locale.ROOT);
                    if (!CHANGE_COLUMNS.contains(name)) {
                        kept.put(name, value);
                    }
                });
                rows.add(kept);
            }
            all.put(table, rows);
        });
        return all;
    }
}
