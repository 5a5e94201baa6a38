package org.coalitionledger.query.views;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * On PostgreSQL, listens for {@link ViewChangeNotices} from every node (this one included) and sends this node's
 * subscribers the coalition's new views, read from its committed row. A notice whose row has moved on (a later batch
 * committed meanwhile) still sends the newer views to the live subscriptions, whose answer is always the latest; the
 * "as recorded at" subscriptions wait for the later batch's own notice, which says when its events were recorded.
 * <p>
 * One connection of the pool is held for listening, on a thread of its own (never a request thread). Should the
 * connection break, the listener reconnects; notices sent meanwhile are lost, and the next change of each coalition
 * brings its whole view again.
 */
@Component
class ViewChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ViewChangeListener.class);
    private static final int WAIT_MILLIS = 500;

    private final ViewChangeNotices notices;
    private final DataSource dataSource;
    private final CoalitionViewsQueries queries;
    private final CoalitionViewUpdates updates;
    private volatile boolean running;
    private Thread thread;

    ViewChangeListener(ViewChangeNotices notices, DataSource dataSource, CoalitionViewsQueries queries,
            CoalitionViewUpdates updates) {
        this.notices = notices;
        this.dataSource = dataSource;
        this.queries = queries;
        this.updates = updates;
    }

    @Override
    public synchronized void start() {
        if (running || !notices.shared()) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "view-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(WAIT_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ViewChangeNotices.CHANNEL);
                }
                log.info("Listening for view changes from every node on channel {}", ViewChangeNotices.CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = postgres.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Listening for view changes failed; reconnecting: {}", e.toString());
                    pause();
                }
            }
        }
    }

    private void deliver(String text) {
        try {
            ViewChangeNotices.Notice notice = ViewChangeNotices.Notice.parse(text);
            updates.coalitionChanged(notice.coalitionId(), queries::liveAnswer, null);
        } catch (RuntimeException e) {
            log.warn("No local updates for view change notice '{}': {}", text, e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
