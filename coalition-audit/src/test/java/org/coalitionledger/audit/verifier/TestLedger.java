package org.coalitionledger.audit.verifier;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.api.view.YearBasis;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.LeafEncoding;
import org.coalitionledger.audit.LogLeaf;
import org.coalitionledger.audit.MerkleTree;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.AuditBundle;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.coalitionledger.audit.bundle.BundleLeaf;
import org.coalitionledger.audit.bundle.BundleView;
import org.coalitionledger.audit.bundle.LedgerViews;
import org.coalitionledger.audit.bundle.StoredFormat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A small ledger built the way the application stores it (Axon's jackson3 serializer in the stored format), its
 * log, checkpoints signed with a fresh key, and the honest bundle of it. Tests tamper with copies.
 */
final class TestLedger {

    static final String ORIGIN = "coalition-ledger.test/audit-log";
    private static final Jackson3Serializer SERIALIZER = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(StoredFormat::configure).build();

    final KeyPair keyPair = Ed25519Keys.generateKeyPair();
    final NoteVerifierKey verifierKey = NoteVerifierKey.of(ORIGIN, keyPair.getPublic());
    final List<StoredEvent> events = new ArrayList<>();
    final MerkleTree tree = new MerkleTree();

    /** The first-year story in miniature: founding, two members, a batch, its correction, an arrest. */
    static TestLedger firstYear() {
        TestLedger ledger = new TestLedger();
        LocalDate founded = LocalDate.of(2018, 3, 7);
        ledger.add("Coalition", "cewto", new CoalitionFoundedEvent("cewto", "Coalition to End Wildlife Trafficking "
                + "Online", founded, List.of("WWF", "TRAFFIC", "IFAW")));
        ledger.add("Coalition", "cewto", new MemberJoinedEvent("cewto", "alibaba", true, true, "Alibaba", "CN",
                "Asia", "e-commerce", founded, null));
        ledger.add("Coalition", "cewto", new MemberJoinedEvent("cewto", "kupatana", false, true, "Kupatana", "TZ",
                "Africa", "classifieds", LocalDate.of(2019, 3, 6), null));
        ledger.add("FigureRecord", "batch-1", new TakedownBatchRecordedEvent("cewto", "batch-1", ReporterType.MEMBER,
                "alibaba", null, LocalDate.of(2018, 3, 7), LocalDate.of(2019, 3, 6), 1_000_000, 10_000_000, 350_000,
                List.of("ivory"), "China-based members", "anniversary report"));
        ledger.add("FigureRecord", "batch-1", new TakedownBatchCorrectedEvent("cewto", "batch-1", 1_000_001,
                10_000_000, 350_000, "late count"));
        ledger.add("FigureRecord", "arrests-1", new ArrestRecordedEvent("cewto", "arrests-1",
                LocalDate.of(2019, 3, 6), 129, "CN", "police", "China", "anniversary report"));
        return ledger;
    }

    void add(String aggregateType, String aggregateId, Object payload) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(payload, byte[].class);
        long globalIndex = events.size() + 1;
        long sequence = events.stream().filter(e -> e.aggregateId().equals(aggregateId)).count();
        StoredEvent event = new StoredEvent(globalIndex, "event-" + globalIndex, aggregateType, aggregateId,
                sequence, serialized.getType().getName(), serialized.getType().getRevision(),
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(globalIndex).toString(), serialized.getData(),
                ("{\"actor\":\"admin-" + globalIndex + "\",\"actorRole\":\"ADMIN\"}").getBytes(StandardCharsets.UTF_8));
        events.add(event);
        tree.append(LeafEncoding.leafHash(event));
    }

    String checkpoint(long size) {
        return new Checkpoint(ORIGIN, size, tree.root(size)).sign(ORIGIN, keyPair);
    }

    List<LogLeaf> leaves() {
        List<LogLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            leaves.add(new LogLeaf(i, events.get(i).globalIndex(), events.get(i).eventId(), tree.leafHash(i)));
        }
        return leaves;
    }

    /** The bundle the server would publish: an early checkpoint and the latest one, all views from the fold. */
    AuditBundle bundle() {
        LedgerViews views = new LedgerViews(events);
        List<BundleView> published = new ArrayList<>();
        for (String coalition : views.coalitionIds()) {
            for (YearBasis basis : YearBasis.values()) {
                published.add(new BundleView(coalition, basis, null,
                        AuditJson.mapper().valueToTree(views.yearOverYear(coalition, basis, null))));
            }
        }
        return new AuditBundle(AuditBundle.FORMAT, ORIGIN, verifierKey.toText(), events.size(),
                List.of(checkpoint(3), checkpoint(events.size())),
                leaves().stream().map(BundleLeaf::of).toList(), events.stream().map(BundleEvent::of).toList(),
                published, "fold");
    }
}
