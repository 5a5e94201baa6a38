package org.coalitionledger.verifier;

import org.coalitionledger.audit.KeyChain;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The calls the live check makes to a ledger (docs/audit-format.md, section 7): the latest signed checkpoint, the
 * key chain and a consistency proof. Plain JDK HTTP; every failure to get a usable answer is an {@link IOException} saying
 * which request failed and how.
 */
final class LedgerClient {

    static final String CHECKPOINT_PATH = "/api/v1/audit/checkpoint";
    static final String KEYS_PATH = "/api/v1/audit/keys";
    static final String CONSISTENCY_PATH = "/api/v1/audit/proofs/consistency";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REASON_CHARS = 300;

    private final String base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base    the ledger's base URL, e.g. {@code https://ledger.example.org}
     * @param token   the auditor's bearer token, or null to send none
     * @param timeout for connecting, and for each answer
     */
    LedgerClient(URI base, String token, Duration timeout) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The text of the latest signed checkpoint note. */
    String latestCheckpoint() throws IOException {
        return get(CHECKPOINT_PATH, "text/plain");
    }

    /** The key chain as the ledger publishes it, first key to current; unverified. */
    List<KeyChain.Link> keyChain() throws IOException {
        String body = get(KEYS_PATH, "application/json");
        try {
            JsonNode keys = JSON.readTree(body).get("keys");
            if (keys == null || !keys.isArray()) {
                throw new IOException("GET " + base + KEYS_PATH + " answered no \"keys\" array");
            }
            List<KeyChain.Link> links = new ArrayList<>();
            for (JsonNode key : keys) {
                JsonNode introduction = key.get("introduction");
                links.add(new KeyChain.Link(key.required("verifierKey").asString(),
                        key.required("validFrom").asLong(),
                        introduction == null || introduction.isNull() ? null : introduction.asString()));
            }
            return links;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new IOException("GET " + base + KEYS_PATH + " answered something that is not a key chain: "
                    + e.getMessage(), e);
        }
    }

    /** The hashes of the RFC 9162 consistency proof from tree size {@code first} to {@code second}. */
    List<byte[]> consistencyProof(long first, long second) throws IOException {
        String path = CONSISTENCY_PATH + "?first=" + first + "&second=" + second;
        String body = get(path, "application/json");
        try {
            JsonNode proof = JSON.readTree(body).get("proof");
            if (proof == null || !proof.isArray()) {
                throw new IOException("GET " + base + path + " answered no \"proof\" array");
            }
            List<byte[]> hashes = new ArrayList<>();
            for (JsonNode hash : proof) {
                hashes.add(HexFormat.of().parseHex(hash.asString()));
            }
            return hashes;
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IOException("GET " + base + path + " answered something that is not a proof: " + e.getMessage(),
                    e);
        }
    }

    String url(String path) {
        return base + path;
    }

    private String get(String path, String accept) throws IOException {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a usable URL: " + base + path, e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeout).header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + uri, e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + uri + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
        }
        if (response.statusCode() != 200) {
            String reason = response.body() == null ? "" : response.body().strip();
            if (reason.length() > MAX_REASON_CHARS) {
                reason = reason.substring(0, MAX_REASON_CHARS) + "...";
            }
            throw new IOException("GET " + uri + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 || response.statusCode() == 403
                    ? " (give an auditor token: --token or COALITION_AUDITOR_TOKEN)" : "")
                    + (reason.isEmpty() ? "" : ": " + reason));
        }
        return response.body();
    }
}
