package org.coalitionledger.query.views;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.api.view.CoalitionLedgerFold;
import org.coalitionledger.api.view.LedgerEntry;
import org.coalitionledger.api.view.YearBasis;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored fold state must read back into exactly the fold that was written. */
class FoldJsonTest {

    static final String ID = "cewto";
    static final LocalDate FOUNDED = LocalDate.of(2018, 3, 7);
    static final LocalDate EVE = LocalDate.of(2019, 3, 6);

    static CoalitionLedgerFold sample() {
        var fold = new CoalitionLedgerFold(ID);
        Instant t = Instant.parse("2019-03-08T09:00:00.123456Z");
        List<Object> payloads = List.of(
                new CoalitionFoundedEvent(ID, "Coalition", FOUNDED, List.of("WWF")),
                new MemberJoinedEvent(ID, "alibaba", true, true, "Alibaba", "CN", "Asia", "e-commerce", FOUNDED, null),
                new MemberJoinedEvent(ID, "hidden", false, false, null, null, null, null, EVE, "bound"),
                new MemberLeftEvent(ID, "alibaba", LocalDate.of(2019, 9, 1), "left"),
                new GoalSetEvent(ID, "g", "halve", GoalMetric.CONFISCATED_USD, 100L, new BigDecimal("80.5"),
                        LocalDate.of(2020, 12, 31), FOUNDED),
                new TakedownBatchRecordedEvent(ID, "b", new TakedownBatchRecordedEvent.ReportedBy(ReporterType.MEMBER, "alibaba", null), FOUNDED, EVE, 1, 2, 3,
                        List.of("ivory", "pangolin"), "scope", "source"),
                new ArrestRecordedEvent(ID, "a", EVE, 129, "CN", "police", "scope", "source"),
                new ConfiscationRecordedEvent(ID, "c", EVE, new BigDecimal("18000000.00"), "CNY",
                        new BigDecimal("6.7202"), EVE, "rate", "CN", "scope", "source"),
                new ArrestRecordCorrectedEvent(ID, "a", 130, "recount"),
                new RecordRetractedEvent(ID, "b", "withdrawn"));
        for (Object payload : payloads) {
            t = t.plusSeconds(1);
            fold.apply(new LedgerEntry(payload, t, "admin", "e-" + t.getEpochSecond()));
        }
        return fold;
    }

    @Test
    void writeThenRead_givesTheSameState_andTheSameViews() {
        CoalitionLedgerFold fold = sample();

        CoalitionLedgerFold read = FoldJson.read(FoldJson.write(fold));

        assertThat(read.snapshot()).isEqualTo(fold.snapshot());
        for (YearBasis basis : YearBasis.values()) {
            assertThat(read.yearOverYear(basis)).isEqualTo(fold.yearOverYear(basis));
        }
        assertThat(read.goalProgress()).isEqualTo(fold.goalProgress());
        assertThat(read.restatements()).isEqualTo(fold.restatements());
        assertThat(read.membership(EVE)).isEqualTo(fold.membership(EVE));
    }

    @Test
    void amountsKeepTheirScale_andEnumsGoByName() {
        String json = FoldJson.write(sample());

        assertThat(json).contains("18000000.00").contains("\"CONFISCATION\"").contains("\"CONFISCATED_USD\"")
                .doesNotContain("1.8E+7");
        BigDecimal amount = FoldJson.read(json).snapshot().records().stream()
                .filter(r -> r.recordId().equals("c")).findFirst().orElseThrow().figures().amount();
        assertThat(amount).isEqualTo(new BigDecimal("18000000.00"));
        assertThat(amount.scale()).isEqualTo(2);
    }

    @Test
    void aSnapshotOfAnotherShape_isRejected_notHalfRead() {
        String json = FoldJson.write(sample()).replaceFirst("\\{", "{\"unknownField\":1,");

        assertThatThrownBy(() -> FoldJson.read(json)).hasMessageContaining("unknownField");
    }
}
