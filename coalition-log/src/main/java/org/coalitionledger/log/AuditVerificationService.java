package org.coalitionledger.log;

import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.LogComparison;
import org.coalitionledger.audit.LogDiscrepancy;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.MerkleTree;
import org.coalitionledger.audit.NoteVerificationException;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.log.AuditLogStore.StoredCheckpoint;
import org.springframework.stereotype.Service;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Server-side verification: recomputes every leaf from the event store's rows and compares it with the log, and
 * checks the leaf table against every signed checkpoint. Reads only; blocking (call it off the event loop).
 */
@Service
public class AuditVerificationService {

    private final AuditLogStore store;
    private final CheckpointKeyStore keys;

    AuditVerificationService(AuditLogStore store, CheckpointKeyStore keys) {
        this.store = store;
        this.keys = keys;
    }

    /**
     * The verification report.
     *
     * @param clean              true when no discrepancy and no checkpoint problem was found
     * @param treeSize           leaves in the log
     * @param eventsInStore      rows in the event store
     * @param pendingEvents      stored events the log has not appended yet (the log runs slightly behind commits)
     * @param checkpointsChecked signed checkpoints checked against the leaf table
     * @param discrepancies      every altered, missing or reordered event, by leaf
     * @param checkpointProblems signed checkpoints the leaf table no longer matches
     */
    public record Report(boolean clean, long treeSize, long eventsInStore, long pendingEvents, int checkpointsChecked,
                  List<LogDiscrepancy> discrepancies, List<String> checkpointProblems) {
    }

    public Report verify() {
        List<LogLeaf> leaves = store.leaves(0, Long.MAX_VALUE);
        List<StoredEvent> events = new ArrayList<>();
        store.forEachStoredEvent(events::add);
        List<LogDiscrepancy> discrepancies = LogComparison.compare(leaves, events, false);

        Set<String> logged = new HashSet<>();
        leaves.forEach(leaf -> logged.add(leaf.eventId()));
        long pending = events.stream().filter(e -> !logged.contains(e.eventId())).count();

        // A fresh tree from the table (not the cache): the table itself is what is being checked.
        MerkleTree tree = new MerkleTree();
        leaves.forEach(leaf -> tree.append(leaf.leafHash()));
        List<String> checkpointProblems = new ArrayList<>();
        List<StoredCheckpoint> checkpoints = store.checkpointsUpTo(Long.MAX_VALUE);
        for (StoredCheckpoint stored : checkpoints) {
            checkpointProblems.addAll(check(stored, tree));
        }
        return new Report(discrepancies.isEmpty() && checkpointProblems.isEmpty(), tree.size(), events.size(),
                pending, checkpoints.size(), discrepancies, checkpointProblems);
    }

    private List<String> check(StoredCheckpoint stored, MerkleTree tree) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(stored.note(), keys.verifierKey(), keys.verifierKey().name());
        } catch (NoteVerificationException e) {
            return List.of("checkpoint of size " + stored.treeSize() + " is not validly signed: " + e.getMessage());
        }
        if (checkpoint.treeSize() > tree.size()) {
            return List.of("checkpoint of size " + checkpoint.treeSize() + " covers more leaves than the log holds ("
                    + tree.size() + "): leaves were removed");
        }
        byte[] root = tree.root(checkpoint.treeSize());
        if (!MessageDigest.isEqual(root, checkpoint.rootHash())) {
            return List.of("checkpoint of size " + checkpoint.treeSize() + " signed root "
                    + HexFormat.of().formatHex(checkpoint.rootHash()) + " but the leaf table gives "
                    + HexFormat.of().formatHex(root) + ": logged leaves were changed");
        }
        return List.of();
    }
}
