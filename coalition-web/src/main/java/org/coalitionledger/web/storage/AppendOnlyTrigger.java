package org.coalitionledger.web.storage;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * H2 trigger (created by {@link AppendOnlyStorage}) that refuses every UPDATE and DELETE on an append-only table.
 * H2's public constructor contract: it instantiates this class by name.
 */
public class AppendOnlyTrigger implements Trigger {

    /** SQLSTATE of PostgreSQL's "permission denied", so both databases refuse alike. */
    static final String INSUFFICIENT_PRIVILEGE = "42501";

    private String table;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("table " + table + " is append-only: UPDATE and DELETE are refused",
                INSUFFICIENT_PRIVILEGE);
    }
}
