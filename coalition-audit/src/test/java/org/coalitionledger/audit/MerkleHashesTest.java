package org.coalitionledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coalitionledger.audit.ReferenceVectors.LEAF_INPUTS;
import static org.coalitionledger.audit.ReferenceVectors.NODES;
import static org.coalitionledger.audit.ReferenceVectors.ROOTS;
import static org.coalitionledger.audit.ReferenceVectors.hex;

import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleHashesTest {

    @Test
    void emptyTreeHash_isSha256OfTheEmptyString() {
        assertThat(hex(MerkleHashes.emptyTreeHash()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void leafHash_ofEveryReferenceInput_isTheReferenceLeafNode() {
        for (int i = 0; i < LEAF_INPUTS.size(); i++) {
            assertThat(hex(MerkleHashes.leafHash(LEAF_INPUTS.get(i)))).as("leaf %d", i)
                    .isEqualTo(hex(NODES.get(0).get(i)));
        }
    }

    @Test
    void nodeHash_ofEveryPairOfReferenceChildren_isTheReferenceParent() {
        for (int level = 1; level < NODES.size(); level++) {
            List<byte[]> children = NODES.get(level - 1);
            for (int i = 0; i < NODES.get(level).size(); i++) {
                assertThat(hex(MerkleHashes.nodeHash(children.get(2 * i), children.get(2 * i + 1))))
                        .as("level %d node %d", level, i).isEqualTo(hex(NODES.get(level).get(i)));
            }
        }
    }

    @Test
    void rootOf_everyPrefixOfTheReferenceLeaves_isTheReferenceRoot() {
        List<byte[]> leafHashes = ReferenceVectors.referenceLeafHashes();
        for (int size = 0; size <= leafHashes.size(); size++) {
            assertThat(hex(MerkleHashes.rootOf(leafHashes.subList(0, size)))).as("size %d", size)
                    .isEqualTo(hex(ROOTS.get(size)));
        }
    }

    @Test
    void largestPowerOfTwoBelow_isTheRfcSplitPoint() {
        assertThat(MerkleHashes.largestPowerOfTwoBelow(2)).isEqualTo(1);
        assertThat(MerkleHashes.largestPowerOfTwoBelow(3)).isEqualTo(2);
        assertThat(MerkleHashes.largestPowerOfTwoBelow(4)).isEqualTo(2);
        assertThat(MerkleHashes.largestPowerOfTwoBelow(5)).isEqualTo(4);
        assertThat(MerkleHashes.largestPowerOfTwoBelow(8)).isEqualTo(4);
        assertThat(MerkleHashes.largestPowerOfTwoBelow(9)).isEqualTo(8);
        assertThat(MerkleHashes.largestPowerOfTwoBelow(1L << 40)).isEqualTo(1L << 39);
        assertThatThrownBy(() -> MerkleHashes.largestPowerOfTwoBelow(1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
