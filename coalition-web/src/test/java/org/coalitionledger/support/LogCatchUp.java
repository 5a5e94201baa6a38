package org.coalitionledger.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;


/**
 * Waits until the verifiable log holds every stored event. The log runs asynchronously behind commits, and record
 * time is the log's: an instant taken before the log has taken an event can lie before that event's record time
 * even after the live views show it.
 */
public final class LogCatchUp {

    private LogCatchUp() {
    }

    /** Waits (at most a minute) until every stored event has a leaf; returns the number of leaves. */
    public static long await(JdbcTemplate jdbc) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.queryForObject("select count(*) from domain_event_entry e where not exists "
                        + "(select 1 from audit_leaf l where l.event_id = e.event_identifier)", Long.class) == 0);
        return jdbc.queryForObject("select count(*) from audit_leaf", Long.class);
    }
}
