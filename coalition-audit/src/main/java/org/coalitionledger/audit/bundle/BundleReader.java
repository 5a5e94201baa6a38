package org.coalitionledger.audit.bundle;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a bundle in one pass with bounded memory: the header as a whole, then each entry handed to a consumer as it
 * is parsed, then the views. Fields must come in the order {@link BundleWriter} writes them; a bundle with unknown
 * or misplaced fields is not the documented format and is refused.
 */
public final class BundleReader {

    private static final List<String> HEADER_FIELDS = List.of("format", "origin", "keyChain", "fromTreeSize",
            "treeSize", "checkpoints", "frontier", "consistencyProof");

    // Values are read one at a time from a stream that goes on after each; the stream as a whole is checked here.
    private static final ObjectReader ENTRY = AuditJson.mapper().readerFor(BundleEntry.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader VIEWS = AuditJson.mapper().readerFor(new TypeReference<List<BundleView>>() { })
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private BundleReader() {
    }

    /**
     * Reads {@code bundle}, calling {@code header} once, then {@code entries} for each entry in order.
     *
     * @return the views
     * @throws IllegalArgumentException when the bundle is not well-formed JSON of the documented shape
     */
    public static List<BundleView> read(InputStream bundle, Consumer<BundleHeader> header,
            Consumer<BundleEntry> entries) {
        try (JsonParser in = AuditJson.mapper().createParser(bundle)) {
            expect(in, JsonToken.START_OBJECT, "the bundle");
            JsonNode headerFields = AuditJson.mapper().createObjectNode();
            for (String field : HEADER_FIELDS) {
                name(in, field);
                in.nextToken();
                ((tools.jackson.databind.node.ObjectNode) headerFields).set(field, in.readValueAsTree());
            }
            BundleHeader parsed = AuditJson.mapper().treeToValue(headerFields, BundleHeader.class);
            if (!BundleHeader.FORMAT.equals(parsed.format())) {
                throw new IllegalArgumentException("bundle format is '" + parsed.format() + "', this verifier reads "
                        + BundleHeader.FORMAT);
            }
            header.accept(parsed);
            name(in, "entries");
            expect(in, JsonToken.START_ARRAY, "entries");
            while (in.nextToken() == JsonToken.START_OBJECT) {
                entries.accept(ENTRY.readValue(in));
            }
            if (in.currentToken() != JsonToken.END_ARRAY) {
                throw new IllegalArgumentException("entries must be a list of objects");
            }
            name(in, "views");
            in.nextToken();
            List<BundleView> views = new ArrayList<>(VIEWS.<List<BundleView>>readValue(in));
            if (in.nextToken() != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("unexpected content after the views");
            }
            return views;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the bundle is not readable as the documented format: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static void name(JsonParser in, String expected) {
        JsonToken token = in.nextToken();
        if (token != JsonToken.PROPERTY_NAME || !expected.equals(in.currentName())) {
            throw new IllegalArgumentException("expected the field '" + expected + "' next, found "
                    + (token == JsonToken.PROPERTY_NAME ? "'" + in.currentName() + "'" : String.valueOf(token)));
        }
    }

    private static void expect(JsonParser in, JsonToken token, String what) {
        if (in.nextToken() != token) {
            throw new IllegalArgumentException(what + " must start with " + token);
        }
    }
}
