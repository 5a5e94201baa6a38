package org.coalitionledger.web.history;

import org.coalitionledger.CoalitionApplication;
import org.coalitionledger.log.AuditLogStore;
import org.coalitionledger.log.RowsRead;
import org.coalitionledger.support.EventStoreRows;
import org.coalitionledger.support.LogCatchUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting the application twice on the same data folder (what the README's run command does) leaves exactly
 * one copy of the first-year history.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstYearHistoryRestartTest {

    @Test
    void secondStart_onTheSameData_recordsNothingNew(CapturedOutput output) throws IOException {
        Path dataDir = Path.of(".", "target", "test-data", "restart-" + UUID.randomUUID());

        Started first = start(dataDir);
        Started second = start(dataDir);

        assertThat(first.eventRows()).hasSize(FirstYearHistoryTest.FIRST_YEAR_EVENTS);
        assertThat(second.eventRows()).isEqualTo(first.eventRows());
        // The log's tree took the stored leaves before the application was ready, not in its first requests.
        assertThat(first.leaves()).isPositive();
        assertThat(second.treeLeavesWhenReady()).isGreaterThanOrEqualTo(first.leaves());

        // Started without seeded tokens: they were generated into a file whose path is logged, never a token,
        // and no other credential (such as a default user's password) appears in the log.
        Properties tokens = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve("api-tokens.properties"))) {
            tokens.load(in);
        }
        assertThat(tokens.stringPropertyNames()).containsExactlyInAnyOrder("COALITION_ADMIN_TOKEN",
                "COALITION_PARTNER_TOKEN", "COALITION_AUDITOR_TOKEN", "COALITION_MONITOR_TOKEN");
        assertThat(output.getAll()).contains("api-tokens.properties").doesNotContainIgnoringCase("password");
        tokens.stringPropertyNames().forEach(name -> assertThat(output.getAll()).doesNotContain(tokens.getProperty(name)));
    }

    /**
     * What a start left: the event rows, the leaves once the log has taken them, and the leaves the log's tree had read when the
     * application was ready (before the caller could send a request).
     */
    private record Started(List<Map<String, Object>> eventRows, long leaves, long treeLeavesWhenReady) {
    }

    private static Started start(Path dataDir) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CoalitionApplication.class)
                .properties("coalition.data-dir=" + dataDir, "server.port=0")
                .run()) {
            long treeLeaves = app.getBean(AuditLogStore.class).rowsRead().get(RowsRead.Read.TREE_LEAVES);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            List<Map<String, Object>> rows = EventStoreRows.rows(jdbc);
            return new Started(rows, LogCatchUp.await(jdbc), treeLeaves);
        }
    }
}
