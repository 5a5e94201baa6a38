package org.coalitionledger.support;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL as the schema owner (the role migrations run as), the insider the verifiable log must catch: unlike the
 * application's own role, it may rewrite the log's tables.
 */
public final class SchemaOwner {

    private SchemaOwner() {
    }

    public static JdbcTemplate jdbc(Flyway flyway) {
        return new JdbcTemplate(flyway.getConfiguration().getDataSource());
    }
}
