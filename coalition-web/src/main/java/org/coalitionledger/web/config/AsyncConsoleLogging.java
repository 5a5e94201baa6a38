package org.coalitionledger.web.config;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Hands Spring Boot's console appender (plain or structured, as configured) to a queue and a thread of its own, once
 * Boot has set up logging. Lines are logged on Netty's event loop (every request's access line, when its response
 * completes), and a console write is a blocking write to stdout that would stall every connection of that loop
 * while the reader of stdout lags. Only a line waiting for a full queue ({@value #QUEUE_SIZE} lines) is dropped,
 * never the event loop held up; every level is kept until then. A custom Logback configuration without Boot's
 * {@code CONSOLE} appender is left as it is.
 */
public class AsyncConsoleLogging implements GenericApplicationListener {

    static final String CONSOLE = "CONSOLE";
    static final String ASYNC_CONSOLE = "ASYNC_CONSOLE";
    static final int QUEUE_SIZE = 8192;

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
        if (console == null || root.getAppender(ASYNC_CONSOLE) != null) {
            return;
        }
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(ASYNC_CONSOLE);
        async.setQueueSize(QUEUE_SIZE);
        // Keep INFO and below until the queue is full (the default drops them at 80%), then drop rather than wait.
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(console);
        async.start();
        root.addAppender(async);
        root.detachAppender(console);
    }

    /** After Boot's own logging listener, which (re)builds the console appender this wraps. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
