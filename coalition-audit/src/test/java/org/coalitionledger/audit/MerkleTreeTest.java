package org.coalitionledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coalitionledger.audit.ReferenceVectors.ROOTS;
import static org.coalitionledger.audit.ReferenceVectors.hex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.coalitionledger.audit.ReferenceVectors.ConsistencyVector;
import org.coalitionledger.audit.ReferenceVectors.InclusionVector;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private final MerkleTree tree = ReferenceVectors.referenceTree();

    @Test
    void root_ofEveryEarlierSize_isTheReferenceRoot() {
        assertThat(tree.size()).isEqualTo(8);
        for (int size = 0; size <= 8; size++) {
            assertThat(hex(tree.root(size))).as("size %d", size).isEqualTo(hex(ROOTS.get(size)));
        }
        assertThat(hex(tree.root())).isEqualTo(hex(ROOTS.get(8)));
    }

    @Test
    void root_whileGrowing_isTheReferenceRootAfterEveryAppend() {
        MerkleTree growing = new MerkleTree();
        assertThat(hex(growing.root())).isEqualTo(hex(ROOTS.get(0)));
        List<byte[]> leaves = ReferenceVectors.referenceLeafHashes();
        for (int i = 0; i < leaves.size(); i++) {
            assertThat(growing.append(leaves.get(i))).isEqualTo(i);
            assertThat(hex(growing.root())).as("after %d appends", i + 1).isEqualTo(hex(ROOTS.get(i + 1)));
            assertThat(growing.leafHash(i)).isEqualTo(leaves.get(i));
        }
    }

    @Test
    void inclusionProof_isTheReferenceProof_forEveryPublishedVector() {
        List<InclusionVector> vectors = new ArrayList<>(ReferenceVectors.INCLUSION_PROOFS);
        vectors.addAll(ReferenceVectors.NODE_INCLUSION_PROOFS);
        for (InclusionVector vector : vectors) {
            assertThat(hex(tree.inclusionProof(vector.leafIndex(), vector.treeSize()))).as("%s", vector)
                    .isEqualTo(hex(vector.proof()));
        }
    }

    @Test
    void consistencyProof_isTheReferenceProof_forEveryPublishedVector() {
        List<ConsistencyVector> vectors = new ArrayList<>(ReferenceVectors.CONSISTENCY_PROOFS);
        vectors.addAll(ReferenceVectors.NODE_CONSISTENCY_PROOFS);
        for (ConsistencyVector vector : vectors) {
            assertThat(hex(tree.consistencyProof(vector.first(), vector.second()))).as("%s", vector)
                    .isEqualTo(hex(vector.proof()));
        }
    }

    @Test
    void rightHalfOfTheSevenLeafTree_usedInTheNodeVectors_matchesTheReferenceRoot() {
        // l7 is derived, not published; the published size-7 root pins it down.
        byte[] k = ReferenceVectors.NODES.get(2).get(0);
        assertThat(hex(MerkleHashes.nodeHash(k, ReferenceVectors.l7()))).isEqualTo(hex(ROOTS.get(7)));
    }

    @Test
    void inclusionProof_inAnEmptyOrTooSmallTree_isRefused() {
        assertThatThrownBy(() -> tree.inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaf index 0 is outside a tree of size 0");
        assertThatThrownBy(() -> tree.inclusionProof(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(-1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(0, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tree size 9 is outside [0, 8]");
    }

    @Test
    void consistencyProof_withImpossibleSizes_isRefused() {
        assertThatThrownBy(() -> tree.consistencyProof(5, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first size 5 must be within [0, second size 4]");
        assertThatThrownBy(() -> tree.consistencyProof(1, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.consistencyProof(0, 8)).isEmpty();
    }

    @Test
    void append_refusesAnythingButA32ByteHash() {
        assertThatThrownBy(() -> tree.append(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> tree.append(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void append_keepsItsOwnCopy_andProofsHandOutCopies() {
        MerkleTree small = new MerkleTree();
        byte[] leaf = MerkleHashes.leafHash(new byte[] {1});
        small.append(leaf);
        small.append(MerkleHashes.leafHash(new byte[] {2}));
        byte[] rootBefore = small.root();
        leaf[0] ^= 1;
        small.inclusionProof(1, 2).get(0)[0] ^= 1;
        small.root()[0] ^= 1;
        assertThat(small.root()).isEqualTo(rootBefore);
    }

    @Test
    void everyRootAndProof_agreesWithTheDirectRfcDefinition_forAllSmallTrees() {
        List<byte[]> leaves = new ArrayList<>();
        MerkleTree grown = new MerkleTree();
        for (int i = 0; i < 70; i++) {
            byte[] leaf = MerkleHashes.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            leaves.add(leaf);
            grown.append(leaf);
        }
        for (int size = 0; size <= leaves.size(); size++) {
            byte[] root = MerkleHashes.rootOf(leaves.subList(0, size));
            assertThat(grown.root(size)).as("root %d", size).isEqualTo(root);
            for (int index = 0; index < size; index++) {
                VerificationResult result = ProofVerifier.verifyInclusion(leaves.get(index), index, size,
                        grown.inclusionProof(index, size), root);
                assertThat(result.valid()).as("leaf %d of %d: %s", index, size, result.reason()).isTrue();
            }
            for (int first = 0; first <= size; first++) {
                VerificationResult result = ProofVerifier.verifyConsistency(first, size,
                        MerkleHashes.rootOf(leaves.subList(0, first)), root, grown.consistencyProof(first, size));
                assertThat(result.valid()).as("%d -> %d: %s", first, size, result.reason()).isTrue();
            }
        }
    }

    @Test
    void aTiledTree_givesTheWholeTreesRootsProofsFrontiersAndLeaves_holdingOnlyItsUpperLevels() {
        List<byte[]> leaves = new ArrayList<>();
        MerkleTree whole = new MerkleTree();
        int[] reads = new int[1];
        MerkleTree tiled = MerkleTree.tiled(2, (from, to) -> {
            reads[0]++;
            return leaves.subList((int) from, (int) Math.min(to, leaves.size()));
        });
        for (int i = 0; i < 70; i++) {
            byte[] leaf = MerkleHashes.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            leaves.add(leaf);
            whole.append(leaf);
            tiled.append(leaf);
            for (int size = 0; size <= i + 1; size++) {
                assertThat(tiled.root(size)).as("root %d of %d", size, i + 1).isEqualTo(whole.root(size));
                assertThat(tiled.frontier(size)).as("frontier %d", size)
                        .containsExactlyElementsOf(whole.frontier(size));
                for (int index = 0; index < size; index++) {
                    assertThat(tiled.inclusionProof(index, size)).as("leaf %d of %d", index, size)
                            .containsExactlyElementsOf(whole.inclusionProof(index, size));
                }
                for (int first = 0; first <= size; first++) {
                    assertThat(tiled.consistencyProof(first, size)).as("%d -> %d", first, size)
                            .containsExactlyElementsOf(whole.consistencyProof(first, size));
                }
            }
            assertThat(tiled.leafHash(i)).isEqualTo(leaf);
        }
        // Tiles of four leaves: a quarter of the leaves' level and the levels above it (a half of all nodes), and
        // the last tile's leaves; the whole tree holds all of them.
        assertThat(whole.hashesHeld()).isEqualTo(70 + 35 + 17 + 8 + 4 + 2 + 1);
        assertThat(tiled.hashesHeld()).isEqualTo(2 + 17 + 8 + 4 + 2 + 1);
        // Once forgotten, an answer reads each tile it needs once: a leaf's tile and the one an older size ends in.
        tiled.forgetStoredTiles();
        reads[0] = 0;
        tiled.leafHash(5);
        tiled.root(42);
        tiled.inclusionProof(5, 42);
        tiled.consistencyProof(42, 70);
        assertThat(reads[0]).isEqualTo(2);
    }

    @Test
    void aTiledTree_namesAStoredLeafHashChangedOrRemovedSinceItTookIt() {
        List<byte[]> leaves = new ArrayList<>();
        List<byte[]> stored = new ArrayList<>();
        MerkleTree tiled = MerkleTree.tiled(2, (from, to) -> stored.subList((int) from, (int) Math.min(to,
                stored.size())));
        for (int i = 0; i < 9; i++) {
            byte[] leaf = MerkleHashes.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            leaves.add(leaf);
            stored.add(leaf.clone());
            tiled.append(leaf);
        }
        byte[] root = tiled.root();
        List<byte[]> proof = tiled.inclusionProof(5, 9); // its tile read and checked before the change
        stored.get(5)[0] ^= 1;
        // Until the tiles read are forgotten, the checked copy answers; after, the change is named.
        assertThat(tiled.inclusionProof(5, 9)).containsExactlyElementsOf(proof);
        tiled.forgetStoredTiles();
        assertThatThrownBy(() -> tiled.inclusionProof(5, 9)).isInstanceOf(MerkleTree.LeavesChangedException.class)
                .hasMessageContaining("leaves [4, 8) of the log no longer hash to what the tree took");
        // Proofs that need no node of the changed tile are still given, and the roots come from memory.
        assertThat(tiled.inclusionProof(1, 9)).hasSize(4);
        assertThat(tiled.root()).isEqualTo(root);
        stored.get(5)[0] ^= 1;
        tiled.forgetStoredTiles();
        assertThat(tiled.inclusionProof(5, 9)).containsExactlyElementsOf(proof);
        stored.remove(8);
        stored.remove(7);
        MerkleTree fresh = MerkleTree.tiled(2, (from, to) -> stored.subList((int) from, (int) Math.min(to,
                stored.size())));
        leaves.forEach(fresh::append);
        assertThatThrownBy(() -> fresh.leafHash(6)).isInstanceOf(MerkleTree.LeavesChangedException.class)
                .hasMessageContaining("3 are stored where the tree took 4");
        // The last, incomplete tile is held in memory.
        assertThat(fresh.leafHash(8)).isEqualTo(leaves.get(8));
    }
}
