package org.coalitionledger.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/** Reads the event store's table directly, as an auditor with SQL access would. */
public final class EventStoreRows {

    private EventStoreRows() {
    }

    public static long count(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    public static List<Long> globalIndexes(JdbcTemplate jdbc) {
        return jdbc.queryForList("select global_index from domain_event_entry order by global_index", Long.class);
    }

    public static List<Map<String, Object>> rows(JdbcTemplate jdbc) {
        return jdbc.queryForList("select global_index, aggregate_identifier, sequence_number, payload_type, "
                + "event_identifier from domain_event_entry order by global_index");
    }
}
