package org.coalitionledger.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatementPlansTest {

    @Test
    void numbered_givesEachParameterItsPosition_asPrepareTakesThem() {
        assertThat(StatementPlans.numbered("select a from t where x >= ? and x < ? order by x"))
                .isEqualTo("select a from t where x >= $1 and x < $2 order by x");
    }

    @Test
    void sweepPages_coverTheDefaultWindowBelowTheLogsPosition_tenThousandAStatement_asTheSweeperSendsThem() {
        List<long[]> pages = StatementPlans.sweepPages(1_000_005);

        assertThat(pages).hasSize(10);
        assertThat(pages.get(0)).containsExactly(900_005, 910_005);
        assertThat(pages.get(9)).containsExactly(990_005, 1_000_005);
        assertThat(StatementPlans.sweepPages(25_000)).extracting(p -> p[0] + "-" + p[1])
                .containsExactly("0-10000", "10000-20000", "20000-25000");
        assertThat(StatementPlans.sweepPages(0)).isEmpty();
    }

    @Test
    void functionsCompiled_countsTheLeadersAndEveryWorkersFunctions() {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var parallel = json.readTree("{\"Plan\": {\"Workers\": [{\"Worker Number\": 0, \"JIT\": {\"Functions\": 11}},"
                + " {\"Worker Number\": 1, \"JIT\": {\"Functions\": 11}}]}, \"JIT\": {\"Functions\": 49},"
                + " \"Execution Time\": 149.2}");

        assertThat(StatementPlans.functionsCompiled(parallel)).isEqualTo(71);
        assertThat(StatementPlans.functionsCompiled(json.readTree("{\"Plan\": {}, \"Execution Time\": 8.0}")))
                .isZero();
    }
}
