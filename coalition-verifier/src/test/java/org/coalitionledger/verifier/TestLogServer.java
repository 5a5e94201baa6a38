package org.coalitionledger.verifier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.MerkleHashes;
import org.coalitionledger.audit.MerkleTree;
import org.coalitionledger.audit.NoteVerifierKey;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A ledger's audit endpoints over real HTTP on loopback, answering from a Merkle tree built with the audit module's
 * own classes and checkpoints signed with real Ed25519 keys: the latest checkpoint and the key chain (public), and
 * consistency proofs (auditor token). A test swaps the tree it serves to grow, rewind or rewrite the log, and
 * rotates the signing key.
 */
final class TestLogServer implements AutoCloseable {

    static final String ORIGIN = "ledger.test/cewto";
    static final String AUDITOR_TOKEN = "auditor-token-for-tests-0123456789";

    /** The first key: the one auditors trust. */
    final NoteVerifierKey verifierKey;
    /** The current signing key. */
    volatile KeyPair keyPair = Ed25519Keys.generateKeyPair();
    volatile KeyChain chain;
    /** When set, the key chain published instead of the real one. */
    volatile List<KeyChain.Link> forgedChain;
    /** Every request as {@code path?query}, with {@code " [token]"} appended when it carried the auditor token. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    private final HttpServer server;
    private volatile MerkleTree tree;
    private volatile String note;

    TestLogServer() throws IOException {
        verifierKey = NoteVerifierKey.of(ORIGIN, keyPair.getPublic());
        chain = KeyChain.of(verifierKey);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(LedgerClient.CHECKPOINT_PATH, this::checkpoint);
        server.createContext(LedgerClient.KEYS_PATH, this::keys);
        server.createContext(LedgerClient.CONSISTENCY_PATH, this::consistency);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A tree of {@code size} leaves; leaf i holds {@code "event " + i}, or {@code "rewritten " + i} from forkAt on. */
    static MerkleTree tree(int size, int forkAt) {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < size; i++) {
            String data = (i < forkAt ? "event " : "rewritten ") + i;
            tree.append(MerkleHashes.leafHash(data.getBytes(StandardCharsets.UTF_8)));
        }
        return tree;
    }

    static MerkleTree tree(int size) {
        return tree(size, Integer.MAX_VALUE);
    }

    /** From now on, serves {@code tree} and its checkpoint signed with this server's key. */
    String serve(MerkleTree tree) {
        return serve(tree, new Checkpoint(ORIGIN, tree.size(), tree.root()).sign(ORIGIN, keyPair));
    }

    /** From now on, serves {@code tree} and {@code signedNote} as the latest checkpoint. */
    String serve(MerkleTree tree, String signedNote) {
        this.tree = tree;
        this.note = signedNote;
        return signedNote;
    }

    /** The current key introduces a fresh one, which signs checkpoints from tree size {@code validFrom} on. */
    void rotate(long validFrom) {
        KeyPair next = Ed25519Keys.generateKeyPair();
        chain = chain.rotate(ORIGIN, keyPair, NoteVerifierKey.of(ORIGIN, next.getPublic()), validFrom);
        keyPair = next;
    }

    private void keys(HttpExchange exchange) throws IOException {
        record(exchange);
        String keys = (forgedChain != null ? forgedChain : chain.links()).stream().map(link -> "{\"verifierKey\":\"" + link.verifierKey()
                + "\",\"validFrom\":" + link.validFrom() + ",\"introduction\":"
                + (link.introduction() == null ? "null" : json(link.introduction())) + "}")
                .collect(Collectors.joining(","));
        answer(exchange, 200, "application/json", "{\"origin\":\"" + ORIGIN + "\",\"keys\":[" + keys + "]}");
    }

    /** A JSON string of a signed note: its newlines escaped (notes hold no other character JSON escapes). */
    private static String json(String note) {
        return "\"" + note.replace("\n", "\\n") + "\"";
    }

    private void checkpoint(HttpExchange exchange) throws IOException {
        record(exchange);
        if (note == null) {
            answer(exchange, 404, "application/problem+json", "{\"detail\":\"no checkpoint has been signed yet\"}");
            return;
        }
        answer(exchange, 200, "text/plain;charset=UTF-8", note);
    }

    private void consistency(HttpExchange exchange) throws IOException {
        if (!record(exchange)) {
            answer(exchange, 401, "application/problem+json", "{\"code\":\"UNAUTHENTICATED\"}");
            return;
        }
        Map<String, Long> query = new HashMap<>();
        for (String pair : exchange.getRequestURI().getQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], Long.parseLong(parts[1]));
        }
        long first = query.get("first");
        long second = query.get("second");
        if (first > second || second > tree.size()) {
            answer(exchange, 400, "application/problem+json", "{\"detail\":\"second beyond the log\"}");
            return;
        }
        String proof = tree.consistencyProof(first, second).stream()
                .map(hash -> "\"" + HexFormat.of().formatHex(hash) + "\"").collect(Collectors.joining(","));
        answer(exchange, 200, "application/json", "{\"first\":" + first + ",\"second\":" + second
                + ",\"firstRoot\":\"" + HexFormat.of().formatHex(tree.root(first)) + "\",\"secondRoot\":\""
                + HexFormat.of().formatHex(tree.root(second)) + "\",\"proof\":[" + proof + "]}");
    }

    /** Records the request; true when it carried the auditor token. */
    private boolean record(HttpExchange exchange) {
        boolean authorised = ("Bearer " + AUDITOR_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        URI uri = exchange.getRequestURI();
        requests.add(uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery())
                + (authorised ? " [token]" : ""));
        return authorised;
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
