package org.coalitionledger.web.history;

import org.coalitionledger.support.EventStoreRows;
import org.coalitionledger.support.LedgerApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped first-year history, as the embedded default stores it on start. */
@LedgerApplicationTest
class FirstYearHistoryTest {

    /** Founding (1) + founding members (21) + founding goal (1) + 3 undisclosed + 8 anniversary joins + 3 figures. */
    static final int FIRST_YEAR_EVENTS = 37;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void firstStart_recordsTheFirstYearHistory_throughTheCommandPath() {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select payload_type, count(*) as n from domain_event_entry "
                        + "where aggregate_identifier in ('cewto', 'record:cewto:first-year-china-takedowns', "
                        + "'record:cewto:first-year-china-arrests', 'record:cewto:first-year-china-confiscations') "
                        + "group by payload_type");
        assertThat(rows).extracting(r -> r.get("PAYLOAD_TYPE") + "=" + r.get("N")).containsExactlyInAnyOrder(
                "org.coalitionledger.api.coalition.CoalitionFoundedEvent=1",
                "org.coalitionledger.api.coalition.MemberJoinedEvent=32",
                "org.coalitionledger.api.coalition.GoalSetEvent=1",
                "org.coalitionledger.api.reporting.TakedownBatchRecordedEvent=1",
                "org.coalitionledger.api.reporting.ArrestRecordedEvent=1",
                "org.coalitionledger.api.reporting.ConfiscationRecordedEvent=1");
    }

    @Test
    void everyFirstYearEvent_namesWhoRecordedIt_andTheRequest() {
        List<byte[]> metadata = jdbc.queryForList("select meta_data from domain_event_entry "
                + "where aggregate_identifier = 'cewto' order by sequence_number", byte[].class);
        assertThat(metadata).hasSize(34); // founding, 21 founding members, goal, 11 joins
        assertThat(new String(metadata.get(0), StandardCharsets.UTF_8))
                .contains("\"actor\":\"" + FirstYearHistoryLoader.ACTOR + "\"")
                .contains("\"actorRole\":\"SYSTEM\"")
                .contains("\"requestId\":\"history/first-year.ndjson#1\"");
        assertThat(metadata).allSatisfy(m -> assertThat(new String(m, StandardCharsets.UTF_8)).contains("\"actor\""));
    }

    @Test
    void globalIndex_incrementsByOne() {
        List<Long> indexes = EventStoreRows.globalIndexes(jdbc);
        assertThat(indexes).hasSizeGreaterThanOrEqualTo(FIRST_YEAR_EVENTS);
        for (int i = 0; i < FIRST_YEAR_EVENTS; i++) {
            assertThat(indexes.get(i)).isEqualTo(i + 1L);
        }
    }
}
