package org.coalitionledger.web.health;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The bounded reads the probes make: each statement carries a short query timeout, so a probe on a stuck database
 * answers within its time instead of hanging. Blocking JDBC: callers run it off the event loop.
 */
@Component
@EnableConfigurationProperties(HealthProperties.class)
class StoreReads {

    /** A token row of one segment of a processor, as stored. */
    record TokenRow(int segment, String owner, byte[] token, String tokenType) {
    }

    private final JdbcTemplate jdbc;

    StoreReads(DataSource dataSource, HealthProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(properties.queryTimeoutSeconds());
    }

    /** The event store's last global index, -1 when it is empty (one index lookup). */
    long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** The stored token of every segment of a processor, whichever node holds it. */
    List<TokenRow> tokens(String processor) {
        return jdbc.query("select segment, owner, token, token_type from token_entry where processor_name = ? "
                        + "order by segment",
                (rs, n) -> new TokenRow(rs.getInt(1), rs.getString(2), rs.getBytes(3), rs.getString(4)), processor);
    }

    /** When the first event after a global index was stored, if there is one. */
    Optional<Instant> storedAfter(long position) {
        List<String> times = jdbc.queryForList("select time_stamp from domain_event_entry where global_index > ? "
                + "order by global_index limit 1", String.class, position);
        return times.stream().findFirst().map(Instant::parse);
    }
}
