package org.coalitionledger.web.audit;

import org.coalitionledger.web.limits.Uninterrupted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.coalitionledger.api.validation.Checks;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.MerkleTree;
import org.coalitionledger.log.AuditBundleService;
import org.coalitionledger.log.AuditLogStore;
import org.coalitionledger.log.AuditLogStore.StoredCheckpoint;
import org.coalitionledger.log.AuditLogTree;
import org.coalitionledger.log.AuditProperties;
import org.coalitionledger.log.AuditVerificationService;
import org.coalitionledger.log.CheckpointKeyStore;
import org.coalitionledger.log.CheckpointService;
import org.coalitionledger.log.LogUnavailableException;
import org.coalitionledger.web.api.Caller;
import org.coalitionledger.web.error.ApiProblemException;
import org.coalitionledger.web.error.WebErrorCode;
import org.coalitionledger.web.limits.BlockingWork;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The verifiable log over HTTP (docs/audit-format.md). The latest checkpoint and the signing keys are public, as a
 * transparency log's are; leaves, proofs, verification and bundles are the auditor's; signing on demand and key
 * rotation the administrator's. Hashes are lowercase hex; checkpoints and keys are the exact signed-note texts.
 * Every database read runs on the bounded-elastic scheduler.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");
    /** The latest checkpoint changes at most every checkpoint interval; caches may keep it briefly. */
    private static final CacheControl CHECKPOINT_CACHE = CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic();

    private final CheckpointService checkpoints;
    private final CheckpointKeyStore keys;
    private final AuditLogTree tree;
    private final AuditLogStore store;
    private final AuditVerificationService verification;
    private final AuditBundleService bundles;
    private final AuditProperties properties;
    private final BlockingWork work;

    AuditController(CheckpointService checkpoints, CheckpointKeyStore keys, AuditLogTree tree, AuditLogStore store,
                    AuditVerificationService verification, AuditBundleService bundles, AuditProperties properties,
                    BlockingWork work) {
        this.work = work;
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

    /** The signing keys, first to current; each after the first carries the note its predecessor signed. */
    record KeyChainView(String origin, List<KeyChain.Link> keys) {
    }

    record LeafView(long leafIndex, long globalIndex, String eventId, int version, String loggedAt, String leafHash) {
        static LeafView of(LogLeaf leaf) {
            return new LeafView(leaf.leafIndex(), leaf.globalIndex(), leaf.eventId(), leaf.version(), leaf.loggedAt(),
                    hex(leaf.leafHash()));
        }
    }

    record LeavesView(long start, long end, long treeSize, List<LeafView> leaves) {
    }

    record InclusionProofView(long leafIndex, long treeSize, String leafHash, String rootHash, List<String> proof) {
    }

    record ConsistencyProofView(long first, long second, String firstRoot, String secondRoot, List<String> proof) {
    }

    /** Why the key is rotated; recorded in the ledger with the person who asked. */
    record KeyRotationRequest(String reason) {
    }

    @GetMapping(path = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(operationId = "getCheckpointNote", summary = "The latest signed checkpoint, as its signed note (public)")
    Mono<ResponseEntity<String>> latestCheckpointNote() {
        return blocking(() -> latest().note()).map(note -> ResponseEntity.ok().cacheControl(CHECKPOINT_CACHE)
                .contentType(TEXT).body(note));
    }

    @GetMapping(path = "/checkpoint", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getCheckpoint", summary = "The latest signed checkpoint (public)")
    Mono<ResponseEntity<CheckpointView>> latestCheckpoint() {
        return blocking(() -> CheckpointView.of(properties.origin(), latest()))
                .map(view -> ResponseEntity.ok().cacheControl(CHECKPOINT_CACHE).body(view));
    }

    @GetMapping(path = "/checkpoints/{treeSize}", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(operationId = "getCheckpointOfSize", summary = "The signed checkpoint of one tree size")
    Mono<ResponseEntity<String>> checkpointNote(@PathVariable long treeSize) {
        return blocking(() -> checkpoints.checkpoint(treeSize).orElseThrow(() -> checkpointNotFound(treeSize)))
                .map(checkpoint -> ResponseEntity.ok().contentType(TEXT).body(checkpoint.note()));
    }

    /** Signs a checkpoint of the log as it is now: 201 when new, 200 when the log has not grown since the last. */
    @PostMapping(path = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "signCheckpoint", summary = "Sign a checkpoint of the log now (administrators)")
    Mono<ResponseEntity<CheckpointView>> checkpointNow() {
        return signing(checkpoints::checkpointNow).map(signed -> {
            CheckpointView view = CheckpointView.of(properties.origin(), signed.checkpoint());
            if (!signed.created()) {
                return ResponseEntity.ok(view);
            }
            return ResponseEntity.created(URI.create("/api/v1/audit/checkpoints/" + view.treeSize())).body(view);
        });
    }

    @GetMapping(path = "/public-key", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(operationId = "getPublicKeyText", summary = "The current checkpoint verifier key (public)")
    Mono<ResponseEntity<String>> verifierKey() {
        return blocking(() -> keys.verifierKey().toText() + "\n")
                .map(text -> ResponseEntity.ok().contentType(TEXT).body(text));
    }

    @GetMapping(path = "/public-key", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getPublicKey", summary = "The current checkpoint verifier key (public)")
    Mono<PublicKeyView> publicKey() {
        return blocking(() -> {
            var key = keys.verifierKey();
            return new PublicKeyView("Ed25519", key.name(), HexFormat.of().toHexDigits(key.keyId()), key.toText(),
                    Base64.getEncoder().encodeToString(key.rawPublicKey()));
        });
    }

    @GetMapping(path = "/keys", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getKeyChain", summary = "Every signing key, first to current, with introductions (public)")
    Mono<KeyChainView> keyChain() {
        return blocking(() -> new KeyChainView(properties.origin(), store.keyChain()));
    }

    /**
     * Rotates the signing key: the current key signs the log as it stands and introduces a new one; recorded in the
     * ledger with the person who asked and the reason.
     */
    @PostMapping(path = "/key-rotations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "rotateSigningKey", summary = "Rotate the checkpoint signing key (administrators)")
    Mono<ResponseEntity<KeyChain.Link>> rotate(@RequestBody KeyRotationRequest request,
            @Parameter(hidden = true) Authentication auth, @Parameter(hidden = true) ServerWebExchange exchange) {
        return Mono.defer(() -> {
            String reason = Checks.text(request == null ? null : request.reason(), "reason", Checks.MAX_TEXT);
            Caller caller = Caller.of(auth, exchange);
            return signing(() -> checkpoints.rotateKey(reason, caller.metaData(caller.requestId())))
                    .map(link -> ResponseEntity.status(HttpStatus.CREATED).body(link));
        });
    }

    /** Leaves {@code [start, end)}; {@code end} defaults to a full page or the tree size, whichever is smaller. */
    @GetMapping(path = "/leaves", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getLeaves", summary = "Leaves of the log in order, a page at a time")
    Mono<LeavesView> leaves(@RequestParam(defaultValue = "0") long start, @RequestParam(required = false) Long end) {
        return blocking(() -> {
            long size = tree.read(t -> t.size());
            long max = properties.maxLeavesPerPage();
            if (start < 0 || start > size) {
                throw badRequest("start must be within [0, " + size + "]; got " + start);
            }
            long last = end == null ? Math.min(size, start + max) : end;
            if (last < start) {
                throw badRequest("end must be >= start; got start=" + start + ", end=" + last);
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
    @Operation(operationId = "getInclusionProof", summary = "RFC 9162 inclusion proof of a leaf in a tree size")
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
    @Operation(operationId = "getConsistencyProof", summary = "RFC 9162 consistency proof between two tree sizes")
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
    @Operation(operationId = "verifyLog", summary = "Recompute every leaf from the event store and check the log, "
            + "or with incremental=true only what followed the last clean verification")
    Mono<AuditVerificationService.Report> verification(
            @Parameter(description = "check only the leaves, checkpoints, unlogged events and fold snapshots after "
                    + "the last clean verification on this server (the whole log when there was none)")
            @RequestParam(defaultValue = "false") boolean incremental) {
        return blocking(() -> verification.verify(incremental));
    }

    /**
     * The bundle from checkpoint {@code from} (default: the start) to checkpoint {@code to} (default: the latest),
     * written to a temporary file off the event loop and streamed from it, so memory stays bounded.
     */
    @GetMapping(path = "/bundle", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getBundle", summary = "Audit bundle of the log between two checkpoints, for offline "
            + "verification")
    Mono<ResponseEntity<Flux<DataBuffer>>> bundle(
            @Parameter(description = "tree size of the checkpoint to start from (default 0)")
            @RequestParam(required = false) Long from,
            @Parameter(description = "tree size of the checkpoint to end at (default: the latest)")
            @RequestParam(required = false) Long to) {
        return blocking(() -> {
            AuditBundleService.Range range;
            try {
                range = bundles.range(from, to);
            } catch (IllegalArgumentException e) {
                throw badRequest(e.getMessage());
            }
            Path file = Files.createTempFile("audit-bundle", ".json");
            try (OutputStream out = Files.newOutputStream(file)) {
                bundles.write(range, out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        }).map(file -> ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-bundle.json\"")
                .body(DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance, 64 * 1024)
                        .doFinally(signal -> deleteQuietly(file))));
    }

    private StoredCheckpoint latest() {
        return checkpoints.latest().orElseThrow(() -> new ApiProblemException(HttpStatus.NOT_FOUND,
                WebErrorCode.CHECKPOINT_NOT_FOUND,
                "no checkpoint has been signed yet; an administrator signs one with POST /api/v1/audit/checkpoints"));
    }

    private static ApiProblemException checkpointNotFound(long treeSize) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, WebErrorCode.CHECKPOINT_NOT_FOUND,
                "no checkpoint of tree size " + treeSize + " was signed");
    }

    /** Runs a read off the event loop; cancelling the request stops the log reads it makes. */
    private <T> Mono<T> blocking(Callable<T> task) {
        return problems(work.call(task));
    }

    /** Runs a signing off the event loop, to its end even if the client goes away (it changes the log's state). */
    private static <T> Mono<T> signing(Callable<T> task) {
        return problems(Mono.fromCallable(task).subscribeOn(Uninterrupted.SCHEDULER));
    }

    private static <T> Mono<T> problems(Mono<T> work) {
        return work
                .onErrorMap(LogUnavailableException.class, e -> e.isTransient()
                        ? new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, WebErrorCode.TIMEOUT, e.getMessage())
                        : new ApiProblemException(HttpStatus.NOT_FOUND, WebErrorCode.CHECKPOINT_NOT_FOUND,
                                e.getMessage()))
                .onErrorMap(CheckpointService.SigningRefusedException.class, e -> new ApiProblemException(
                        HttpStatus.CONFLICT, WebErrorCode.SIGNING_REFUSED, e.getMessage()))
                .onErrorMap(MerkleTree.LeavesChangedException.class, e -> new ApiProblemException(
                        HttpStatus.INTERNAL_SERVER_ERROR, WebErrorCode.LOG_LEAVES_CHANGED, e.getMessage()
                                + "; run the log's verification"));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiProblemException badRequest(String reason) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, WebErrorCode.VALIDATION_FAILED, reason);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
