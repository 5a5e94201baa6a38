package org.coalitionledger.query.nodes;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the nodes of one ledger on one database find each other ({@code coalition.nodes.*}).
 *
 * @param heartbeatInterval how often a node writes its heartbeat and recounts the live nodes
 * @param livenessTimeout   a node whose last heartbeat is older counts as dead; keep it equal to Axon's token claim
 *                          timeout ({@code axon.eventhandling.tokenstore.claim-timeout}), so a dead node stops
 *                          counting when its claims expire and the survivors take its segments at once
 */
@ConfigurationProperties("coalition.nodes")
public record NodeProperties(Duration heartbeatInterval, Duration livenessTimeout) {

    public NodeProperties {
        if (heartbeatInterval == null || heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
            heartbeatInterval = Duration.ofSeconds(2);
        }
        if (livenessTimeout == null || livenessTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            livenessTimeout = Duration.ofSeconds(10);
        }
    }
}
