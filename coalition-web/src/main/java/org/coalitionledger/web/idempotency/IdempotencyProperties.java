package org.coalitionledger.web.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of Idempotency-Keys ({@code coalition.web.idempotency.*}).
 *
 * @param ttl             how long a key is remembered after its first use (default 24 hours); after that the same
 *                        key starts afresh
 * @param inFlightTimeout how long a reservation whose request never finished (its node died) blocks the key before
 *                        another request may take it over (default 10 minutes, above the longest import)
 */
@ConfigurationProperties("coalition.web.idempotency")
public record IdempotencyProperties(Duration ttl, Duration inFlightTimeout) {

    public IdempotencyProperties {
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        inFlightTimeout = inFlightTimeout == null ? Duration.ofMinutes(10) : inFlightTimeout;
    }
}
