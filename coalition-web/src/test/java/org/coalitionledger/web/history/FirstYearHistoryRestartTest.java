package org.coalitionledger.web.history;

import org.coalitionledger.CoalitionApplication;
import org.coalitionledger.support.EventStoreRows;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting the application twice on the same data folder (what the README's run command does) leaves exactly
 * one copy of the first-year history.
 */
class FirstYearHistoryRestartTest {

    @Test
    void secondStart_onTheSameData_recordsNothingNew() {
        Path dataDir = Path.of(".", "target", "test-data", "restart-" + UUID.randomUUID());

        List<Map<String, Object>> afterFirstStart = eventRowsAfterStarting(dataDir);
        List<Map<String, Object>> afterSecondStart = eventRowsAfterStarting(dataDir);

        assertThat(afterFirstStart).hasSize(FirstYearHistoryTest.FIRST_YEAR_EVENTS);
        assertThat(afterSecondStart).isEqualTo(afterFirstStart);
    }

    private static List<Map<String, Object>> eventRowsAfterStarting(Path dataDir) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CoalitionApplication.class)
                .properties("coalition.data-dir=" + dataDir, "server.port=0")
                .run()) {
            return EventStoreRows.rows(app.getBean(JdbcTemplate.class));
        }
    }
}
