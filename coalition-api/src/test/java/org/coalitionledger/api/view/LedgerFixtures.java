package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds ledger entries for the tests, with a record-time clock that only moves forward. */
final class LedgerFixtures {

    static final String CEWTO = "cewto";
    static final LocalDate FOUNDED_ON = LocalDate.of(2018, 3, 7);
    static final LocalDate FIRST_ANNIVERSARY_EVE = LocalDate.of(2019, 3, 6);
    static final String NGO_REPORT = "WWF, TRAFFIC and IFAW anniversary report";

    private final List<LedgerEntry> entries = new ArrayList<>();
    private Instant clock = Instant.parse("2019-03-08T09:00:00Z");
    private int eventNumber;

    List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    /** The record time the next entry will get. */
    Instant nextRecordedAt() {
        return clock.plusSeconds(1);
    }

    LedgerFixtures at(Instant recordedAt) {
        clock = recordedAt;
        return this;
    }

    LedgerFixtures add(Object payload) {
        return addAs("admin@cewto", payload);
    }

    /** Adds an event recorded by the given actor (a person's subject). */
    LedgerFixtures addAs(String actor, Object payload) {
        clock = clock.plusSeconds(1);
        entries.add(new LedgerEntry(payload, clock, actor, "event-" + (++eventNumber)));
        return this;
    }

    /**
     * The first-year history: founding with 21 founding members, 3 undisclosed and 8 named joins on 2019-03-06,
     * the anniversary report's takedowns, arrests and confiscation.
     */
    static LedgerFixtures firstYear() {
        var f = founded();
        for (int i = 1; i <= 3; i++) {
            f.add(new MemberJoinedEvent(CEWTO, "undisclosed-" + i, false, false, null, null, null, null,
                    FIRST_ANNIVERSARY_EVE, "joined in the first year; date is an upper bound"));
        }
        String[][] anniversary = {
                {"sina-weibo", "Sina Weibo", "CN"}, {"sogou", "Sogou Search", "CN"},
                {"han-tang", "Han Tang Collection", "CN"}, {"artron", "artron.net", "CN"},
                {"gucn", "gucn.com", "CN"}, {"gui-you-tian-xia", "Gui You Tian Xia", "CN"},
                {"kupatana", "Kupatana", "TZ"}, {"sapo", "Sapo", "VN"}};
        for (String[] m : anniversary) {
            f.add(joined(m[0], m[1], m[2], m[2].equals("TZ") ? "Africa" : "Asia", "Online marketplace",
                    FIRST_ANNIVERSARY_EVE));
        }
        f.add(batch("batch-2019-cn", ReporterType.NGO, null, NGO_REPORT, FOUNDED_ON, FIRST_ANNIVERSARY_EVE,
                1_000_000, 10_000_000, 350_000, List.of()));
        f.add(arrests("arrests-2019-cn", FIRST_ANNIVERSARY_EVE, 129));
        f.add(confiscation("confiscation-2019-cn", FIRST_ANNIVERSARY_EVE, "18000000.00", "CNY", "6.7202"));
        return f;
    }

    /** Founding and the 21 founding members: 12 in Asia, 8 in North America, 1 in Africa. */
    static LedgerFixtures founded() {
        var f = new LedgerFixtures().at(Instant.parse("2018-03-07T10:00:00Z"));
        f.add(new CoalitionFoundedEvent(CEWTO, "Coalition to End Wildlife Trafficking Online", FOUNDED_ON,
                List.of("WWF", "TRAFFIC", "IFAW")));
        String[][] founders = {
                {"alibaba", "Alibaba", "CN", "Asia"}, {"baidu", "Baidu", "CN", "Asia"},
                {"baixing", "Baixing", "CN", "Asia"}, {"ebay", "eBay", "US", "North America"},
                {"etsy", "Etsy", "US", "North America"}, {"facebook", "Facebook", "US", "North America"},
                {"google", "Google", "US", "North America"}, {"huaxia", "Huaxia Collection", "CN", "Asia"},
                {"instagram", "Instagram", "US", "North America"}, {"kuaishou", "Kuaishou", "CN", "Asia"},
                {"mall-for-africa", "Mall for Africa", "NG", "Africa"}, {"microsoft", "Microsoft", "US", "North America"},
                {"pinterest", "Pinterest", "US", "North America"}, {"qyer", "Qyer", "CN", "Asia"},
                {"ruby-lane", "Ruby Lane", "US", "North America"}, {"shengshi", "Shengshi Collection", "CN", "Asia"},
                {"tencent", "Tencent", "CN", "Asia"}, {"wen-wan-tian-xia", "Wen Wan Tian Xia", "CN", "Asia"},
                {"zhongyikupai", "Zhongyikupai", "CN", "Asia"}, {"zhuanzhuan", "Zhuanzhuan", "CN", "Asia"},
                {"58-com", "58.com", "CN", "Asia"}};
        for (String[] m : founders) {
            f.add(new MemberJoinedEvent(CEWTO, m[0], true, true, m[1], m[2], m[3], "Technology", FOUNDED_ON, null));
        }
        f.at(Instant.parse("2019-03-08T09:00:00Z"));
        return f;
    }

    static MemberJoinedEvent joined(String memberId, String name, String country, String region, String sector,
                                    LocalDate joinedOn) {
        return new MemberJoinedEvent(CEWTO, memberId, false, true, name, country, region, sector, joinedOn, null);
    }

    static MemberLeftEvent left(String memberId, LocalDate leftOn) {
        return new MemberLeftEvent(CEWTO, memberId, leftOn, "left");
    }

    static TakedownBatchRecordedEvent batch(String batchId, ReporterType type, String memberId, String name,
                                            LocalDate start, LocalDate end, long listings, long ads, long accounts,
                                            List<String> categories) {
        return new TakedownBatchRecordedEvent(CEWTO, batchId, new TakedownBatchRecordedEvent.ReportedBy(type, memberId, name), start, end, listings, ads,
                accounts, categories, "China-based members", "https://example.org/report");
    }

    static TakedownBatchRecordedEvent ngoBatch(String batchId, LocalDate start, LocalDate end, long listings) {
        return batch(batchId, ReporterType.NGO, null, NGO_REPORT, start, end, listings, 0, 0, List.of());
    }

    static ArrestRecordedEvent arrests(String recordId, LocalDate date, long count) {
        return new ArrestRecordedEvent(CEWTO, recordId, date, count, "CN", "Police", "China", "press release");
    }

    static ConfiscationRecordedEvent confiscation(String recordId, LocalDate date, String amount, String currency,
                                                  String usdRate) {
        return new ConfiscationRecordedEvent(CEWTO, recordId, date, new BigDecimal(amount), currency,
                new BigDecimal(usdRate), date, "PBOC central parity", "CN", "China", "press release");
    }

    static GoalSetEvent goal(String goalId, GoalMetric metric, Long baseline, String percent, LocalDate deadline) {
        return new GoalSetEvent(CEWTO, goalId, "Reduce wildlife trafficking online by " + percent + "% by 2020",
                metric, baseline, new BigDecimal(percent), deadline, FOUNDED_ON);
    }
}
