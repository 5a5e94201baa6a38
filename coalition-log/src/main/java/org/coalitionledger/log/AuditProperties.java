package org.coalitionledger.log;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the verifiable log ({@code coalition.audit.*}).
 *
 * @param origin             the log's name in every checkpoint, and the signing key's name; fixed, never the host's
 *                           name, so every node of one ledger signs for the same log
 * @param keyFile            the first Ed25519 signing key (PKCS#8 DER, owner-only); its public key sits next to it
 *                           in {@code <keyFile>.pub}; rotated keys beside it as {@code <keyFile>.<key ID in hex>}. Nodes of one
 *                           ledger must share them
 * @param checkpointInterval how often a checkpoint is signed when the log has grown
 * @param maxLeavesPerPage   the largest range {@code GET /api/v1/audit/leaves} answers at once
 * @param maxLogDelay        how long a stored event may stay unlogged, or enter the log behind its position, before
 *                           verification names it
 * @param sweepWindow        how many recent global indexes the sweep for unlogged events looks back over
 * @param historySettleTime  how long an event-history page waits for a write that took its global index before
 *                           later ones and has not committed (default {@code maxLogDelay}: a page never passes an
 *                           event that the log would not name as late; zero: no wait)
 *
 * <p>A negative duration is refused at start: read as "no wait" or "never late", it would silently turn off a check
 * the auditors rely on.
 */
@ConfigurationProperties("coalition.audit")
public record AuditProperties(String origin, Path keyFile, Duration checkpointInterval, int maxLeavesPerPage,
                              Duration maxLogDelay, long sweepWindow, Duration historySettleTime) {

    /** How many recent global indexes the sweep looks back over unless configured. */
    public static final long DEFAULT_SWEEP_WINDOW = 100_000;

    public AuditProperties {
        if (origin == null || origin.isBlank()) {
            origin = "coalition-ledger/audit-log";
        }
        if (keyFile == null) {
            keyFile = Path.of("data", "audit", "checkpoint-signing-key.p8");
        }
        if (checkpointInterval == null) {
            checkpointInterval = Duration.ofSeconds(30);
        }
        if (maxLeavesPerPage <= 0) {
            maxLeavesPerPage = 1000;
        }
        if (maxLogDelay == null) {
            maxLogDelay = Duration.ofSeconds(60);
        }
        if (sweepWindow <= 0) {
            sweepWindow = DEFAULT_SWEEP_WINDOW;
        }
        if (historySettleTime == null) {
            historySettleTime = maxLogDelay;
        }
        refuseNegative("checkpoint-interval", checkpointInterval);
        refuseNegative("max-log-delay", maxLogDelay);
        refuseNegative("history-settle-time", historySettleTime);
    }

    private static void refuseNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("coalition.audit." + name + " must not be negative; got " + value);
        }
    }
}
