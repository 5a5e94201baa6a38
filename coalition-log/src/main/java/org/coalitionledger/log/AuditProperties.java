package org.coalitionledger.log;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the verifiable log ({@code coalition.audit.*}).
 *
 * @param origin             the log's name in every checkpoint, and the signing key's name; fixed, never the host's
 *                           name, so every node of one ledger signs for the same log
 * @param keyFile            the Ed25519 signing key (PKCS#8 DER, owner-only); its public key sits next to it in
 *                           {@code <keyFile>.pub}. Nodes of one ledger must share it
 * @param checkpointInterval how often a checkpoint is signed when the log has grown
 * @param maxLeavesPerPage   the largest range {@code GET /api/v1/audit/leaves} answers at once
 * @param viewQueryTimeout   how long the bundle waits for a published view from the query side
 */
@ConfigurationProperties("coalition.audit")
public record AuditProperties(String origin, Path keyFile, Duration checkpointInterval, int maxLeavesPerPage,
                              Duration viewQueryTimeout) {

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
        if (viewQueryTimeout == null) {
            viewQueryTimeout = Duration.ofSeconds(30);
        }
    }
}
