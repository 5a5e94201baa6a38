package org.coalitionledger.audit.verifier;

import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.KeyChain;
import org.coalitionledger.audit.NoteVerifierKey;
import org.coalitionledger.audit.bundle.BundleEntry;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.coalitionledger.audit.bundle.BundleHeader;
import org.coalitionledger.audit.bundle.BundleLeaf;
import org.coalitionledger.audit.bundle.BundleView;
import org.coalitionledger.audit.verifier.TestLedger.TestBundle;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BundleVerifierTest {

    private final TestLedger ledger = TestLedger.firstYear();
    private final TestBundle honest = ledger.bundle();

    @Test
    void honestBundle_accepted_withAndWithoutAnEarlierCheckpoint() {
        BundleVerification.Report report = verify(honest, null);
        assertThat(report.problems()).isEmpty();
        assertThat(report.verdict()).startsWith("VERIFIED: 6 events in a log of 6 leaves with root ")
                .endsWith("key chain, signatures, leaves, order, tree and " + honest.views().size()
                        + " views all check out");
        // coalition, 2 x year-over-year, members at 3 distinct year ends, goals, restatements
        assertThat(honest.views()).hasSize(8);

        assertThat(verify(honest, ledger.checkpoint(2)).problems()).isEmpty();
        assertThat(verify(honest, ledger.checkpoint(6)).problems()).isEmpty();
    }

    @Test
    void bundleWithOneAlteredEvent_rejected_namingItsLeaf() {
        List<BundleEntry> entries = new ArrayList<>(honest.entries());
        BundleEntry batch = entries.get(3);
        String json = new String(Base64.getDecoder().decode(batch.event().payload()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"listingsRemoved\":1000000");
        entries.set(3, new BundleEntry(batch.leaf(), withPayload(batch.event(),
                json.replace("\"listingsRemoved\":1000000", "\"listingsRemoved\":2000000"))));

        BundleVerification.Report report = verify(honest.withEntries(entries), null);

        assertThat(report.verified()).isFalse();
        assertThat(report.problems().get(0)).startsWith("ALTERED: leaf 3 (event event-4, global index 4): "
                + "the stored event was altered; its row hashes to ");
    }

    @Test
    void bundleWithItsTailRemoved_rejected() {
        BundleVerification.Report report = verify(honest.withEntries(honest.entries().subList(0, 4)), null);

        assertThat(report.problems()).contains("tail removed: the bundle ends at checkpoint size 6 but lists leaves "
                + "only up to 4; leaves 4 to 5 are missing");
    }

    @Test
    void bundleCutBackToAnOlderCheckpoint_rejected_byTheCheckpointTheAuditorKept() {
        TestBundle cut = ledger.bundle(0, 3, List.of(ledger.checkpoint(3)));
        assertThat(verify(cut, null).problems()).isEmpty();

        BundleVerification.Report report = verify(cut, ledger.checkpoint(5));

        assertThat(report.problems()).containsExactly("inconsistent with the earlier checkpoint: it covers 5 leaves, "
                + "the bundle's signed log only 3; the log lost its tail since");
    }

    @Test
    void bundleWithAForgedSignature_rejected() {
        String note = honest.header().checkpoints().get(1);
        int signatureStart = note.lastIndexOf(' ') + 1;
        byte[] signature = Base64.getDecoder().decode(note.substring(signatureStart).strip());
        signature[10] ^= 1;
        String forged = note.substring(0, signatureStart) + Base64.getEncoder().encodeToString(signature) + "\n";

        BundleVerification.Report report = verify(honest.withCheckpoints(
                List.of(honest.header().checkpoints().get(0), forged)), null);

        assertThat(report.problems().get(0)).isEqualTo("checkpoint 1 of the bundle is not validly signed by the key "
                + "valid at its size: signature by " + TestLedger.ORIGIN + "+"
                + ledger.verifierKey.toText().split("\\+")[1]
                + " does not verify: the note text was altered or was not signed by this key");
        assertThat(report.problems()).contains("the bundle holds no valid signed checkpoint of its own size 6, so "
                + "nothing in it is signed");
    }

    @Test
    void bundleSignedByAnotherKeyUnderTheSameName_rejected() {
        var impostor = Ed25519Keys.generateKeyPair();
        String forged = new Checkpoint(TestLedger.ORIGIN, 6, ledger.tree.root(6)).sign(TestLedger.ORIGIN, impostor);

        BundleVerification.Report report = verify(honest.withCheckpoints(List.of(forged)), null);

        assertThat(report.problems().get(0)).startsWith("checkpoint 0 of the bundle is not validly signed by the key "
                + "valid at its size: note has no signature by " + TestLedger.ORIGIN + "+");
    }

    @Test
    void bundleInconsistentWithAnEarlierCheckpoint_rejected() {
        // The auditor kept a checkpoint of size 3 from a different history: leaf 2 differed then.
        var forkTree = new org.coalitionledger.audit.MerkleTree();
        forkTree.append(ledger.tree.leafHash(0));
        forkTree.append(ledger.tree.leafHash(1));
        forkTree.append(ledger.tree.leafHash(4));
        String earlier = new Checkpoint(TestLedger.ORIGIN, 3, forkTree.root()).sign(TestLedger.ORIGIN,
                ledger.keyPair);

        BundleVerification.Report report = verify(honest, earlier);

        assertThat(report.problems()).containsExactly("inconsistent with the earlier checkpoint of size 3 (root "
                + hex(forkTree.root()) + "): the bundle's log has root " + hex(ledger.tree.root(3))
                + " at that size, so history before it was rewritten");
    }

    @Test
    void bundleWithAPublishedFigureThatDoesNotFollow_rejected_namingTheField() {
        List<BundleView> views = new ArrayList<>(honest.views());
        int index = indexOf(views, "year-over-year");
        BundleView view = views.get(index);
        ObjectNode changed = (ObjectNode) view.value().deepCopy();
        ObjectNode figures = (ObjectNode) changed.get("rows").get(0).get("figures");
        assertThat(figures.get("listingsRemoved").asLong()).isEqualTo(1_000_001);
        figures.put("listingsRemoved", 1_000_000);
        views.set(index, new BundleView(view.coalitionId(), view.name(), view.basis(), view.asOf(), changed));

        BundleVerification.Report report = verify(honest.withViews(views), null);

        assertThat(report.problems()).containsExactly("view year-over-year of coalition cewto (COALITION_YEAR) does "
                + "not follow from the bundled events: at rows[0].figures.listingsRemoved: published 1000000, "
                + "recomputed 1000001");
    }

    @Test
    void bundleMissingAViewOrAddingOne_rejected() {
        List<BundleView> views = new ArrayList<>(honest.views());
        BundleView members = views.remove(indexOf(views, "members"));
        views.add(new BundleView("cewto", "members", null, LocalDate.of(2030, 1, 1), members.value()));

        assertThat(verify(honest.withViews(views), null).problems()).containsExactly(
                "the bundle publishes view members of coalition cewto as of 2030-01-01, which the bundled events do "
                        + "not give",
                "the bundle does not publish view members of coalition cewto as of " + members.asOf());
    }

    /** The insider's swap: two events trade global indexes in the event table and in the log table alike. */
    @Test
    void eventsSwappedInStoreAndLogTogether_rejected_becauseTheLeafBindsThePosition() {
        List<BundleEntry> entries = new ArrayList<>(honest.entries());
        BundleEntry batch = entries.get(3);
        BundleEntry correction = entries.get(4);
        entries.set(3, atGlobalIndex(batch, correction.event().globalIndex()));
        entries.set(4, atGlobalIndex(correction, batch.event().globalIndex()));

        BundleVerification.Report report = verify(honest.withEntries(entries), null);

        assertThat(report.problems()).hasSize(2);
        assertThat(report.problems().get(0)).startsWith(
                "ALTERED: leaf 3 (event event-4, global index 5): the stored event was altered; its row hashes to ");
        assertThat(report.problems().get(1)).startsWith(
                "ALTERED: leaf 4 (event event-5, global index 4): the stored event was altered; its row hashes to ");
    }

    @Test
    void eventLoggedLongAfterTheLogPassedItsPosition_named() {
        TestLedger late = TestLedger.firstYear();
        late.add("FigureRecord", "arrests-2", new ArrestRecordedEvent("cewto", "arrests-2", LocalDate.of(2019, 3, 1),
                        3, "CN", "police", "China", "inserted"), 3,
                TestLedger.LOGGED_FROM.plusSeconds(3600));
        TestBundle bundle = late.bundle(0, 7, List.of(late.checkpoint(7)));

        assertThat(verify(bundle, null, late).problems()).containsExactly("OUT_OF_ORDER: leaf 6 (event event-7, "
                + "global index 3): entered the log at 2026-01-01T01:00:00.000000Z, more than 60 s after the log had "
                + "passed its global index 3 (it had logged global index 6): an event inserted behind the log's "
                + "position, or a commit that took that long");
    }

    @Test
    void logTimeGoingBack_named() {
        TestLedger back = TestLedger.firstYear();
        back.add("FigureRecord", "arrests-2", new ArrestRecordedEvent("cewto", "arrests-2", LocalDate.of(2019, 3, 1),
                3, "CN", "police", "China", "back-dated"), 7, TestLedger.LOGGED_FROM);

        assertThat(verify(back.bundle(0, 7, List.of(back.checkpoint(7))), null, back).problems()).singleElement()
                .asString().startsWith("OUT_OF_ORDER: leaf 6 (event event-7, global index 7): logged at "
                        + "2026-01-01T00:00:00.000000Z, before the leaf ahead of it");
    }

    @Test
    void keyRotatedTwice_everyCheckpointVerifies_fromTheFirstKeyAlone() {
        TestLedger rotating = TestLedger.firstYear();
        String first = rotating.checkpoint(2);
        rotating.rotate(3);
        String second = rotating.checkpoint(4);
        rotating.rotate(5);
        String third = rotating.checkpoint(6);

        TestBundle bundle = rotating.bundle(0, 6, List.of(first, second, third));
        assertThat(bundle.header().keyChain()).hasSize(3);
        BundleVerification.Report report = BundleVerification.verify(new ByteArrayInputStream(bundle.bytes()),
                rotating.verifierKey, first, line -> { });
        assertThat(report.problems()).isEmpty();

        // The first key may not sign past its range once it has introduced a successor.
        String byOldKey = new Checkpoint(TestLedger.ORIGIN, 6, rotating.tree.root(6))
                .sign(TestLedger.ORIGIN, ledger.keyPair);
        assertThat(BundleVerification.verify(new ByteArrayInputStream(ledger.bundle(0, 6, List.of(byOldKey))
                .withHeader(withChain(ledger.bundle().header(), bundle.header().keyChain())).bytes()),
                ledger.verifierKey, null, line -> { }).problems())
                .anySatisfy(p -> assertThat(p).startsWith("key chain: the chain starts with key"));
    }

    @Test
    void keyIntroducedByAnImpostor_rejected() {
        TestLedger rotating = TestLedger.firstYear();
        rotating.rotate(3);
        List<KeyChain.Link> links = new ArrayList<>(rotating.chain.links());
        var impostor = Ed25519Keys.generateKeyPair();
        NoteVerifierKey impostorKey = NoteVerifierKey.of(TestLedger.ORIGIN, impostor.getPublic());
        links.set(1, new KeyChain.Link(impostorKey.toText(), 3, org.coalitionledger.audit.SignedNote.sign(
                KeyChain.introductionText(TestLedger.ORIGIN, impostorKey, 3), TestLedger.ORIGIN, impostor)));
        TestBundle bundle = rotating.bundle(0, 6, List.of(rotating.checkpoint(6)));

        BundleVerification.Report report = verify(bundle.withHeader(withChain(bundle.header(), links)), null,
                rotating);

        assertThat(report.problems().get(0)).startsWith("key chain: key 1 of the chain is not introduced by key 0");
    }

    @Test
    void incrementalBundle_fromAnEarlierCheckpoint_verifies_andATamperedFrontierIsNamed() {
        TestBundle increment = ledger.bundle(3, 6, List.of(ledger.checkpoint(3), ledger.checkpoint(6)));
        BundleVerification.Report report = verify(increment, ledger.checkpoint(3));
        assertThat(report.problems()).isEmpty();
        assertThat(report.events()).isEqualTo(3);

        BundleHeader header = increment.header();
        List<String> frontier = new ArrayList<>(header.frontier());
        frontier.set(0, hex(ledger.tree.leafHash(5)));
        BundleHeader tampered = new BundleHeader(header.format(), header.origin(), header.keyChain(),
                header.fromTreeSize(), header.treeSize(), header.checkpoints(), frontier, header.consistencyProof());
        assertThat(verify(increment.withHeader(tampered), null).problems())
                .anySatisfy(p -> assertThat(p).startsWith("the frontier at size 3 gives root "));
    }

    @Test
    void bundleWithFieldsOutOfOrder_refusedAsNotTheFormat() {
        String json = new String(honest.bytes(), StandardCharsets.UTF_8).replaceFirst("\"origin\"", "\"origin2\"");
        BundleVerification.Report report = BundleVerification.verify(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ledger.verifierKey, null, l -> { });
        assertThat(report.problems()).containsExactly("expected the field 'origin' next, found 'origin2'");
    }

    private BundleVerification.Report verify(TestBundle bundle, String earlier) {
        return verify(bundle, earlier, ledger);
    }

    private static BundleVerification.Report verify(TestBundle bundle, String earlier, TestLedger of) {
        return BundleVerification.verify(new ByteArrayInputStream(bundle.bytes()), of.verifierKey, earlier,
                line -> { });
    }

    private static BundleHeader withChain(BundleHeader h, List<KeyChain.Link> chain) {
        return new BundleHeader(h.format(), h.origin(), chain, h.fromTreeSize(), h.treeSize(), h.checkpoints(),
                h.frontier(), h.consistencyProof());
    }

    private static int indexOf(List<BundleView> views, String name) {
        for (int i = 0; i < views.size(); i++) {
            if (views.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no view " + name);
    }

    private static BundleEvent withPayload(BundleEvent e, String json) {
        return new BundleEvent(e.globalIndex(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequenceNumber(),
                e.payloadType(), e.payloadRevision(), e.timestamp(),
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), e.metadata());
    }

    private static BundleEntry atGlobalIndex(BundleEntry entry, long globalIndex) {
        BundleEvent e = entry.event();
        BundleLeaf l = entry.leaf();
        return new BundleEntry(new BundleLeaf(l.leafIndex(), globalIndex, l.eventId(), l.version(), l.loggedAt(),
                l.leafHash()), new BundleEvent(globalIndex, e.eventId(), e.aggregateType(), e.aggregateId(),
                e.sequenceNumber(), e.payloadType(), e.payloadRevision(), e.timestamp(), e.payload(), e.metadata()));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
