package org.coalitionledger.audit.verifier;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.LeafEncoding;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.MerkleTree;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.LogTime;
import org.coalitionledger.audit.bundle.BundleEntry;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.coalitionledger.audit.bundle.BundleHeader;
import org.coalitionledger.audit.bundle.BundleLeaf;
import org.coalitionledger.audit.bundle.BundleView;
import org.coalitionledger.audit.bundle.BundleWriter;
import org.coalitionledger.audit.bundle.LedgerViews;
import org.coalitionledger.audit.bundle.StoredFormat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A small ledger built the way the application stores it (Axon's jackson3 serializer in the stored format), its
 * log (the first two leaves in the v1 encoding, as a ledger from before v2 has them, the rest v2), checkpoints
 * signed with a fresh key (rotatable), and the honest bundle of it. Tests tamper with copies. Public for the
 * command-line verifier's tests (coalition-verifier, through this module's test jar).
 */
public final class TestLedger {

    public static final String ORIGIN = "coalition-ledger.test/audit-log";
    static final Instant LOGGED_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Jackson3Serializer SERIALIZER = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(StoredFormat::configure).build();

    KeyPair keyPair = Ed25519Keys.generateKeyPair();
    public final NoteVerifierKey verifierKey = NoteVerifierKey.of(ORIGIN, keyPair.getPublic());
    KeyChain chain = KeyChain.of(verifierKey);
    final List<StoredEvent> events = new ArrayList<>();
    final List<LogLeaf> leaves = new ArrayList<>();
    final MerkleTree tree = new MerkleTree();

    /** The first-year story in miniature: founding, two members, a batch, its correction, an arrest. */
    public static TestLedger firstYear() {
        TestLedger ledger = new TestLedger();
        LocalDate founded = LocalDate.of(2018, 3, 7);
        ledger.add("Coalition", "cewto", new CoalitionFoundedEvent("cewto", "Coalition to End Wildlife Trafficking "
                + "Online", founded, List.of("WWF", "TRAFFIC", "IFAW")));
        ledger.add("Coalition", "cewto", new MemberJoinedEvent("cewto", "alibaba", true, true, "Alibaba", "CN",
                "Asia", "e-commerce", founded, null));
        ledger.add("Coalition", "cewto", new MemberJoinedEvent("cewto", "kupatana", false, true, "Kupatana", "TZ",
                "Africa", "classifieds", LocalDate.of(2019, 3, 6), null));
        ledger.add("FigureRecord", "batch-1", new TakedownBatchRecordedEvent("cewto", "batch-1", new TakedownBatchRecordedEvent.ReportedBy(ReporterType.MEMBER,
                "alibaba", null), LocalDate.of(2018, 3, 7), LocalDate.of(2019, 3, 6), 1_000_000, 10_000_000, 350_000,
                List.of("ivory"), "China-based members", "anniversary report"));
        ledger.add("FigureRecord", "batch-1", new TakedownBatchCorrectedEvent("cewto", "batch-1", 1_000_001,
                10_000_000, 350_000, "late count"));
        ledger.add("FigureRecord", "arrests-1", new ArrestRecordedEvent("cewto", "arrests-1",
                LocalDate.of(2019, 3, 6), 129, "CN", "police", "China", "anniversary report"));
        return ledger;
    }

    void add(String aggregateType, String aggregateId, Object payload) {
        long globalIndex = events.size() + 1;
        add(aggregateType, aggregateId, payload, globalIndex, LOGGED_FROM.plusSeconds(globalIndex).plusMillis(1));
    }

    /** Logs an event at a position and log time of the test's choosing (v2 leaf). */
    void add(String aggregateType, String aggregateId, Object payload, long globalIndex, Instant loggedAt) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(payload, byte[].class);
        long sequence = events.stream().filter(e -> e.aggregateId().equals(aggregateId)).count();
        StoredEvent event = new StoredEvent(globalIndex, "event-" + (events.size() + 1), aggregateType, aggregateId,
                sequence, serialized.getType().getName(), serialized.getType().getRevision(),
                LOGGED_FROM.plusSeconds(globalIndex).toString(), serialized.getData(),
                ("{\"actor\":\"admin-" + globalIndex + "\",\"actorRole\":\"ADMIN\"}").getBytes(StandardCharsets.UTF_8));
        events.add(event);
        int leafIndex = leaves.size();
        LogLeaf leaf = leafIndex < 2
                ? new LogLeaf(leafIndex, globalIndex, event.eventId(), LeafEncoding.leafHash(event))
                : LogLeaf.of(leafIndex, event, LogTime.format(loggedAt));
        leaves.add(leaf);
        tree.append(leaf.leafHash());
    }

    /** A checkpoint of {@code size}, signed by the key the chain holds valid at that size. */
    public String checkpoint(long size) {
        return new Checkpoint(ORIGIN, size, tree.root(size)).sign(ORIGIN, keyPair);
    }

    /** Rotates to a fresh key, valid from tree size {@code validFrom}; later checkpoints are signed with it. */
    void rotate(long validFrom) {
        KeyPair next = Ed25519Keys.generateKeyPair();
        chain = chain.rotate(ORIGIN, keyPair, NoteVerifierKey.of(ORIGIN, next.getPublic()), validFrom);
        keyPair = next;
    }

    /** The bundle the server would publish of leaves {@code [from, to)}, with the given checkpoints. */
    TestBundle bundle(long from, long to, List<String> checkpoints) {
        LedgerViews views = new LedgerViews();
        List<BundleEntry> entries = new ArrayList<>();
        for (int i = 0; i < to; i++) {
            if (from == 0) {
                views.add(events.get(i));
            }
            if (i >= from) {
                entries.add(new BundleEntry(BundleLeaf.of(leaves.get(i)), BundleEvent.of(events.get(i))));
            }
        }
        List<String> frontier = tree.frontier(from).stream().map(HexFormat.of()::formatHex).toList();
        List<String> proof = from == 0 || from == to ? List.of()
                : tree.consistencyProof(from, to).stream().map(HexFormat.of()::formatHex).toList();
        BundleHeader header = new BundleHeader(BundleHeader.FORMAT, ORIGIN, chain.links(), from, to, checkpoints,
                frontier, proof);
        return new TestBundle(header, entries, from == 0 ? views.views() : List.of());
    }

    /** The whole log's bundle: an early checkpoint and the latest one, every view. */
    public TestBundle bundle() {
        return bundle(0, events.size(), List.of(checkpoint(3), checkpoint(events.size())));
    }

    /** A bundle as data, to tamper with; {@link #bytes()} writes it as the server would. */
    public record TestBundle(BundleHeader header, List<BundleEntry> entries, List<BundleView> views) {
        public byte[] bytes() {
            var out = new ByteArrayOutputStream();
            try (var writer = new BundleWriter(out, header)) {
                entries.forEach(writer::entry);
                writer.finish(views);
            }
            return out.toByteArray();
        }

        TestBundle withEntries(List<BundleEntry> changed) {
            return new TestBundle(header, changed, views);
        }

        TestBundle withViews(List<BundleView> changed) {
            return new TestBundle(header, entries, changed);
        }

        TestBundle withHeader(BundleHeader changed) {
            return new TestBundle(changed, entries, views);
        }

        TestBundle withCheckpoints(List<String> checkpoints) {
            return withHeader(new BundleHeader(header.format(), header.origin(), header.keyChain(),
                    header.fromTreeSize(), header.treeSize(), checkpoints, header.frontier(),
                    header.consistencyProof()));
        }
    }
}
