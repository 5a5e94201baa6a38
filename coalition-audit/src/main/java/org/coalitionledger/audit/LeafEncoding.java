package org.coalitionledger.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The deterministic byte encoding of one {@link StoredEvent}: the leaf data whose
 * {@link MerkleHashes#leafHash leaf hash} enters the log. Specified in {@code docs/audit-format.md}.
 *
 * <pre>
 * leaf = str("coalition-ledger/leaf/v1")
 *        str(eventId) str(aggregateType) str(aggregateId) u64(sequenceNumber)
 *        str(payloadType) str(payloadRevision) str(timestamp) bytes(payload) bytes(metadata)
 * str(s)   = u32(length of UTF-8(s)) || UTF-8(s), or u32(0xFFFFFFFF) alone when s is null
 * bytes(b) = u32(length of b) || b
 * u32      = 4-byte big-endian unsigned integer
 * u64      = 8-byte big-endian two's complement (the Java long as is)
 * </pre>
 *
 * Every variable-length field carries its own length, so no two different events share an encoding.
 * The global index is left out on purpose: the leaf's position in the tree already is the index, and
 * inclusion proofs bind it.
 */
public final class LeafEncoding {

    /** The version tag every v1 leaf begins with, as its first length-prefixed string. */
    public static final String VERSION_TAG = "coalition-ledger/leaf/v1";

    private static final int NULL_LENGTH = 0xFFFFFFFF;

    private LeafEncoding() {
    }

    /** The leaf bytes of {@code event}. */
    public static byte[] encode(StoredEvent event) {
        Writer out = new Writer();
        out.string(VERSION_TAG);
        out.string(event.eventId());
        out.string(event.aggregateType());
        out.string(event.aggregateId());
        out.uint64(event.sequenceNumber());
        out.string(event.payloadType());
        out.string(event.payloadRevision());
        out.string(event.timestamp());
        out.bytes(event.payload());
        out.bytes(event.metadata());
        return out.toByteArray();
    }

    /** SHA-256(0x00 || encode(event)), the hash appended to the log for this event. */
    public static byte[] leafHash(StoredEvent event) {
        return MerkleHashes.leafHash(encode(event));
    }

    private static final class Writer {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        void string(String value) {
            if (value == null) {
                uint32(NULL_LENGTH);
            } else {
                bytes(strictUtf8(value));
            }
        }

        void bytes(byte[] value) {
            uint32(value.length);
            buffer.writeBytes(value);
        }

        void uint32(int value) {
            buffer.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
        }

        void uint64(long value) {
            buffer.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
        }

        /**
         * UTF-8 that refuses unpaired surrogates; String.getBytes would turn each into '?', letting two
         * different strings share one encoding.
         */
        private static byte[] strictUtf8(String value) {
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

        byte[] toByteArray() {
            return buffer.toByteArray();
        }
    }
}
