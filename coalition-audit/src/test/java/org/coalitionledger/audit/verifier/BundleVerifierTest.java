package org.coalitionledger.audit.verifier;

import org.coalitionledger.audit.Checkpoint;
import org.coalitionledger.audit.Ed25519Keys;
import org.coalitionledger.audit.bundle.AuditBundle;
import org.coalitionledger.audit.bundle.AuditJson;
import org.coalitionledger.audit.bundle.BundleEvent;
import org.coalitionledger.audit.bundle.BundleView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BundleVerifierTest {

    private final TestLedger ledger = TestLedger.firstYear();
    private final AuditBundle honest = ledger.bundle();

    @TempDir
    Path dir;

    @Test
    void honestBundle_accepted_withAndWithoutAnEarlierCheckpoint() {
        BundleVerification.Report report = verify(honest, null);
        assertThat(report.problems()).isEmpty();
        assertThat(report.verdict()).startsWith("VERIFIED: 6 events in a log of 6 leaves with root ")
                .endsWith("2 year-over-year views all check out");

        assertThat(verify(honest, ledger.checkpoint(2)).problems()).isEmpty();
        assertThat(verify(honest, ledger.checkpoint(6)).problems()).isEmpty();
    }

    @Test
    void bundleWithOneAlteredEvent_rejected_namingItsLeaf() {
        List<BundleEvent> events = new ArrayList<>(honest.events());
        BundleEvent batch = events.get(3);
        String json = new String(Base64.getDecoder().decode(batch.payload()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"listingsRemoved\":1000000");
        events.set(3, withPayload(batch, json.replace("\"listingsRemoved\":1000000", "\"listingsRemoved\":2000000")));

        BundleVerification.Report report = verify(withEvents(honest, events), null);

        assertThat(report.verified()).isFalse();
        assertThat(report.problems().get(0)).startsWith("ALTERED: leaf 3 (event event-4, global index 4): "
                + "the stored event was altered; its row hashes to ");
        assertThat(report.verdict()).startsWith("FAILED: 1 problem; first: ALTERED: leaf 3 (event event-4");
    }

    @Test
    void bundleWithItsTailRemoved_rejected() {
        AuditBundle truncated = new AuditBundle(honest.format(), honest.origin(), honest.verifierKey(), 4,
                honest.checkpoints(), honest.leaves().subList(0, 4), honest.events().subList(0, 4), honest.views(),
                honest.viewsSource());

        BundleVerification.Report report = verify(truncated, null);

        assertThat(report.problems()).contains("tail removed: the latest signed checkpoint covers 6 leaves but the "
                + "bundle lists only 4; leaves 4 to 5 are missing");
    }

    @Test
    void bundleCutBackToAnOlderCheckpoint_rejected_byTheCheckpointTheAuditorKept() {
        // The tail and the newer checkpoint are both dropped: consistent on its own, but not with what the
        // auditor saw before. The views are left out so that only the log speaks.
        AuditBundle cut = new AuditBundle(honest.format(), honest.origin(), honest.verifierKey(), 3,
                List.of(honest.checkpoints().get(0)), honest.leaves().subList(0, 3), honest.events().subList(0, 3),
                List.of(), honest.viewsSource());

        BundleVerification.Report report = verify(cut, ledger.checkpoint(5));

        assertThat(report.problems()).contains("inconsistent with the earlier checkpoint: it covers 5 leaves, the "
                + "bundle's signed log only 3; the log lost its tail since");
    }

    @Test
    void bundleWithAForgedSignature_rejected() {
        String note = honest.checkpoints().get(1);
        int signatureStart = note.lastIndexOf(' ') + 1;
        byte[] signature = Base64.getDecoder().decode(note.substring(signatureStart).strip());
        signature[10] ^= 1;
        String forged = note.substring(0, signatureStart) + Base64.getEncoder().encodeToString(signature) + "\n";

        BundleVerification.Report report = verify(withCheckpoints(honest, List.of(honest.checkpoints().get(0), forged)),
                null);

        assertThat(report.problems().get(0)).isEqualTo("checkpoint 1 of the bundle is not validly signed: signature "
                + "by " + TestLedger.ORIGIN + "+" + ledger.verifierKey.toText().split("\\+")[1]
                + " does not verify: the note text was altered or was not signed by this key");
        // Without the newest signature, the bundled leaves beyond size 3 are unsigned.
        assertThat(report.problems()).contains("leaves 3 to 5 are not covered by any signed checkpoint");
    }

    @Test
    void bundleSignedByAnotherKeyUnderTheSameName_rejected() {
        var impostor = Ed25519Keys.generateKeyPair();
        String forged = new Checkpoint(TestLedger.ORIGIN, 6, ledger.tree.root(6)).sign(TestLedger.ORIGIN, impostor);

        BundleVerification.Report report = verify(withCheckpoints(honest, List.of(forged)), null);

        assertThat(report.problems().get(0)).startsWith("checkpoint 0 of the bundle is not validly signed: note has "
                + "no signature by " + TestLedger.ORIGIN + "+");
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

        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0)).startsWith("inconsistent with the earlier checkpoint of size 3 (root "
                + hex(forkTree.root()) + "): the bundle's log has root " + hex(ledger.tree.root(3))
                + " at that size, so history before it was rewritten");
    }

    @Test
    void bundleWithAPublishedFigureThatDoesNotFollow_rejected_namingTheField() {
        List<BundleView> views = new ArrayList<>(honest.views());
        BundleView view = views.get(0);
        ObjectNode changed = (ObjectNode) view.view().deepCopy();
        ObjectNode figures = (ObjectNode) changed.get("rows").get(0).get("figures");
        assertThat(figures.get("listingsRemoved").asLong()).isEqualTo(1_000_001);
        figures.put("listingsRemoved", 1_000_000);
        views.set(0, new BundleView(view.coalitionId(), view.basis(), view.recordedAt(), changed));

        BundleVerification.Report report = verify(new AuditBundle(honest.format(), honest.origin(),
                honest.verifierKey(), honest.treeSize(), honest.checkpoints(), honest.leaves(), honest.events(), views,
                honest.viewsSource()), null);

        assertThat(report.problems()).containsExactly("view cewto COALITION_YEAR does not follow from the bundled "
                + "events: at rows[0].figures.listingsRemoved: published 1000000, recomputed 1000001");
    }

    @Test
    void bundleWithSwappedEvents_rejected_asReordered() {
        List<BundleEvent> events = new ArrayList<>(honest.events());
        BundleEvent a = events.get(1);
        BundleEvent b = events.get(2);
        events.set(1, moved(b, a.globalIndex()));
        events.set(2, moved(a, b.globalIndex()));

        BundleVerification.Report report = verify(withEvents(honest, events), null);

        assertThat(report.problems()).startsWith(
                "REORDERED: leaf 1 (event event-2, global index 2): the event was moved; global index 2 now holds "
                        + "event event-3, and the event is now at global index 3 (content intact)",
                "REORDERED: leaf 2 (event event-3, global index 3): the event was moved; global index 3 now holds "
                        + "event event-2, and the event is now at global index 2 (content intact)");
    }

    @Test
    void commandLine_exitsZero_onAnHonestBundle_andOne_onATamperedOne() throws Exception {
        Path bundleFile = dir.resolve("bundle.json");
        Path keyFile = dir.resolve("vkey");
        Path earlierFile = dir.resolve("earlier.txt");
        AuditJson.mapper().writeValue(bundleFile.toFile(), honest);
        Files.writeString(keyFile, ledger.verifierKey.toText() + "\n");
        Files.writeString(earlierFile, ledger.checkpoint(4));

        Run ok = run(bundleFile.toString(), "--key", keyFile.toString(), "--checkpoint", earlierFile.toString());
        assertThat(ok.status).as(ok.err).isZero();
        assertThat(ok.out.lines()).singleElement().asString().startsWith("VERIFIED: 6 events");
        assertThat(ok.err).contains("latest signed checkpoint: size 6").contains("earlier checkpoint: size 4");

        Run keyAsText = run(bundleFile.toString(), "--key", ledger.verifierKey.toText());
        assertThat(keyAsText.status).as(keyAsText.err).isZero();

        AuditJson.mapper().writeValue(bundleFile.toFile(), withCheckpoints(honest, List.of(honest.checkpoints().get(0))));
        Run failed = run(bundleFile.toString(), "--key", keyFile.toString());
        assertThat(failed.status).isEqualTo(1);
        assertThat(failed.out.lines()).singleElement().asString()
                .startsWith("FAILED: 1 problem; first: leaves 3 to 5 are not covered by any signed checkpoint");
        assertThat(failed.err).contains("problem: leaves 3 to 5 are not covered");
    }

    @Test
    void commandLine_exitsTwo_whenTheKeyIsMissingOrTheBundleUnreadable() throws Exception {
        Run noKey = run("bundle.json");
        assertThat(noKey.status).isEqualTo(2);
        assertThat(noKey.out).startsWith("FAILED: cannot verify: no --key given");
        assertThat(noKey.err).contains(BundleVerifier.USAGE);

        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"format\":");
        Run unreadable = run(garbage.toString(), "--key", ledger.verifierKey.toText());
        assertThat(unreadable.status).isEqualTo(2);
        assertThat(unreadable.out).startsWith("FAILED: cannot verify: ");
    }

    private BundleVerification.Report verify(AuditBundle bundle, String earlier) {
        return BundleVerification.verify(bundle, ledger.verifierKey, earlier, line -> { });
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BundleVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static AuditBundle withEvents(AuditBundle b, List<BundleEvent> events) {
        return new AuditBundle(b.format(), b.origin(), b.verifierKey(), b.treeSize(), b.checkpoints(), b.leaves(),
                events, b.views(), b.viewsSource());
    }

    private static AuditBundle withCheckpoints(AuditBundle b, List<String> checkpoints) {
        return new AuditBundle(b.format(), b.origin(), b.verifierKey(), b.treeSize(), checkpoints, b.leaves(),
                b.events(), b.views(), b.viewsSource());
    }

    private static BundleEvent withPayload(BundleEvent e, String json) {
        return new BundleEvent(e.globalIndex(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequenceNumber(),
                e.payloadType(), e.payloadRevision(), e.timestamp(),
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), e.metadata());
    }

    private static BundleEvent moved(BundleEvent e, long globalIndex) {
        return new BundleEvent(globalIndex, e.eventId(), e.aggregateType(), e.aggregateId(), e.sequenceNumber(),
                e.payloadType(), e.payloadRevision(), e.timestamp(), e.payload(), e.metadata());
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
