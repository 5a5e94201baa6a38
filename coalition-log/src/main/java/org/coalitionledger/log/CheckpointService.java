package org.coalitionledger.log;

import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.coalitionledger.api.admin.AdminStreams;
import org.coalitionledger.api.audit.SigningKeyRotatedEvent;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.NoteVerificationException;
import org.coalitionledger.audit.ProofVerifier;
import org.coalitionledger.audit.VerificationResult;
import org.coalitionledger.log.AuditLogStore.StoredCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs checkpoints of the log: periodically when it has grown, and on an administrator's demand. Before signing it
 * checks that the new tree extends the latest checkpoint whose signature it has verified under the key chain (a
 * consistency proof from the signed root, never from a stored copy of it), so the log never signs two histories;
 * and it signs only with the chain's current key.
 */
@Service
public class CheckpointService {

    private static final Logger log = LoggerFactory.getLogger(CheckpointService.class);

    private final AuditLogStore store;
    private final AuditLogTree tree;
    private final CheckpointKeyStore keys;
    private final AuditProperties properties;
    private final EventBus events;
    private final TransactionTemplate transactions;
    private final LogAppenderNode appenderNode;
    private final Clock clock;

    CheckpointService(AuditLogStore store, AuditLogTree tree, CheckpointKeyStore keys, AuditProperties properties,
            EventBus events, TransactionTemplate transactions, LogAppenderNode appenderNode) {
        this.store = store;
        this.tree = tree;
        this.keys = keys;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.appenderNode = appenderNode;
        this.clock = Clock.systemUTC();
    }

    /** A signed checkpoint and whether this call created it. */
    public record Signed(StoredCheckpoint checkpoint, boolean created) {
    }

    /** Signing was refused: the log or the key is not what the signed history says it must be. */
    public static class SigningRefusedException extends IllegalStateException {
        SigningRefusedException(String message) {
            super(message);
        }
    }

    public Optional<StoredCheckpoint> latest() {
        return store.latestCheckpoint();
    }

    public Optional<StoredCheckpoint> checkpoint(long treeSize) {
        return store.checkpoint(treeSize);
    }

    /** Signs the log at its current size, unless a checkpoint of that size exists; then returns that one. */
    public synchronized Signed checkpointNow() {
        record Head(long size, byte[] root, List<byte[]> proofFromLatest) {
        }
        KeyChain chain = keys.chain();
        // Read before the tree catches up with the leaf table: whatever checkpoint is found covers leaves committed
        // before, which the tree then holds. Read after, one another node signed meanwhile could cover more leaves
        // than the tree, and look like leaves removed.
        StoredCheckpoint latest = store.latestCheckpoint().orElse(null);
        Head head = tree.read(t -> {
            long size = t.size();
            List<byte[]> proof = latest == null || latest.treeSize() > size ? List.of()
                    : t.consistencyProof(latest.treeSize(), size);
            return new Head(size, t.root(), proof);
        });
        if (latest != null) {
            Checkpoint signed;
            try {
                signed = chain.open(latest.note(), properties.origin());
            } catch (NoteVerificationException e) {
                throw new SigningRefusedException("refusing to sign: the latest stored checkpoint (size "
                        + latest.treeSize() + ") does not verify under the key chain: " + e.getMessage());
            }
            if (signed.treeSize() > head.size()) {
                throw new SigningRefusedException("refusing to sign: the log holds " + head.size() + " leaves but a "
                        + "checkpoint of " + signed.treeSize() + " was signed: leaves were removed from audit_leaf");
            }
            VerificationResult consistent = ProofVerifier.verifyConsistency(signed.treeSize(), head.size(),
                    signed.rootHash(), head.root(), head.proofFromLatest());
            if (!consistent.valid()) {
                throw new SigningRefusedException("refusing to sign: the log no longer extends its signed checkpoint "
                        + "of size " + signed.treeSize() + " (" + consistent.reason() + ")");
            }
            if (signed.treeSize() == head.size()) {
                return new Signed(latest, false);
            }
        }
        KeyPair signer;
        try {
            signer = keys.signingKeyPair();
        } catch (IllegalStateException e) {
            throw new SigningRefusedException(e.getMessage());
        }
        if (!keys.chain().keyFor(head.size()).equals(keys.verifierKey())) {
            throw new SigningRefusedException("refusing to sign: the current key is valid only from tree size "
                    + keys.chain().links().get(keys.chain().size() - 1).validFrom() + ", the log has " + head.size());
        }
        String note = new Checkpoint(properties.origin(), head.size(), head.root()).sign(properties.origin(), signer);
        StoredCheckpoint created = new StoredCheckpoint(head.size(), head.root(), note, clock.instant());
        if (store.insertCheckpoint(created)) {
            log.info("Signed checkpoint of the audit log at size {}", head.size());
            return new Signed(created, true);
        }
        // Another node signed this size first; Ed25519 is deterministic, so the note is the same if roots agree.
        StoredCheckpoint existing = store.checkpoint(head.size()).orElseThrow();
        if (!MessageDigest.isEqual(existing.rootHash(), head.root())) {
            throw new SigningRefusedException("a checkpoint of size " + head.size() + " with another root exists");
        }
        return new Signed(existing, false);
    }

    /**
     * Rotates the signing key: the current key signs the log as it stands, then introduces a new key for every
     * larger tree size; the rotation is recorded in the ledger with {@code metadata} (who asked) and the reason.
     * The chain row and the ledger fact commit together.
     *
     * @return the new key's link in the chain
     */
    public synchronized KeyChain.Link rotateKey(String reason, Map<String, ?> metadata) {
        Signed last = checkpointNow();
        long validFrom = last.checkpoint().treeSize() + 1;
        String previous = keys.verifierKey().toText();
        return transactions.execute(status -> {
            KeyChain.Link link = keys.rotate(validFrom);
            int keyIndex = keys.chain().size() - 1;
            // On an administrative stream of its own: auditors page it with the other administrative acts, and a
            // second rotation to the same chain position meets the stream's unique sequence.
            events.publish(new GenericDomainEventMessage<>(null, AdminStreams.signingKey(keyIndex), 0,
                    new SigningKeyRotatedEvent(properties.origin(), keyIndex, link.verifierKey(), previous, validFrom,
                            reason), MetaData.from(metadata)));
            return link;
        });
    }

    /**
     * The periodic checkpoint: only when the log has grown (or none was signed yet), and only on the node that
     * appends to the log, so several nodes do not sign the same sizes in turn.
     */
    @Scheduled(initialDelayString = "${coalition.audit.checkpoint-interval:PT30S}",
            fixedDelayString = "${coalition.audit.checkpoint-interval:PT30S}")
    void checkpointIfGrown() {
        if (!appenderNode.isThisNode()) {
            return;
        }
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
