package org.coalitionledger.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written log time text against the general formatter it replaces, which defines the form. */
class LogTimeTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void format_givesTheReferenceText_andParseGivesTheInstantBack_forEveryYearAndTheEdges() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-12-03T01:02:03.000450Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-12-31T23:59:59.5Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59.000001Z")));
        SplittableRandom random = new SplittableRandom(20261203);
        for (int i = 0; i < 20_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_200_000_000L, 253_500_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            String expected = REFERENCE.format(LogTime.truncate(instant));
            assertThat(LogTime.format(instant)).as("%s", instant).isEqualTo(expected);
            assertThat(LogTime.parse(expected)).as(expected).isEqualTo(LogTime.truncate(instant));
        }
    }

    @Test
    void parse_refusesEveryTextNotExactlyInTheFixedForm() {
        for (String text : List.of("2026-02-30T00:00:00.000000Z", "2026-13-01T00:00:00.000000Z",
                "2026-12-03T24:00:00.000000Z", "2026-12-31T23:59:60.000000Z", "2026-12-03T01:60:00.000000Z",
                "2026-12-03T01:02:03.00045Z", "2026-12-03T01:02:03.0004500Z", "2026-12-03T01:02:03.000450z",
                "2026-12-03 01:02:03.000450Z", "2026-12-03T01:02:03Z", "2026-12-03T01:02:03.000450+00:00",
                "2026-12-0٣T01:02:03.000450Z", "2026-12-03T01:02:03.00045aZ", "+2026-12-03T01:02:03.00045Z", "")) {
            assertThatThrownBy(() -> LogTime.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> LogTime.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
