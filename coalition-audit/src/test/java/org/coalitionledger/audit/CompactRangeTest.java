package org.coalitionledger.audit;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming root equals the tree's root at every size, also when started from a frontier. */
class CompactRangeTest {

    @Test
    void rootAtEverySize_equalsTheTreesRoot_fromZeroAndFromEveryFrontier() {
        long seed = 20261203L;
        Random random = new Random(seed);
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 300; i++) {
            byte[] leaf = new byte[32];
            random.nextBytes(leaf);
            tree.append(leaf);
        }
        CompactRange fromZero = new CompactRange();
        assertThat(fromZero.root()).isEqualTo(tree.root(0));
        for (int size = 1; size <= 300; size++) {
            fromZero.append(tree.leafHash(size - 1));
            assertThat(fromZero.root()).as("size %d, seed %d", size, seed).isEqualTo(tree.root(size));
        }
        for (int start = 0; start <= 300; start += 7) {
            CompactRange resumed = CompactRange.ofFrontier(start, tree.frontier(start));
            assertThat(resumed.root()).isEqualTo(tree.root(start));
            for (int i = start; i < 300; i++) {
                resumed.append(tree.leafHash(i));
            }
            assertThat(resumed.root()).as("from %d", start).isEqualTo(tree.root(300));
        }
    }

    @Test
    void frontierOfTheWrongLength_isRefused() {
        MerkleTree tree = new MerkleTree();
        tree.append(new byte[32]);
        tree.append(new byte[32]);
        assertThatThrownBy(() -> CompactRange.ofFrontier(3, tree.frontier(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a tree of 3 leaves has a frontier of 2 hashes, not 1");
    }
}
