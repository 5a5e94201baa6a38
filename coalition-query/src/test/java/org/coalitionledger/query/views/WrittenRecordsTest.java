package org.coalitionledger.query.views;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fill's filter of written records: never "no" for a record it was given, seldom "maybe" for another. */
class WrittenRecordsTest {

    @Test
    void everyRecordAdded_mightBeContained_andFewOthersAre() {
        WrittenRecords written = new WrittenRecords();
        for (int i = 0; i < 200_000; i++) {
            written.add("coalition-" + (i % 10), "batch-" + i);
        }
        for (int i = 0; i < 200_000; i++) {
            assertThat(written.mightContain("coalition-" + (i % 10), "batch-" + i)).as("record %d", i).isTrue();
        }
        int maybe = 0;
        for (int i = 0; i < 200_000; i++) {
            // The same ids under other coalitions, and ids never added.
            maybe += written.mightContain("coalition-" + ((i + 1) % 10), "batch-" + i) ? 1 : 0;
            maybe += written.mightContain("coalition-" + (i % 10), "arrest-" + i) ? 1 : 0;
        }
        assertThat(maybe).as("of 400,000 records never added, those it may hold").isLessThan(40);
    }
}
