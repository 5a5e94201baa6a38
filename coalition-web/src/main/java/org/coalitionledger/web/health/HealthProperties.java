package org.coalitionledger.web.health;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the readiness probe ({@code coalition.health.*}; README, Operations).
 *
 * @param queryTimeout how long a probe's reads of the event store and the token store may take before the probe
 *                     answers that the store cannot be read (default 2 seconds; whole seconds for the JDBC timeout)
 * @param maxLag       how many events a streaming processor may be behind the store's head, ledger-wide, before the
 *                     node is not ready (default 20000: two full imports, so a burst is not an outage)
 * @param maxAge       how old the oldest event a processor has not yet processed may be before the node is not
 *                     ready (default 60 seconds, the log's own bound on an unlogged event)
 * @param checkInterval how often each readiness check runs in the background (default 1 second); probes answer
 *                     from the latest result ({@link BackgroundCheck})
 */
@ConfigurationProperties("coalition.health")
public record HealthProperties(Duration queryTimeout, Long maxLag, Duration maxAge, Duration checkInterval) {

    public HealthProperties {
        queryTimeout = queryTimeout == null ? Duration.ofSeconds(2) : queryTimeout;
        maxLag = maxLag == null ? 20_000L : maxLag;
        maxAge = maxAge == null ? Duration.ofSeconds(60) : maxAge;
        checkInterval = checkInterval == null ? Duration.ofSeconds(1) : checkInterval;
        if (queryTimeout.isNegative() || queryTimeout.isZero() || maxLag < 0 || maxAge.isNegative()
                || checkInterval.toMillis() < 1) {
            throw new IllegalArgumentException("coalition.health: query-timeout and check-interval must be positive, "
                    + "max-lag and max-age not negative");
        }
    }

    /**
     * How old a background check's result may be and still answer a probe: five check intervals and the query
     * timeout (7 seconds by default), so a check slowed by load is still used, one stuck on the database is not.
     */
    Duration resultMaxAge() {
        return checkInterval.multipliedBy(5).plus(queryTimeout);
    }

    /** The JDBC query timeout: whole seconds, at least one. */
    int queryTimeoutSeconds() {
        return (int) Math.max(1, (queryTimeout.toMillis() + 999) / 1000);
    }
}
