package org.coalitionledger.web.storage;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes the log's tables append-only in the database itself, after every migration (so tables that later migrations
 * add are covered too). Defence in depth, not a replacement for verification: whoever owns the schema can still
 * rewrite history, and verification is what detects it.
 * <ul>
 *   <li>PostgreSQL: migrations run as the schema owner; the application's role ({@code spring.datasource.username})
 *   gets SELECT, INSERT, UPDATE and DELETE on every table and the sequences, then loses UPDATE, DELETE and TRUNCATE
 *   on the append-only tables and everything on Flyway's history.</li>
 *   <li>H2 (the embedded default, one user): a trigger on each append-only table refuses every UPDATE and DELETE
 *   ({@link AppendOnlyTrigger}).</li>
 * </ul>
 */
@Component
public class AppendOnlyStorage implements Callback {

    /**
     * The tables that are only ever appended to: events, log leaves and their coalition index, signed checkpoints,
     * the signing key chain. Add the log's new ones here.
     */
    public static final List<String> TABLES = List.of("domain_event_entry", "audit_leaf", "audit_leaf_coalition",
            "audit_checkpoint", "audit_signing_key");

    private static final Logger log = LoggerFactory.getLogger(AppendOnlyStorage.class);

    private final String applicationUser;

    public AppendOnlyStorage(@Value("${spring.datasource.username:}") String applicationUser) {
        this.applicationUser = applicationUser;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            String database = connection.getMetaData().getDatabaseProductName();
            if ("PostgreSQL".equals(database)) {
                grantToApplication(connection, statement, context.getConfiguration().getTable());
            } else if ("H2".equals(database)) {
                for (String table : TABLES) {
                    statement.execute("create trigger if not exists " + table + "_append_only before update, delete on "
                            + table + " call '" + AppendOnlyTrigger.class.getName() + "'");
                }
            } else {
                throw new IllegalStateException("no append-only rule for database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the log's tables append-only: " + e.getMessage(), e);
        }
    }

    private void grantToApplication(Connection connection, Statement statement, String historyTable)
            throws SQLException {
        String owner = connection.getMetaData().getUserName();
        if (applicationUser.isBlank() || applicationUser.equals(owner)) {
            // Only possible outside the postgres profile, which refuses to start this way (DatabaseCredentials).
            log.warn("The application connects as the schema owner '{}': its tables are NOT append-only", owner);
            return;
        }
        String schema = quote(connection.getSchema());
        String role = quote(applicationUser);
        statement.execute("grant usage on schema " + schema + " to " + role);
        statement.execute("grant select, insert, update, delete on all tables in schema " + schema + " to " + role);
        statement.execute("grant usage, select on all sequences in schema " + schema + " to " + role);
        statement.execute("revoke all on " + schema + "." + quote(historyTable) + " from " + role);
        statement.execute("revoke update, delete, truncate on " + TABLES.stream()
                .map(table -> schema + "." + quote(table)).collect(Collectors.joining(", ")) + " from " + role);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String getCallbackName() {
        return "append-only storage";
    }
}
