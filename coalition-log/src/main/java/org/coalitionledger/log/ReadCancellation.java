package org.coalitionledger.log;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cancels a long read that a request started, without interrupting its thread (an interrupt during file I/O closes
 * an embedded H2 database's file). The web runs the read inside {@link #run}; every streaming read of the log's tables
 * ({@link AuditLogStore}) registers its statement here and checks between rows, so {@link Token#cancel()} stops it at
 * the next row, and a statement still waiting for its first row is cancelled through JDBC. A read may run on several
 * threads at once, each inside {@link #run} with the same token.
 */
public final class ReadCancellation {

    private static final ThreadLocal<Token> CURRENT = new ThreadLocal<>();
    private static final AtomicLong CANCELLED = new AtomicLong();

    private ReadCancellation() {
    }

    /** One request's read: cancelled once, from any thread. */
    public static final class Token {
        private volatile boolean cancelled;
        /** The statements running for this read, on whichever threads run it. */
        private final Set<Statement> statements = ConcurrentHashMap.newKeySet();

        public void cancel() {
            cancelled = true;
            for (Statement running : statements) {
                try {
                    running.cancel();
                } catch (SQLException e) {
                    // The statement finished or its connection closed meanwhile; the row check stops the rest.
                }
            }
        }

        public boolean isCancelled() {
            return cancelled;
        }
    }

    /** Runs {@code work} on this thread so that {@code token} can cancel the log reads it makes. */
    public static <T> T run(Token token, Callable<T> work) throws Exception {
        CURRENT.set(token);
        try {
            check();
            return work.call();
        } finally {
            CURRENT.remove();
        }
    }

    /** Throws {@link CancellationException} when the read running on this thread was cancelled. */
    public static void check() {
        Token token = CURRENT.get();
        if (token != null && token.cancelled) {
            CANCELLED.incrementAndGet();
            throw new CancellationException("the read was cancelled (its request timed out or went away)");
        }
    }

    /** How many reads stopped because they were cancelled, since start (a metric). */
    public static long cancelledReads() {
        return CANCELLED.get();
    }

    /** The token of the read running on this thread, or null: to run part of that read on another thread. */
    public static Token current() {
        return CURRENT.get();
    }

    static void started(Statement statement) {
        Token token = CURRENT.get();
        if (token != null) {
            token.statements.add(statement);
        }
    }

    static void finished(Statement statement) {
        Token token = CURRENT.get();
        if (token != null && statement != null) {
            token.statements.remove(statement);
        }
    }
}
