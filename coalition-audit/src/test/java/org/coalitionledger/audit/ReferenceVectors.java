package org.coalitionledger.audit;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The RFC 6962 reference test data shared by certificate-transparency, Trillian and
 * transparency-dev/merkle ({@code testonly/constants.go}, {@code proof/verify_test.go},
 * {@code proof/proof_test.go}): eight leaf inputs, the root of every prefix, and the hash of every
 * perfect subtree. Data only.
 */
final class ReferenceVectors {

    private ReferenceVectors() {
    }

    /** Leaf inputs d0..d7 (hex). */
    static final List<byte[]> LEAF_INPUTS = hexList(
            "",
            "00",
            "10",
            "2021",
            "3031",
            "40414243",
            "5051525354555657",
            "606162636465666768696a6b6c6d6e6f");

    /** ROOTS.get(n) is the root of the tree of the first n leaves. */
    static final List<byte[]> ROOTS = hexList(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** NODES.get(level).get(i): hash of the perfect subtree of 2^level leaves starting at leaf i·2^level. */
    static final List<List<byte[]>> NODES = List.of(
            hexList("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
            hexList("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            hexList("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            hexList("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    /** An inclusion proof from the reference data; leafIndex is 0-based. */
    record InclusionVector(long leafIndex, long treeSize, List<byte[]> proof) {
        @Override
        public String toString() {
            return "leaf " + leafIndex + " of " + treeSize + " " + hex(proof);
        }
    }

    /** A consistency proof from the reference data. */
    record ConsistencyVector(long first, long second, List<byte[]> proof) {
        @Override
        public String toString() {
            return first + " -> " + second + " " + hex(proof);
        }
    }

    /** verify_test.go's inclusion proofs, with its 1-based leaf numbers turned into 0-based indices. */
    static final List<InclusionVector> INCLUSION_PROOFS = List.of(
            new InclusionVector(0, 1, List.of()),
            new InclusionVector(0, 8, hexList(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new InclusionVector(5, 8, hexList(
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new InclusionVector(2, 3, hexList(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new InclusionVector(1, 5, hexList(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    /** verify_test.go's consistency proofs. */
    static final List<ConsistencyVector> CONSISTENCY_PROOFS = List.of(
            new ConsistencyVector(1, 1, List.of()),
            new ConsistencyVector(1, 8, hexList(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new ConsistencyVector(6, 8, hexList(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new ConsistencyVector(2, 5, hexList(
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new ConsistencyVector(6, 7, hexList(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    // proof_test.go lists proofs as node IDs in the tree of d0..d6(/d7): a..j are leaves 0..6,
    // g,h,i level-1 nodes 0..2, k level-2 node 0; "l" of the 7-leaf tree is HASH(i, j), not a perfect
    // subtree, so it appears as the proof element "l7".
    private static byte[] n(int level, int index) {
        return NODES.get(level).get(index);
    }

    private static final byte[] B = n(0, 1);
    private static final byte[] C = n(0, 2);
    private static final byte[] D = n(0, 3);
    private static final byte[] E = n(0, 4);
    private static final byte[] F = n(0, 5);
    private static final byte[] J = n(0, 6);
    private static final byte[] LEAF7 = n(0, 7);
    private static final byte[] A = n(0, 0);
    private static final byte[] G = n(1, 0);
    private static final byte[] H = n(1, 1);
    private static final byte[] I = n(1, 2);
    private static final byte[] K = n(2, 0);
    private static final byte[] L8 = n(2, 1);
    /** HASH(0x01 || i || j), the right half of the 7-leaf tree; the size-7 root checks it independently. */
    static byte[] l7() {
        return MerkleHashes.nodeHash(I, J);
    }

    /** proof_test.go's TestInclusion cases that lie within the 8 reference leaves. */
    static final List<InclusionVector> NODE_INCLUSION_PROOFS = List.of(
            new InclusionVector(0, 2, List.of(B)),
            new InclusionVector(1, 2, List.of(A)),
            new InclusionVector(1, 3, List.of(A, C)),
            new InclusionVector(0, 7, List.of(B, H, l7())),
            new InclusionVector(1, 7, List.of(A, H, l7())),
            new InclusionVector(2, 7, List.of(D, G, l7())),
            new InclusionVector(3, 7, List.of(C, G, l7())),
            new InclusionVector(4, 7, List.of(F, J, K)),
            new InclusionVector(5, 7, List.of(E, J, K)),
            new InclusionVector(6, 7, List.of(I, K)),
            new InclusionVector(2, 4, List.of(D, G)),
            new InclusionVector(3, 5, List.of(C, G, E)),
            new InclusionVector(3, 6, List.of(C, G, I)),
            new InclusionVector(4, 6, List.of(F, K)));

    /** proof_test.go's TestConsistency cases that lie within the 8 reference leaves. */
    static final List<ConsistencyVector> NODE_CONSISTENCY_PROOFS = List.of(
            new ConsistencyVector(1, 2, List.of(B)),
            new ConsistencyVector(1, 4, List.of(B, H)),
            new ConsistencyVector(1, 6, List.of(B, H, I)),
            new ConsistencyVector(2, 3, List.of(C)),
            new ConsistencyVector(2, 8, List.of(H, L8)),
            new ConsistencyVector(3, 7, List.of(C, D, G, l7())),
            new ConsistencyVector(4, 7, List.of(l7())),
            new ConsistencyVector(5, 7, List.of(E, F, J, K)),
            new ConsistencyVector(6, 7, List.of(I, J, K)),
            new ConsistencyVector(7, 8, List.of(J, LEAF7, I, K)),
            new ConsistencyVector(1, 1, List.of()),
            new ConsistencyVector(2, 2, List.of()),
            new ConsistencyVector(3, 3, List.of()),
            new ConsistencyVector(4, 4, List.of()),
            new ConsistencyVector(5, 5, List.of()),
            new ConsistencyVector(7, 7, List.of()),
            new ConsistencyVector(8, 8, List.of()),
            new ConsistencyVector(2, 4, List.of(H)),
            new ConsistencyVector(3, 5, List.of(C, D, G, E)),
            new ConsistencyVector(3, 6, List.of(C, D, G, I)),
            new ConsistencyVector(4, 6, List.of(I)),
            new ConsistencyVector(1, 7, List.of(B, H, l7())));

    static List<byte[]> referenceLeafHashes() {
        return LEAF_INPUTS.stream().map(MerkleHashes::leafHash).collect(Collectors.toList());
    }

    static MerkleTree referenceTree() {
        MerkleTree tree = new MerkleTree();
        referenceLeafHashes().forEach(tree::append);
        return tree;
    }

    static List<byte[]> hexList(String... hex) {
        return Arrays.stream(hex).map(HexFormat.of()::parseHex).collect(Collectors.toUnmodifiableList());
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(ReferenceVectors::hex).collect(Collectors.toList());
    }
}
