package org.coalitionledger.web.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How much expensive work the server takes on at once ({@code coalition.web.limits}, documented in README, Limits).
 * Each kind of expensive request has a limit in total (over it: 503 {@code SERVER_BUSY}) and per credential (over it:
 * 429 {@code TOO_MANY_REQUESTS}); reads also have a time budget, after which their work is cancelled (503
 * {@code TIME_BUDGET_EXCEEDED}). Live streams end by themselves after {@code maxLifetime}; clients reconnect.
 *
 * @param retryAfter     the {@code Retry-After} a refused or timed-out request is told to wait
 * @param historicViews  views {@code recordedAt} or {@code asOfCheckpoint} (folded afresh from the log)
 * @param eventHistory   the auditor's event histories (coalition, record, administrative acts)
 * @param verification   the server's verification of the whole log
 * @param bundles        audit bundles
 * @param imports        bulk imports (no time budget: a cut-short import would lose its per-line report; every line is
 *                       bounded by the command timeout)
 * @param liveStreams    Server-Sent Events streams
 */
@ConfigurationProperties("coalition.web.limits")
public record Limits(Duration retryAfter, Limit historicViews, Limit eventHistory, Limit verification, Limit bundles,
                     Limit imports, StreamLimit liveStreams) {

    public Limits {
        retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        historicViews = historicViews == null ? new Limit(8, 2, Duration.ofSeconds(30)) : historicViews;
        eventHistory = eventHistory == null ? new Limit(8, 2, Duration.ofMinutes(2)) : eventHistory;
        verification = verification == null ? new Limit(2, 1, Duration.ofMinutes(10)) : verification;
        bundles = bundles == null ? new Limit(4, 2, Duration.ofMinutes(10)) : bundles;
        imports = imports == null ? new Limit(2, 1, null) : imports;
        liveStreams = liveStreams == null ? new StreamLimit(256, 4, Duration.ofMinutes(30)) : liveStreams;
    }

    /**
     * @param total         at most this many at once on this node
     * @param perCredential at most this many at once for one credential (API key, bootstrap token or JWT)
     * @param timeBudget    the longest one may run before its work is cancelled; null: no budget
     */
    public record Limit(int total, int perCredential, Duration timeBudget) {
        public Limit {
            if (total < 1 || perCredential < 1) {
                throw new IllegalArgumentException("limits must be 1 or more; got total " + total + ", per credential "
                        + perCredential);
            }
        }
    }

    /**
     * @param total         open streams on this node
     * @param perCredential open streams of one credential
     * @param maxLifetime   after this the server ends a stream (cleanly: the client reconnects)
     */
    public record StreamLimit(int total, int perCredential, Duration maxLifetime) {
        public StreamLimit {
            if (total < 1 || perCredential < 1 || maxLifetime == null || maxLifetime.isNegative()
                    || maxLifetime.isZero()) {
                throw new IllegalArgumentException("stream limits must be 1 or more and the lifetime positive");
            }
        }
    }
}
