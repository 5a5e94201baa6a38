package org.coalitionledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.audit.ReferenceVectors.ROOTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coalitionledger.audit.ReferenceVectors.ConsistencyVector;
import org.coalitionledger.audit.ReferenceVectors.InclusionVector;
import org.junit.jupiter.api.Test;

class ProofVerifierTest {

    private static final List<byte[]> LEAVES = ReferenceVectors.referenceLeafHashes();
    private static final byte[] EMPTY_ROOT = ROOTS.get(0);
    private static final byte[] SOME_HASH = ReferenceVectors.hexList(
            "abacaba000000000000000000000000000000000000000000060061e00123456").get(0);

    @Test
    void inclusionProof_verifies_forEveryReferenceVector() {
        for (InclusionVector v : allInclusionVectors()) {
            VerificationResult result = ProofVerifier.verifyInclusion(LEAVES.get((int) v.leafIndex()),
                    v.leafIndex(), v.treeSize(), v.proof(), ROOTS.get((int) v.treeSize()));
            assertThat(result.valid()).as("%s: %s", v, result.reason()).isTrue();
            assertThat(result.reason()).isEqualTo("verified");
        }
    }

    @Test
    void inclusionProof_fails_whenAnyPartOfAReferenceVectorIsCorrupted() {
        for (InclusionVector v : allInclusionVectors()) {
            long index = v.leafIndex();
            long size = v.treeSize();
            byte[] leaf = LEAVES.get((int) index);
            byte[] root = ROOTS.get((int) size);
            List<byte[]> proof = v.proof();
            Map<String, VerificationResult> probes = new java.util.LinkedHashMap<>();
            probes.put("index - 1", ProofVerifier.verifyInclusion(leaf, index - 1, size, proof, root));
            probes.put("index + 1", ProofVerifier.verifyInclusion(leaf, index + 1, size, proof, root));
            probes.put("index ^ 2", ProofVerifier.verifyInclusion(leaf, index ^ 2, size, proof, root));
            probes.put("size * 2", ProofVerifier.verifyInclusion(leaf, index, size * 2, proof, root));
            probes.put("size / 2", ProofVerifier.verifyInclusion(leaf, index, size / 2, proof, root));
            probes.put("wrong leaf", ProofVerifier.verifyInclusion(SOME_HASH, index, size, proof, root));
            probes.put("empty root", ProofVerifier.verifyInclusion(leaf, index, size, proof, EMPTY_ROOT));
            probes.put("other root", ProofVerifier.verifyInclusion(leaf, index, size, proof, SOME_HASH));
            probes.put("trailing root", ProofVerifier.verifyInclusion(leaf, index, size, with(proof, root), root));
            probes.put("preceding root", ProofVerifier.verifyInclusion(leaf, index, size, with(root, proof), root));
            probes.put("short leaf hash", ProofVerifier.verifyInclusion(new byte[31], index, size, proof, root));
            for (int i = 0; i < proof.size(); i++) {
                probes.put("flipped bit in proof[" + i + "]",
                        ProofVerifier.verifyInclusion(leaf, index, size, flipped(proof, i, 3), root));
            }
            if (!proof.isEmpty()) {
                probes.put("removed last", ProofVerifier.verifyInclusion(leaf, index, size,
                        proof.subList(0, proof.size() - 1), root));
            }
            probes.forEach((what, result) -> {
                assertThat(result.valid()).as("%s with %s", v, what).isFalse();
                assertThat(result.reason()).as("%s with %s", v, what).isNotBlank().isNotEqualTo("verified");
            });
        }
    }

    @Test
    void consistencyProof_verifies_forEveryReferenceVector() {
        for (ConsistencyVector v : allConsistencyVectors()) {
            VerificationResult result = ProofVerifier.verifyConsistency(v.first(), v.second(),
                    ROOTS.get((int) v.first()), ROOTS.get((int) v.second()), v.proof());
            assertThat(result.valid()).as("%s: %s", v, result.reason()).isTrue();
        }
    }

    @Test
    void consistencyProof_fails_whenAnyPartOfAReferenceVectorIsCorrupted() {
        for (ConsistencyVector v : allConsistencyVectors()) {
            if (v.proof().isEmpty()) {
                continue;
            }
            long first = v.first();
            long second = v.second();
            byte[] firstRoot = ROOTS.get((int) first);
            byte[] secondRoot = ROOTS.get((int) second);
            List<byte[]> proof = v.proof();
            Map<String, VerificationResult> probes = new java.util.LinkedHashMap<>();
            probes.put("first - 1", ProofVerifier.verifyConsistency(first - 1, second, firstRoot, secondRoot, proof));
            probes.put("first + 1", ProofVerifier.verifyConsistency(first + 1, second, firstRoot, secondRoot, proof));
            probes.put("first ^ 2", ProofVerifier.verifyConsistency(first ^ 2, second, firstRoot, secondRoot, proof));
            probes.put("second * 2", ProofVerifier.verifyConsistency(first, second * 2, firstRoot, secondRoot, proof));
            probes.put("second / 2", ProofVerifier.verifyConsistency(first, second / 2, firstRoot, secondRoot, proof));
            probes.put("wrong first root", ProofVerifier.verifyConsistency(first, second, SOME_HASH, secondRoot, proof));
            probes.put("wrong second root", ProofVerifier.verifyConsistency(first, second, firstRoot, SOME_HASH, proof));
            probes.put("swapped roots", ProofVerifier.verifyConsistency(first, second, secondRoot, firstRoot, proof));
            probes.put("empty proof", ProofVerifier.verifyConsistency(first, second, firstRoot, secondRoot, List.of()));
            probes.put("trailing first root",
                    ProofVerifier.verifyConsistency(first, second, firstRoot, secondRoot, with(proof, firstRoot)));
            probes.put("trailing second root",
                    ProofVerifier.verifyConsistency(first, second, firstRoot, secondRoot, with(proof, secondRoot)));
            probes.put("preceding first root",
                    ProofVerifier.verifyConsistency(first, second, firstRoot, secondRoot, with(firstRoot, proof)));
            probes.put("preceding proof[0]",
                    ProofVerifier.verifyConsistency(first, second, firstRoot, secondRoot, with(proof.get(0), proof)));
            probes.put("truncated", ProofVerifier.verifyConsistency(first, second, firstRoot, secondRoot,
                    proof.subList(0, proof.size() - 1)));
            for (int i = 0; i < proof.size(); i++) {
                probes.put("flipped bit in proof[" + i + "]", ProofVerifier.verifyConsistency(first, second,
                        firstRoot, secondRoot, flipped(proof, i, 4)));
            }
            probes.forEach((what, result) -> assertThat(result.valid()).as("%s with %s", v, what).isFalse());
        }
    }

    @Test
    void consistency_edgeCases_areDecidedWithoutTheRfcLoop() {
        byte[] root1 = ROOTS.get(1);
        byte[] root2 = ROOTS.get(2);
        assertThat(ProofVerifier.verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, List.of()).valid()).isTrue();
        assertThat(ProofVerifier.verifyConsistency(0, 2, EMPTY_ROOT, root2, List.of()).valid()).isTrue();
        assertThat(ProofVerifier.verifyConsistency(1, 1, root1, root1, List.of()).valid()).isTrue();

        assertThat(ProofVerifier.verifyConsistency(1, 1, root1, root2, List.of()).reason())
                .contains("two different roots").contains("forked");
        assertThat(ProofVerifier.verifyConsistency(2, 1, root2, root1, List.of()).reason())
                .contains("first size 2 is larger than second size 1");
        assertThat(ProofVerifier.verifyConsistency(1, 2, root1, root2, List.of()).reason())
                .contains("is empty");
        assertThat(ProofVerifier.verifyConsistency(0, 2, root1, root2, List.of()).reason())
                .contains("not the empty tree's root");
        assertThat(ProofVerifier.verifyConsistency(0, 2, EMPTY_ROOT, root2, List.of(EMPTY_ROOT)).reason())
                .contains("must be empty");
        assertThat(ProofVerifier.verifyConsistency(1, 1, root1, root1, List.of(root1)).valid()).isFalse();
        assertThat(ProofVerifier.verifyConsistency(-1, 1, root1, root1, List.of()).valid()).isFalse();
    }

    @Test
    void inclusion_edgeCases_failWithAReason() {
        byte[] leaf = LEAVES.get(0);
        assertThat(ProofVerifier.verifyInclusion(leaf, 0, 0, List.of(), EMPTY_ROOT).reason())
                .contains("leaf index 0 is not inside a tree of size 0");
        assertThat(ProofVerifier.verifyInclusion(leaf, 2, 1, List.of(), leaf).valid()).isFalse();
        assertThat(ProofVerifier.verifyInclusion(leaf, 0, 1, List.of(), leaf).valid()).isTrue();
        assertThat(ProofVerifier.verifyInclusion(leaf, 0, 1, List.of(), new byte[0]).reason())
                .contains("root is 0 bytes, not 32");
        assertThat(ProofVerifier.verifyInclusion(leaf, 0, 1, null, leaf).reason()).contains("proof is missing");
        assertThat(ProofVerifier.verifyInclusion(leaf, 0, 2, List.of(new byte[33]), leaf).reason())
                .contains("proof hash 0 is 33 bytes");
        assertThat(ProofVerifier.verifyInclusion(leaf, 0, 1, List.of(leaf), leaf).reason())
                .contains("needs 0");
        assertThat(ProofVerifier.verifyInclusion(leaf, 0, 8, List.of(LEAVES.get(1)), ROOTS.get(8)).reason())
                .contains("too few");
    }

    /**
     * The RFC algorithm takes the size only to know the proof's shape. Leaf 0 has the same shape in trees
     * of 3 and 4 leaves, so a 3-leaf proof and root also pass as "size 4". Harmless when size and root
     * come from one signed checkpoint, which is why the checkpoint signs both; kept here so nobody
     * mistakes the size argument for something a proof binds on its own.
     */
    @Test
    void inclusionProof_forLeafZeroOfThree_alsoFitsSizeFourWithTheSameRoot_soSizeAndRootMustComeFromOneCheckpoint() {
        MerkleTree tree = ReferenceVectors.referenceTree();
        List<byte[]> proof = tree.inclusionProof(0, 3);
        assertThat(ProofVerifier.verifyInclusion(LEAVES.get(0), 0, 4, proof, ROOTS.get(3)).valid()).isTrue();
        assertThat(ProofVerifier.verifyInclusion(LEAVES.get(0), 0, 4, proof, ROOTS.get(4)).valid()).isFalse();
    }

    private static List<InclusionVector> allInclusionVectors() {
        List<InclusionVector> vectors = new ArrayList<>(ReferenceVectors.INCLUSION_PROOFS);
        vectors.addAll(ReferenceVectors.NODE_INCLUSION_PROOFS);
        return vectors;
    }

    private static List<ConsistencyVector> allConsistencyVectors() {
        List<ConsistencyVector> vectors = new ArrayList<>(ReferenceVectors.CONSISTENCY_PROOFS);
        vectors.addAll(ReferenceVectors.NODE_CONSISTENCY_PROOFS);
        return vectors;
    }

    static List<byte[]> with(List<byte[]> proof, byte[] last) {
        List<byte[]> result = new ArrayList<>(proof);
        result.add(last);
        return result;
    }

    static List<byte[]> with(byte[] first, List<byte[]> proof) {
        List<byte[]> result = new ArrayList<>();
        result.add(first);
        result.addAll(proof);
        return result;
    }

    static List<byte[]> flipped(List<byte[]> proof, int element, int bit) {
        List<byte[]> result = new ArrayList<>(proof);
        byte[] changed = result.get(element).clone();
        changed[bit / 8] ^= (byte) (1 << (bit % 8));
        result.set(element, changed);
        return result;
    }
}
