package org.coalitionledger.log;

import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.ProofVerifier;
import org.coalitionledger.audit.VerificationResult;
import org.coalitionledger.log.AuditLogStore.StoredCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Signs checkpoints of the log: periodically when it has grown, and on demand. Before signing it checks the new
 * tree extends the latest signed one (a consistency proof), so the log never signs two histories.
 */
@Service
public class CheckpointService {

    private static final Logger log = LoggerFactory.getLogger(CheckpointService.class);

    private final AuditLogStore store;
    private final AuditLogTree tree;
    private final CheckpointKeyStore keys;
    private final AuditProperties properties;
    private final Clock clock;

    CheckpointService(AuditLogStore store, AuditLogTree tree, CheckpointKeyStore keys, AuditProperties properties) {
        this.store = store;
        this.tree = tree;
        this.keys = keys;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** A signed checkpoint and whether this call created it. */
    public record Signed(StoredCheckpoint checkpoint, boolean created) {
    }

    public Optional<StoredCheckpoint> latest() {
        return store.latestCheckpoint();
    }

    /** Signs the log at its current size, unless a checkpoint of that size exists; then returns that one. */
    public synchronized Signed checkpointNow() {
        record Head(long size, byte[] root, List<byte[]> proofFromLatest, StoredCheckpoint latest) {
        }
        Head head = tree.read(t -> {
            StoredCheckpoint latest = store.latestCheckpoint().orElse(null);
            long size = t.size();
            List<byte[]> proof = latest == null || latest.treeSize() > size ? List.of()
                    : t.consistencyProof(latest.treeSize(), size);
            return new Head(size, t.root(), proof, latest);
        });
        StoredCheckpoint latest = head.latest();
        if (latest != null) {
            if (latest.treeSize() > head.size()) {
                throw new IllegalStateException("the log holds " + head.size() + " leaves but a checkpoint of "
                        + latest.treeSize() + " was signed: leaves were removed from audit_leaf");
            }
            VerificationResult consistent = ProofVerifier.verifyConsistency(latest.treeSize(), head.size(),
                    latest.rootHash(), head.root(), head.proofFromLatest());
            if (!consistent.valid()) {
                throw new IllegalStateException("refusing to sign: the log no longer extends its checkpoint of size "
                        + latest.treeSize() + " (" + consistent.reason() + ")");
            }
            if (latest.treeSize() == head.size()) {
                return new Signed(latest, false);
            }
        }
        String note = new Checkpoint(properties.origin(), head.size(), head.root())
                .sign(properties.origin(), keys.keyPair());
        StoredCheckpoint signed = new StoredCheckpoint(head.size(), head.root(), note, clock.instant());
        if (store.insertCheckpoint(signed)) {
            log.info("Signed checkpoint of the audit log at size {}", head.size());
            return new Signed(signed, true);
        }
        // Another node signed this size first; Ed25519 is deterministic, so the note is the same if roots agree.
        StoredCheckpoint existing = store.checkpoint(head.size()).orElseThrow();
        if (!MessageDigest.isEqual(existing.rootHash(), head.root())) {
            throw new IllegalStateException("a checkpoint of size " + head.size() + " with another root exists");
        }
        return new Signed(existing, false);
    }

    /** The periodic checkpoint: only when the log has grown (or none was signed yet). */
    @Scheduled(initialDelayString = "${coalition.audit.checkpoint-interval:PT30S}",
            fixedDelayString = "${coalition.audit.checkpoint-interval:PT30S}")
    void checkpointIfGrown() {
        long size = tree.read(t -> t.size());
        Optional<StoredCheckpoint> latest = store.latestCheckpoint();
        if (latest.isEmpty() || latest.get().treeSize() < size) {
            try {
                checkpointNow();
            } catch (RuntimeException e) {
                // Keep the schedule alive; the next run tries again and the log says why this one failed.
                log.error("Periodic audit checkpoint failed: {}", e.getMessage());
            }
        }
    }
}
