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

    @Test
    void parseEventTime_readsAxonsStoredForm_andEveryOtherText_asInstantParseDoes() {
        List<String> texts = new ArrayList<>(List.of("2026-12-05T15:58:39.487Z", "0000-01-01T00:00:00.000Z",
                "9999-12-31T23:59:59.999Z", "2024-02-29T00:00:00.000Z", "2026-02-29T00:00:00.000Z",
                "2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-00-01T00:00:00.000Z",
                "2026-12-05T24:00:00.000Z", "2026-12-31T23:59:60.000Z", "2026-12-05T01:60:00.000Z",
                "2026-12-05T15:58:39.487z", "2026-12-05t15:58:39.487Z", "2026-12-05T15:58:39.48Z",
                "2026-12-05T15:58:39Z", "2026-12-05T15:58:39.487000Z", "2026-12-05T15:58:39.487+01:00",
                "+2026-12-05T15:58:39.487Z", "-0001-12-31T23:59:59.500Z", "2026-12-0٣T15:58:39.487Z",
                "2026-12-05 15:58:39.487Z", " 2026-12-05T15:58:39.487Z", "2026-12-05T15:58:39.487Z ", ""));
        SplittableRandom random = new SplittableRandom(20261205);
        for (int i = 0; i < 20_000; i++) {
            texts.add(org.axonframework.common.DateTimeUtils.formatInstant(Instant.ofEpochSecond(
                    random.nextLong(-62_200_000_000L, 253_500_000_000L), random.nextInt(1_000_000_000))));
        }
        for (String text : texts) {
            Object expected;
            try {
                expected = Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                expected = e.getClass();
            }
            Object actual;
            try {
                actual = LogTime.parseEventTime(text);
            } catch (java.time.format.DateTimeParseException e) {
                actual = e.getClass();
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
    }
}
