package org.coalitionledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coalitionledger.audit.ReferenceVectors.hex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeafEncodingTest {

    /** The worked example of docs/audit-format.md. */
    static final StoredEvent EXAMPLE = new StoredEvent(41, "3f1c9a2e-0d4b-4b8a-9c1e-5a7d2b6e8f10",
            "Coalition", "cewto", 0, "org.coalitionledger.api.event.CoalitionFounded", null,
            "2026-11-30T12:00:00Z", utf8("{\"name\":\"CEWTO\"}"), utf8("{}"));

    /** The log time of the v2 worked example. */
    static final String EXAMPLE_LOGGED_AT = "2026-11-30T12:00:00.250000Z";

    @Test
    void encodeV2_ofTheExample_isLaidOutFieldByField_withPositionAndLogTimeFirst() {
        byte[] expected = concat(
                str("coalition-ledger/leaf/v2"),
                ByteBuffer.allocate(8).putLong(41).array(),
                str(EXAMPLE_LOGGED_AT),
                str("3f1c9a2e-0d4b-4b8a-9c1e-5a7d2b6e8f10"),
                str("Coalition"),
                str("cewto"),
                ByteBuffer.allocate(8).putLong(0).array(),
                str("org.coalitionledger.api.event.CoalitionFounded"),
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                str("2026-11-30T12:00:00Z"),
                str("{\"name\":\"CEWTO\"}"),
                str("{}"));
        assertThat(hex(LeafEncoding.encodeV2(EXAMPLE, EXAMPLE_LOGGED_AT))).isEqualTo(hex(expected));
    }

    @Test
    void encodeV2_bindsThePositionAndTheLogTime() {
        StoredEvent moved = new StoredEvent(7, EXAMPLE.eventId(), EXAMPLE.aggregateType(),
                EXAMPLE.aggregateId(), EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(), EXAMPLE.payloadRevision(),
                EXAMPLE.timestamp(), EXAMPLE.payload(), EXAMPLE.metadata());
        byte[] logged = LeafEncoding.leafHashV2(EXAMPLE, EXAMPLE_LOGGED_AT);
        assertThat(LeafEncoding.leafHashV2(moved, EXAMPLE_LOGGED_AT)).isNotEqualTo(logged);
        assertThat(LeafEncoding.leafHashV2(EXAMPLE, "2026-11-30T12:00:00.250001Z")).isNotEqualTo(logged);
        assertThat(LeafEncoding.leafHash(LogLeaf.of(3, EXAMPLE, EXAMPLE_LOGGED_AT), EXAMPLE)).isEqualTo(logged);
    }

    @Test
    void encodeV2_refusesALogTimeNotInTheFixedForm() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LeafEncoding.encodeV2(EXAMPLE, "2026-11-30T12:00:00.25Z"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not in the form");
    }

    @Test
    void encode_isDeterministic_andIgnoresTheGlobalIndex() {
        StoredEvent sameContent = new StoredEvent(7, EXAMPLE.eventId(), EXAMPLE.aggregateType(),
                EXAMPLE.aggregateId(), EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(), EXAMPLE.payloadRevision(),
                EXAMPLE.timestamp(), EXAMPLE.payload(), EXAMPLE.metadata());
        assertThat(LeafEncoding.encode(EXAMPLE)).isEqualTo(LeafEncoding.encode(EXAMPLE));
        assertThat(LeafEncoding.encode(sameContent)).isEqualTo(LeafEncoding.encode(EXAMPLE));
        assertThat(LeafEncoding.leafHash(EXAMPLE))
                .isEqualTo(MerkleHashes.leafHash(LeafEncoding.encode(EXAMPLE)));
    }

    @Test
    void encode_ofTheExample_isLaidOutFieldByField() {
        byte[] expected = concat(
                str("coalition-ledger/leaf/v1"),
                str("3f1c9a2e-0d4b-4b8a-9c1e-5a7d2b6e8f10"),
                str("Coalition"),
                str("cewto"),
                ByteBuffer.allocate(8).putLong(0).array(),
                str("org.coalitionledger.api.event.CoalitionFounded"),
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                str("2026-11-30T12:00:00Z"),
                str("{\"name\":\"CEWTO\"}"),
                str("{}"));
        assertThat(hex(LeafEncoding.encode(EXAMPLE))).isEqualTo(hex(expected));
    }

    @Test
    void encode_changes_whenAnySingleFieldChanges() {
        Map<String, StoredEvent> variants = new LinkedHashMap<>();
        variants.put("eventId", copy(EXAMPLE.eventId() + "x", EXAMPLE.aggregateType(), EXAMPLE.aggregateId(),
                EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(), null, EXAMPLE.timestamp(), EXAMPLE.payload(),
                EXAMPLE.metadata()));
        variants.put("aggregateType", copy(EXAMPLE.eventId(), "Coalitio", EXAMPLE.aggregateId(),
                EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(), null, EXAMPLE.timestamp(), EXAMPLE.payload(),
                EXAMPLE.metadata()));
        variants.put("aggregateId", copy(EXAMPLE.eventId(), EXAMPLE.aggregateType(), "cewtO",
                EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(), null, EXAMPLE.timestamp(), EXAMPLE.payload(),
                EXAMPLE.metadata()));
        variants.put("sequenceNumber", copy(EXAMPLE.eventId(), EXAMPLE.aggregateType(), EXAMPLE.aggregateId(),
                1, EXAMPLE.payloadType(), null, EXAMPLE.timestamp(), EXAMPLE.payload(), EXAMPLE.metadata()));
        variants.put("payloadType", copy(EXAMPLE.eventId(), EXAMPLE.aggregateType(), EXAMPLE.aggregateId(),
                EXAMPLE.sequenceNumber(), "org.coalitionledger.api.event.CoalitionDissolved", null,
                EXAMPLE.timestamp(), EXAMPLE.payload(), EXAMPLE.metadata()));
        variants.put("payloadRevision null -> empty", copy(EXAMPLE.eventId(), EXAMPLE.aggregateType(),
                EXAMPLE.aggregateId(), EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(), "", EXAMPLE.timestamp(),
                EXAMPLE.payload(), EXAMPLE.metadata()));
        variants.put("payloadRevision null -> 1", copy(EXAMPLE.eventId(), EXAMPLE.aggregateType(),
                EXAMPLE.aggregateId(), EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(), "1", EXAMPLE.timestamp(),
                EXAMPLE.payload(), EXAMPLE.metadata()));
        variants.put("timestamp, same instant written differently", copy(EXAMPLE.eventId(),
                EXAMPLE.aggregateType(), EXAMPLE.aggregateId(), EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(),
                null, "2026-11-30T12:00:00.000Z", EXAMPLE.payload(), EXAMPLE.metadata()));
        variants.put("payload", copy(EXAMPLE.eventId(), EXAMPLE.aggregateType(), EXAMPLE.aggregateId(),
                EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(), null, EXAMPLE.timestamp(),
                utf8("{\"name\":\"CEWTo\"}"), EXAMPLE.metadata()));
        variants.put("metadata", copy(EXAMPLE.eventId(), EXAMPLE.aggregateType(), EXAMPLE.aggregateId(),
                EXAMPLE.sequenceNumber(), EXAMPLE.payloadType(), null, EXAMPLE.timestamp(), EXAMPLE.payload(),
                utf8("{ }")));
        byte[] original = LeafEncoding.encode(EXAMPLE);
        variants.forEach((field, variant) ->
                assertThat(LeafEncoding.encode(variant)).as(field).isNotEqualTo(original));
    }

    @Test
    void encode_keepsFieldBoundaries_soMovingCharactersBetweenNeighboursChangesIt() {
        StoredEvent abC = copy("ab", "c", "id", 0, "T", null, "t", new byte[0], new byte[0]);
        StoredEvent aBc = copy("a", "bc", "id", 0, "T", null, "t", new byte[0], new byte[0]);
        assertThat(LeafEncoding.encode(abC)).isNotEqualTo(LeafEncoding.encode(aBc));

        StoredEvent bytesAb = copy("e", "A", "id", 0, "T", null, "t", new byte[] {1, 2}, new byte[] {3});
        StoredEvent bytesA = copy("e", "A", "id", 0, "T", null, "t", new byte[] {1}, new byte[] {2, 3});
        assertThat(LeafEncoding.encode(bytesAb)).isNotEqualTo(LeafEncoding.encode(bytesA));
    }

    @Test
    void encode_refusesStringsThatAreNotValidUnicode() {
        StoredEvent loneSurrogate = copy("a\uD800", "A", "id", 0, "T", null, "t", new byte[0], new byte[0]);
        assertThatThrownBy(() -> LeafEncoding.encode(loneSurrogate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void leafHashes_refuseStringsThatAreNotValidUnicode_likeTheEncoding() {
        for (String unpaired : new String[] {"a\uD800", "\uDC00a", "\uD83E\uD83E\uDD8F", "x\uDD8F\uD83E"}) {
            StoredEvent event = copy("e", "A", "id", 0, "T", null, unpaired, new byte[0], new byte[0]);
            assertThatThrownBy(() -> LeafEncoding.leafHash(event)).as(unpaired)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> LeafEncoding.leafHashV2(event, EXAMPLE_LOGGED_AT)).as(unpaired)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired surrogate");
        }
    }

    @Test
    void leafHashes_areTheHashesOfTheEncodings_forAnyText_lengthAndNumber() {
        Random random = new Random(20261205L);
        byte[] large = new byte[70_001]; // lengths whose every byte is in use
        random.nextBytes(large);
        for (int trial = 0; trial < 1_000; trial++) {
            StoredEvent event = new StoredEvent(random.nextLong() & Long.MAX_VALUE, text(random), text(random),
                    text(random), random.nextLong(), text(random), random.nextInt(10) < 3 ? null : text(random),
                    text(random), trial % 100 == 0 ? large : bytes(random), bytes(random));
            assertThat(LeafEncoding.leafHash(event)).as("trial %d", trial)
                    .isEqualTo(MerkleHashes.leafHash(LeafEncoding.encode(event)));
            assertThat(LeafEncoding.leafHashV2(event, EXAMPLE_LOGGED_AT)).as("trial %d", trial)
                    .isEqualTo(MerkleHashes.leafHash(LeafEncoding.encodeV2(event, EXAMPLE_LOGGED_AT)));
        }
    }

    @Test
    void storedEvent_requiresEveryFieldButThePayloadRevision_andCopiesItsBytes() {
        assertThatThrownBy(() -> copy(null, "A", "id", 0, "T", null, "t", new byte[0], new byte[0]))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> copy("e", "A", "id", 0, "T", null, "t", new byte[0], null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("metadata");
        byte[] payload = {1};
        StoredEvent event = copy("e", "A", "id", 0, "T", null, "t", payload, new byte[0]);
        payload[0] = 2;
        event.payload()[0] = 3;
        assertThat(event.payload()).containsExactly(1);
        assertThat(event).isEqualTo(copy("e", "A", "id", 0, "T", null, "t", new byte[] {1}, new byte[0]));
    }

    /**
     * Decoding what was encoded gives the event back, so no two events can share an encoding. Random events
     * from a seeded {@link Random}; the seed and trial are in every failure message.
     */
    @Test
    void encode_decodesBackToTheSameEvent() {
        long seed = Long.getLong("coalition.audit.seed", 20261130L);
        Random random = new Random(seed);
        byte[] large = new byte[70_001]; // a length whose every byte is in use
        random.nextBytes(large);
        for (int trial = 0; trial < 1_000; trial++) {
            StoredEvent event = copy(text(random), text(random), text(random), random.nextLong(), text(random),
                    random.nextInt(10) < 3 ? null : text(random), text(random),
                    trial % 100 == 0 ? large : bytes(random), bytes(random));
            assertThat(decode(LeafEncoding.encode(event))).as("seed %d, trial %d: %s", seed, trial, event)
                    .isEqualTo(event);
        }
    }

    /**
     * Short strings from a few classes so collisions and boundary shifts are likely: empty, ASCII, multi-byte
     * UTF-8 and supplementary characters (surrogate pairs).
     */
    private static String text(Random random) {
        String[] fixed = {"", "\uD83D\uDE00", "\u00e9", "\u0000", "\uFFFF"};
        StringBuilder s = new StringBuilder();
        switch (random.nextInt(3)) {
            case 0 -> {
                int length = random.nextInt(4);
                for (int i = 0; i < length; i++) {
                    s.append(random.nextBoolean() ? 'a' : 'b');
                }
            }
            case 1 -> {
                int length = random.nextInt(9);
                for (int i = 0; i < length; i++) {
                    // Below the surrogate block, so every char is a whole code point.
                    s.append((char) random.nextInt(0xD800));
                }
            }
            default -> s.append(fixed[random.nextInt(fixed.length)]);
        }
        return s.toString();
    }

    private static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(41)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A decoder written from the spec in docs/audit-format.md, independent of LeafEncoding. */
    private static StoredEvent decode(byte[] leaf) {
        ByteBuffer in = ByteBuffer.wrap(leaf);
        assertThat(readString(in)).isEqualTo("coalition-ledger/leaf/v1");
        String eventId = readString(in);
        String aggregateType = readString(in);
        String aggregateId = readString(in);
        long sequenceNumber = in.getLong();
        String payloadType = readString(in);
        String payloadRevision = readString(in);
        String timestamp = readString(in);
        byte[] payload = readBytes(in);
        byte[] metadata = readBytes(in);
        assertThat(in.remaining()).as("trailing bytes").isZero();
        return copy(eventId, aggregateType, aggregateId, sequenceNumber, payloadType, payloadRevision, timestamp,
                payload, metadata);
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return bytes;
    }

    private static StoredEvent copy(String eventId, String aggregateType, String aggregateId, long sequenceNumber,
            String payloadType, String payloadRevision, String timestamp, byte[] payload, byte[] metadata) {
        return new StoredEvent(0, eventId, aggregateType, aggregateId, sequenceNumber, payloadType, payloadRevision,
                timestamp, payload, metadata);
    }

    private static byte[] str(String s) {
        byte[] bytes = utf8(s);
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
