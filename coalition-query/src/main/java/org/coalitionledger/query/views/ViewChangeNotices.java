package org.coalitionledger.query.views;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Tells every node on the same PostgreSQL database that a coalition's views changed, through PostgreSQL's own
 * {@code NOTIFY} (no broker): the node that folded a batch sends one notice per coalition after the batch committed;
 * every node listens ({@link ViewChangeListener}) and sends its own subscribers the new views. On H2 (one node) there
 * is nobody else to tell and the views go to the local subscribers directly.
 */
@Component
class ViewChangeNotices {

    /** The PostgreSQL channel every node listens on. */
    static final String CHANNEL = "coalition_view_changes";

    private static final Logger log = LoggerFactory.getLogger(ViewChangeNotices.class);

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    ViewChangeNotices(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = isPostgres(dataSource);
    }

    /** True on PostgreSQL: changes are announced to every node instead of emitted here. */
    boolean shared() {
        return postgres;
    }

    /** Announces a committed change; never throws, since the batch it reports on is committed. */
    void announce(Notice notice) {
        try {
            jdbc.query("select pg_notify(?, ?)", row -> {
            }, CHANNEL, notice.text());
        } catch (RuntimeException e) {
            // The next change of the coalition carries its whole view again; a client that reconnects reads it anew.
            log.warn("Could not announce a change of coalition {} to the other nodes: {}", notice.coalitionId(),
                    e.toString());
        }
    }

    /** Whether the views are stored in PostgreSQL (else in H2, the embedded default). */
    static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the views are stored in", e);
        }
    }

    /**
     * A coalition's views changed. Text form: the coalition id. Receivers read the views as they stand when the notice
     * arrives, which may already include later batches: so a notice updates live subscriptions only, never one "as
     * recorded at" an instant (that answer must not include events recorded after it).
     */
    record Notice(String coalitionId) {

        String text() {
            return coalitionId;
        }

        static Notice parse(String text) {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("not a view change notice: " + text);
            }
            return new Notice(text);
        }
    }
}
