package org.coalitionledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coalitionledger.audit.ProofVerifierTest.flipped;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random probes into one 10,000-leaf log: every proof the tree hands out verifies, and every single
 * alteration of what the verifier is given makes it fail.
 */
class ProofPropertiesTest {

    private static final int MAX_SIZE = 10_000;
    private static final List<byte[]> LEAVES = new ArrayList<>();
    private static final MerkleTree TREE = new MerkleTree();

    static {
        Random random = new Random(20261130L);
        for (int i = 0; i < MAX_SIZE; i++) {
            byte[] data = new byte[1 + random.nextInt(64)];
            random.nextBytes(data);
            byte[] leaf = MerkleHashes.leafHash(data);
            LEAVES.add(leaf);
            TREE.append(leaf);
        }
    }

    @Property(tries = 300)
    void inclusionProof_verifies_andFailsUnderAnyAlteration(
            @ForAll @IntRange(min = 1, max = MAX_SIZE) int size,
            @ForAll @IntRange(min = 0, max = MAX_SIZE - 1) int rawIndex,
            @ForAll @IntRange(min = 0, max = MAX_SIZE - 1) int rawOtherIndex,
            @ForAll @IntRange(min = 1, max = MAX_SIZE) int otherSize,
            @ForAll @IntRange(min = 0, max = 255) int bit,
            @ForAll @IntRange(min = 0, max = 63) int element) {
        int index = rawIndex % size;
        byte[] leaf = LEAVES.get(index);
        byte[] root = TREE.root(size);
        List<byte[]> proof = TREE.inclusionProof(index, size);

        assertValid(ProofVerifier.verifyInclusion(leaf, index, size, proof, root));

        assertInvalid(ProofVerifier.verifyInclusion(flip(leaf, bit), index, size, proof, root), "leaf bit");
        assertInvalid(ProofVerifier.verifyInclusion(leaf, index, size, proof, flip(root, bit)), "root bit");
        if (!proof.isEmpty()) {
            assertInvalid(ProofVerifier.verifyInclusion(leaf, index, size,
                    flipped(proof, element % proof.size(), bit), root), "proof bit");
        }
        int otherIndex = rawOtherIndex % size;
        if (otherIndex != index) {
            assertInvalid(ProofVerifier.verifyInclusion(leaf, otherIndex, size, proof, root), "index");
        }
        assertInvalid(ProofVerifier.verifyInclusion(leaf, index + (long) size, size, proof, root), "index >= size");
        // A different size with that size's own root: the claim "leaf i is in that other tree head"
        // must not ride on this proof. (With this root instead, see ProofVerifierTest's size caveat.)
        if (otherSize != size && otherSize > index) {
            assertInvalid(ProofVerifier.verifyInclusion(leaf, index, otherSize, proof, TREE.root(otherSize)),
                    "size");
        }
    }

    @Property(tries = 300)
    void consistencyProof_verifies_andFailsUnderAnyAlteration(
            @ForAll @IntRange(min = 0, max = MAX_SIZE) int second,
            @ForAll @IntRange(min = 0, max = MAX_SIZE) int rawFirst,
            @ForAll @IntRange(min = 0, max = MAX_SIZE) int otherFirst,
            @ForAll @IntRange(min = 0, max = MAX_SIZE) int otherSecond,
            @ForAll @IntRange(min = 0, max = 255) int bit,
            @ForAll @IntRange(min = 0, max = 63) int element) {
        int first = rawFirst % (second + 1);
        byte[] firstRoot = TREE.root(first);
        byte[] secondRoot = TREE.root(second);
        List<byte[]> proof = TREE.consistencyProof(first, second);

        assertValid(ProofVerifier.verifyConsistency(first, second, firstRoot, secondRoot, proof));

        assertInvalid(ProofVerifier.verifyConsistency(first, second, flip(firstRoot, bit), secondRoot, proof),
                "first root bit");
        if (first != 0) {
            // Every tree extends the empty one, so from size 0 nothing is claimed about the second root.
            assertInvalid(ProofVerifier.verifyConsistency(first, second, firstRoot, flip(secondRoot, bit), proof),
                    "second root bit");
        }
        if (!proof.isEmpty()) {
            assertInvalid(ProofVerifier.verifyConsistency(first, second, firstRoot, secondRoot,
                    flipped(proof, element % proof.size(), bit)), "proof bit");
        }
        // An empty proof is right for sizes 0 and second whatever the tree, so those stay out.
        boolean trivialForOtherFirst = proof.isEmpty() && (otherFirst == 0 || otherFirst == second);
        if (otherFirst != first && otherFirst <= second && !trivialForOtherFirst) {
            assertInvalid(ProofVerifier.verifyConsistency(otherFirst, second, TREE.root(otherFirst), secondRoot,
                    proof), "first size");
        }
        if (otherSecond != second && otherSecond >= first && first != 0) {
            // From size 0 every tree is consistent with an empty proof, so only non-empty first sizes
            // say anything about the second.
            assertInvalid(ProofVerifier.verifyConsistency(first, otherSecond, firstRoot, TREE.root(otherSecond),
                    proof), "second size");
        }
    }

    @Property(tries = 50)
    void root_ofAnySize_equalsTheDirectRfcDefinition(@ForAll @IntRange(min = 0, max = MAX_SIZE) int size) {
        assertThat(TREE.root(size)).isEqualTo(MerkleHashes.rootOf(LEAVES.subList(0, size)));
    }

    private static void assertValid(VerificationResult result) {
        assertThat(result.valid()).as(result.reason()).isTrue();
    }

    private static void assertInvalid(VerificationResult result, String altered) {
        assertThat(result.valid()).as("verified despite altered %s", altered).isFalse();
    }

    private static byte[] flip(byte[] hash, int bit) {
        byte[] changed = hash.clone();
        changed[bit / 8] ^= (byte) (1 << (bit % 8));
        return changed;
    }
}
