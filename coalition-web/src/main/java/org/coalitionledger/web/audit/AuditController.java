package org.coalitionledger.web.audit;

import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.log.AuditLogStore.StoredCheckpoint;
import org.coalitionledger.log.*;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The auditor's API over the verifiable log (docs/audit-format.md). Hashes are lowercase hex; checkpoints and the
 * verifier key are the exact signed-note texts. Every database read runs on the bounded-elastic scheduler.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");

    private final CheckpointService checkpoints;
    private final CheckpointKeyStore keys;
    private final AuditLogTree tree;
    private final AuditLogStore store;
    private final AuditVerificationService verification;
    private final AuditBundleService bundles;
    private final AuditProperties properties;

    AuditController(CheckpointService checkpoints, CheckpointKeyStore keys, AuditLogTree tree, AuditLogStore store,
                    AuditVerificationService verification, AuditBundleService bundles, AuditProperties properties) {
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.tree = tree;
        this.store = store;
        this.verification = verification;
        this.bundles = bundles;
        this.properties = properties;
    }

    /** A signed checkpoint, as JSON. {@code note} is the signed text to keep and verify. */
    record CheckpointView(String origin, long treeSize, String rootHash, String note, Instant signedAt) {
        static CheckpointView of(String origin, StoredCheckpoint checkpoint) {
            return new CheckpointView(origin, checkpoint.treeSize(), hex(checkpoint.rootHash()), checkpoint.note(),
                    checkpoint.signedAt());
        }
    }

    record PublicKeyView(String algorithm, String keyName, String keyId, String verifierKey, String publicKey) {
    }

    record LeafView(long leafIndex, long globalIndex, String eventId, String leafHash) {
        static LeafView of(LogLeaf leaf) {
            return new LeafView(leaf.leafIndex(), leaf.globalIndex(), leaf.eventId(), hex(leaf.leafHash()));
        }
    }

    record LeavesView(long start, long end, long treeSize, List<LeafView> leaves) {
    }

    record InclusionProofView(long leafIndex, long treeSize, String leafHash, String rootHash, List<String> proof) {
    }

    record ConsistencyProofView(long first, long second, String firstRoot, String secondRoot, List<String> proof) {
    }

    @GetMapping(path = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<String>> latestCheckpointNote() {
        return blocking(() -> latest().note()).map(note -> ResponseEntity.ok().contentType(TEXT).body(note));
    }

    @GetMapping(path = "/checkpoint", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<CheckpointView> latestCheckpoint() {
        return blocking(() -> CheckpointView.of(properties.origin(), latest()));
    }

    @GetMapping(path = "/checkpoints/{treeSize}", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<String>> checkpointNote(@PathVariable long treeSize) {
        return blocking(() -> store.checkpoint(treeSize).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no checkpoint of tree size " + treeSize + " was signed")))
                .map(checkpoint -> ResponseEntity.ok().contentType(TEXT).body(checkpoint.note()));
    }

    /** Signs a checkpoint of the log as it is now: 201 when new, 200 when the log has not grown since the last. */
    @PostMapping(path = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CheckpointView>> checkpointNow() {
        return blocking(checkpoints::checkpointNow).map(signed -> {
            CheckpointView view = CheckpointView.of(properties.origin(), signed.checkpoint());
            if (!signed.created()) {
                return ResponseEntity.ok(view);
            }
            return ResponseEntity.created(URI.create("/api/v1/audit/checkpoints/" + view.treeSize())).body(view);
        });
    }

    @GetMapping(path = "/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<ResponseEntity<String>> verifierKey() {
        return Mono.just(ResponseEntity.ok().contentType(TEXT).body(keys.verifierKey().toText() + "\n"));
    }

    @GetMapping(path = "/public-key", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PublicKeyView> publicKey() {
        var key = keys.verifierKey();
        return Mono.just(new PublicKeyView("Ed25519", key.name(), HexFormat.of().toHexDigits(key.keyId()),
                key.toText(), Base64.getEncoder().encodeToString(key.rawPublicKey())));
    }

    /** Leaves {@code [start, end)}; {@code end} defaults to a full page or the tree size, whichever is smaller. */
    @GetMapping(path = "/leaves", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LeavesView> leaves(@RequestParam(defaultValue = "0") long start, @RequestParam(required = false) Long end) {
        return blocking(() -> {
            long size = tree.read(t -> t.size());
            long max = properties.maxLeavesPerPage();
            long last = end == null ? Math.min(size, start + max) : end;
            if (start < 0 || last < start) {
                throw badRequest("start must be >= 0 and end >= start; got start=" + start + ", end=" + last);
            }
            if (last > size) {
                throw badRequest("end " + last + " is beyond the log's " + size + " leaves");
            }
            if (last - start > max) {
                throw badRequest("at most " + max + " leaves per request; asked for " + (last - start));
            }
            return new LeavesView(start, last, size, store.leaves(start, last).stream().map(LeafView::of).toList());
        });
    }

    @GetMapping(path = "/proofs/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<InclusionProofView> inclusionProof(@RequestParam long leaf, @RequestParam(required = false) Long treeSize) {
        return blocking(() -> tree.read(t -> {
            long size = treeSize == null ? t.size() : treeSize;
            if (size < 1 || size > t.size()) {
                throw badRequest("treeSize must be within [1, " + t.size() + "], the sizes this log has had; got "
                        + size);
            }
            if (leaf < 0 || leaf >= size) {
                throw badRequest("leaf must be within [0, " + size + "), the leaves of a tree of size " + size
                        + "; got " + leaf);
            }
            return new InclusionProofView(leaf, size, hex(t.leafHash(leaf)), hex(t.root(size)),
                    t.inclusionProof(leaf, size).stream().map(AuditController::hex).toList());
        }));
    }

    @GetMapping(path = "/proofs/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ConsistencyProofView> consistencyProof(@RequestParam long first, @RequestParam(required = false) Long second) {
        return blocking(() -> tree.read(t -> {
            long to = second == null ? t.size() : second;
            if (to < 0 || to > t.size()) {
                throw badRequest("second must be within [0, " + t.size() + "], the sizes this log has had; got "
                        + to);
            }
            if (first < 0 || first > to) {
                throw badRequest("first must be within [0, second = " + to + "]; got " + first);
            }
            return new ConsistencyProofView(first, to, hex(t.root(first)), hex(t.root(to)),
                    t.consistencyProof(first, to).stream().map(AuditController::hex).toList());
        }));
    }

    @GetMapping(path = "/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AuditVerificationService.Report> verification() {
        return blocking(verification::verify);
    }

    /** The bundle, written with the bundle format's own mapper (not the web's), as a download. */
    @GetMapping(path = "/bundle", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> bundle() {
        return blocking(() -> AuditJson.mapper().writeValueAsBytes(bundles.bundle()))
                .map(bytes -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-bundle.json\"")
                        .body(bytes));
    }

    private StoredCheckpoint latest() {
        return checkpoints.latest().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no checkpoint has been signed yet; POST /api/v1/audit/checkpoints to sign one"));
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(LogUnavailableException.class, e -> new ResponseStatusException(
                        e.isTransient() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.NOT_FOUND, e.getMessage(), e));
    }

    private static ResponseStatusException badRequest(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
