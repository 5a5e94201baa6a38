package org.coalitionledger.audit.verifier;

import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.CompactRange;
import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.LogTime;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.BundleEntry;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.coalitionledger.audit.bundle.BundleHeader;
import org.coalitionledger.audit.bundle.BundleLeaf;
import org.coalitionledger.audit.bundle.BundleWriter;
import org.coalitionledger.audit.bundle.LedgerViews;
import org.coalitionledger.audit.bundle.StoredFormat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes the whole-log bundle of a one-coalition ledger of N events in one streaming pass, as the server does (leaf
 * by leaf, views folded on the way): run in a JVM of bounded heap by the verifier module's LargeBundleIT. Arguments: the bundle
 * file, the file to write the first verifier key to, and N. The events and checkpoint are made here, never read.
 */
public final class LargeBundle {

    private static final String ORIGIN = "coalition-ledger.test/large";

    private LargeBundle() {
    }

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        Path keyFile = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        Jackson3Serializer serializer = Jackson3Serializer.builder()
                .jsonMapperBuilderCustomizer(StoredFormat::configure).build();
        var keyPair = Ed25519Keys.generateKeyPair();
        NoteVerifierKey key = NoteVerifierKey.of(ORIGIN, keyPair.getPublic());
        Files.writeString(keyFile, key.toText() + "\n");

        // First pass: the root, so the checkpoint can head the bundle (the server has it signed already).
        CompactRange range = new CompactRange();
        for (int i = 0; i < count; i++) {
            range.append(leaf(i, event(i, serializer)).leafHash());
        }
        String checkpoint = new Checkpoint(ORIGIN, count, range.root()).sign(ORIGIN, keyPair);
        BundleHeader header = new BundleHeader(BundleHeader.FORMAT, ORIGIN, KeyChain.of(key).links(), 0, count,
                List.of(checkpoint), List.of(), List.of());
        LedgerViews views = new LedgerViews();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(bundle));
             BundleWriter writer = new BundleWriter(out, header)) {
            for (int i = 0; i < count; i++) {
                StoredEvent event = event(i, serializer);
                writer.entry(new BundleEntry(BundleLeaf.of(leaf(i, event)), BundleEvent.of(event)));
                views.add(event);
            }
            writer.finish(views.views());
        }
    }

    private static LogLeaf leaf(int i, StoredEvent event) {
        return LogLeaf.of(i, event, LogTime.format(Instant.parse("2026-01-01T00:00:00Z").plusMillis(i)));
    }

    private static StoredEvent event(int i, Jackson3Serializer serializer) {
        Object payload = i == 0
                ? new CoalitionFoundedEvent("big", "A big coalition", LocalDate.of(2000, 1, 1), List.of("WWF"))
                : new TakedownBatchRecordedEvent("big", "batch-" + i, new TakedownBatchRecordedEvent.ReportedBy(ReporterType.NGO, null, "WWF"),
                        LocalDate.of(2000, 1, 1).plusDays(i % 9000), LocalDate.of(2000, 1, 1).plusDays(i % 9000),
                        i, 2L * i, 3, List.of("ivory"), "scope", "source");
        var serialized = serializer.serialize(payload, byte[].class);
        return new StoredEvent(i + 1, "event-" + i, i == 0 ? "Coalition" : "FigureRecord",
                i == 0 ? "big" : "record:batch-" + i, 0, serialized.getType().getName(),
                serialized.getType().getRevision(), Instant.parse("2026-01-01T00:00:00Z").plusMillis(i).toString(),
                serialized.getData(), "{\"actor\":\"bulk\"}".getBytes(StandardCharsets.UTF_8));
    }
}
