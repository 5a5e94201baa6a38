package org.coalitionledger.audit.bundle;

import tools.jackson.core.JsonGenerator;

import java.io.OutputStream;
import java.util.List;

/**
 * Writes a bundle as it is produced, entry by entry, so neither side ever holds the whole log: the header, then the
 * entries in leaf order, then the views. {@link BundleReader} reads the fields in this order.
 */
public final class BundleWriter implements AutoCloseable {

    private final JsonGenerator out;
    private boolean entriesOpen;

    /** Starts a bundle on {@code stream} and writes its header. */
    public BundleWriter(OutputStream stream, BundleHeader header) {
        this.out = AuditJson.mapper().createGenerator(stream);
        out.writeStartObject();
        out.writeStringProperty("format", header.format());
        out.writeStringProperty("origin", header.origin());
        out.writePOJOProperty("keyChain", header.keyChain());
        out.writeName("fromTreeSize");
        out.writeNumber(header.fromTreeSize());
        out.writeName("treeSize");
        out.writeNumber(header.treeSize());
        out.writePOJOProperty("checkpoints", header.checkpoints());
        out.writePOJOProperty("frontier", header.frontier());
        out.writePOJOProperty("consistencyProof", header.consistencyProof());
        out.writeName("entries");
        out.writeStartArray();
        entriesOpen = true;
    }

    /** The next entry, in leaf order. */
    public void entry(BundleEntry entry) {
        if (!entriesOpen) {
            throw new IllegalStateException("the entries are closed");
        }
        out.writePOJO(entry);
    }

    /** Ends the entries and writes the views and the bundle's end. */
    public void finish(List<BundleView> views) {
        out.writeEndArray();
        entriesOpen = false;
        out.writePOJOProperty("views", views);
        out.writeEndObject();
        out.flush();
    }

    @Override
    public void close() {
        out.close();
    }
}
