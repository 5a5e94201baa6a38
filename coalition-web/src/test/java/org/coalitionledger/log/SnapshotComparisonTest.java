package org.coalitionledger.log;

import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verification compares a fold's JSON with a stored snapshot as the JSON is written: the same text is equal, and a
 * text that differs anywhere, is a prefix of it or runs longer is not.
 */
class SnapshotComparisonTest {

    @Test
    void aFoldWritesAsItsOwnJson_andNotAsAnyOtherText() {
        CoalitionLedgerFold fold = new CoalitionLedgerFold("cewto");
        String json = FoldSnapshots.write(fold);

        assertThat(FoldSnapshots.writesAs(fold, json)).isTrue();
        assertThat(FoldSnapshots.writesAs(fold, json.replace("cewto", "cewtx"))).isFalse();
        assertThat(FoldSnapshots.writesAs(fold, json.substring(0, json.length() - 1))).isFalse();
        assertThat(FoldSnapshots.writesAs(fold, json + " ")).isFalse();
        assertThat(FoldSnapshots.writesAs(fold, "")).isFalse();
    }

    @Test
    void theComparingWriter_seesEveryChunk() {
        FoldSnapshots.SameText same = new FoldSnapshots.SameText("abcdef");
        same.write("abc".toCharArray(), 0, 3);
        same.write("xdefx".toCharArray(), 1, 3);
        assertThat(same.matchesWhole()).isTrue();

        FoldSnapshots.SameText differs = new FoldSnapshots.SameText("abcdef");
        differs.write("abd".toCharArray(), 0, 3);
        differs.write("def".toCharArray(), 0, 3);
        assertThat(differs.matchesWhole()).isFalse();
    }
}
