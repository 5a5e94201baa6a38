package org.coalitionledger.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The deterministic byte encoding of one logged {@link StoredEvent}: the leaf data whose
 * {@link MerkleHashes#leafHash leaf hash} enters the log. Specified in {@code docs/audit-format.md}.
 *
 * <pre>
 * v2   = str("coalition-ledger/leaf/v2") u64(globalIndex) str(loggedAt)
 *        str(eventId) str(aggregateType) str(aggregateId) u64(sequenceNumber)
 *        str(payloadType) str(payloadRevision) str(timestamp) bytes(payload) bytes(metadata)
 * v1   = str("coalition-ledger/leaf/v1")
 *        str(eventId) str(aggregateType) str(aggregateId) u64(sequenceNumber)
 *        str(payloadType) str(payloadRevision) str(timestamp) bytes(payload) bytes(metadata)
 * str(s)   = u32(length of UTF-8(s)) || UTF-8(s), or u32(0xFFFFFFFF) alone when s is null
 * bytes(b) = u32(length of b) || b
 * u32      = 4-byte big-endian unsigned integer
 * u64      = 8-byte big-endian two's complement (the Java long as is)
 * </pre>
 *
 * Every variable-length field carries its own length, so no two different events share an encoding. Version 2
 * binds the event's position in the store (its global index, the order the views fold in) and the time the log
 * took it ({@link LogTime}, the record time "as recorded at" answers by), so neither can be changed without
 * changing the leaf. Version 1 leaves, written before, keep verifying as they were.
 */
public final class LeafEncoding {

    /** The version tag every v1 leaf begins with, as its first length-prefixed string. */
    public static final String VERSION_TAG = "coalition-ledger/leaf/v1";

    /** The version tag every v2 leaf begins with. */
    public static final String VERSION_TAG_V2 = "coalition-ledger/leaf/v2";

    /** The encoding the log writes now. */
    public static final int CURRENT_VERSION = 2;

    private static final int NULL_LENGTH = 0xFFFFFFFF;

    private LeafEncoding() {
    }

    /** The v1 leaf bytes of {@code event} (no position, no log time). */
    public static byte[] encode(StoredEvent event) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        writeV1(new Writer(buffer::write), event);
        return buffer.toByteArray();
    }

    /** The v2 leaf bytes of {@code event}, logged at {@code loggedAt} (in {@link LogTime} form). */
    public static byte[] encodeV2(StoredEvent event, String loggedAt) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        writeV2(new Writer(buffer::write), event, loggedAt);
        return buffer.toByteArray();
    }

    /** SHA-256(0x00 || v1 leaf), the hash of a v1 leaf of this event. */
    public static byte[] leafHash(StoredEvent event) {
        // Written straight into the hash: verification hashes every leaf and needs no copy of its bytes.
        return MerkleHashes.leafHash(digest -> writeV1(new Writer(digest::update), event));
    }

    /** SHA-256(0x00 || v2 leaf), the hash of a v2 leaf of this event logged at {@code loggedAt}. */
    public static byte[] leafHashV2(StoredEvent event, String loggedAt) {
        return MerkleHashes.leafHash(digest -> writeV2(new Writer(digest::update), event, loggedAt));
    }

    /** The hash {@code leaf} must have if it was computed from {@code event}, in the leaf's own version. */
    public static byte[] leafHash(LogLeaf leaf, StoredEvent event) {
        return leaf.version() == 1 ? leafHash(event) : leafHashV2(event, leaf.loggedAt());
    }

    private static void writeV1(Writer out, StoredEvent event) {
        out.string(VERSION_TAG);
        content(out, event);
    }

    private static void writeV2(Writer out, StoredEvent event, String loggedAt) {
        LogTime.parse(loggedAt);
        out.string(VERSION_TAG_V2);
        out.uint64(event.globalIndex());
        out.string(loggedAt);
        content(out, event);
    }

    private static void content(Writer out, StoredEvent event) {
        out.string(event.eventId());
        out.string(event.aggregateType());
        out.string(event.aggregateId());
        out.uint64(event.sequenceNumber());
        out.string(event.payloadType());
        out.string(event.payloadRevision());
        out.string(event.timestamp());
        out.bytes(event.payload());
        out.bytes(event.metadata());
    }

    /** Where the leaf bytes go: a buffer, or a hash. */
    @FunctionalInterface
    private interface Sink {
        void write(byte[] bytes, int offset, int length);
    }

    private static final class Writer {
        private final Sink sink;
        private final byte[] number = new byte[Long.BYTES];

        Writer(Sink sink) {
            this.sink = sink;
        }

        void string(String value) {
            if (value == null) {
                uint32(NULL_LENGTH);
            } else {
                bytes(strictUtf8(value));
            }
        }

        void bytes(byte[] value) {
            uint32(value.length);
            sink.write(value, 0, value.length);
        }

        void uint32(int value) {
            for (int i = 0; i < Integer.BYTES; i++) {
                number[i] = (byte) (value >>> (8 * (Integer.BYTES - 1 - i)));
            }
            sink.write(number, 0, Integer.BYTES);
        }

        void uint64(long value) {
            for (int i = 0; i < Long.BYTES; i++) {
                number[i] = (byte) (value >>> (8 * (Long.BYTES - 1 - i)));
            }
            sink.write(number, 0, Long.BYTES);
        }

        /**
         * UTF-8 that refuses unpaired surrogates; String.getBytes would turn each into '?', letting two
         * different strings share one encoding. A string without surrogates (nearly every one) is encoded by
         * String.getBytes, which gives the same bytes without a new encoder.
         */
        private static byte[] strictUtf8(String value) {
            for (int i = 0; i < value.length(); i++) {
                if (Character.isSurrogate(value.charAt(i))) {
                    return strictUtf8WithSurrogates(value);
                }
            }
            return value.getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] strictUtf8WithSurrogates(String value) {
            try {
                ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(CharBuffer.wrap(value));
                byte[] result = new byte[encoded.remaining()];
                encoded.get(result);
                return result;
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("string field is not valid Unicode (unpaired surrogate): "
                        + e.getMessage(), e);
            }
        }
    }
}
