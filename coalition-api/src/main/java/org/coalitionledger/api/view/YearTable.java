package org.coalitionledger.api.view;

import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The year-over-year calculation: records bucketed by business date into years of one basis, with figures,
 * breakdowns, restatement marks and membership counts per year. A batch's region and sector are its reporter's
 * membership labels on the batch's period end, looked up when the table is made, so they follow membership
 * corrections whatever order the facts were folded in.
 */
final class YearTable {

    private YearTable() {
    }

    static YearOverYearView of(String coalitionId, YearBasis basis, LocalDate foundedOn, Memberships memberships,
                               Collection<LedgerRecord> records) {
        return of(coalitionId, basis, foundedOn, memberships, List.of(), records);
    }

    /**
     * The table of {@code base} (rows this calculation made earlier, with the same memberships) plus {@code records}
     * (none of them among those the base rows were made of). Every sum is exact and independent of order (longs,
     * decimals whose scale is the largest added), so this equals the table of all the records at once.
     */
    static YearOverYearView of(String coalitionId, YearBasis basis, LocalDate foundedOn, Memberships memberships,
                               List<YearRow> base, Collection<LedgerRecord> records) {
        YearScheme years = new YearScheme(basis, foundedOn);

        // Every year from the founding year (or an earlier one, should a bundle hold data from before the founding)
        // to the last year with data, so no figure is ever dropped and no gap hides a year of zeros.
        YearSpan span = new YearSpan(years, years.startOf(foundedOn));
        for (MemberStint stint : memberships.all()) {
            span.include(stint.joined.joinedOn());
            span.include(stint.leftOn);
        }
        for (YearRow row : base) {
            span.include(row.start());
        }
        for (LedgerRecord record : records) {
            span.include(record.businessDate);
        }

        Map<LocalDate, YearAccumulator> byStart = new TreeMap<>();
        for (LocalDate start = span.first; !start.isAfter(span.last); start = years.next(start)) {
            byStart.put(start, new YearAccumulator(memberships));
        }
        for (YearRow row : base) {
            byStart.get(row.start()).addRow(row);
        }
        for (LedgerRecord record : records) {
            byStart.get(years.startOf(record.businessDate)).add(record);
        }

        List<YearRow> rows = new ArrayList<>();
        Figures cumulative = Figures.ZERO;
        for (Map.Entry<LocalDate, YearAccumulator> year : byStart.entrySet()) {
            LocalDate start = year.getKey();
            LocalDate end = years.endOf(start);
            YearAccumulator acc = year.getValue();
            Figures figures = acc.figures();
            cumulative = cumulative.plus(figures);
            rows.add(new YearRow(years.label(start), start, end, figures, cumulative,
                    memberships.onDay(end), memberships.joinedWithin(start, end), memberships.leftWithin(start, end),
                    acc.byReporter, acc.byRegion, acc.bySector, acc.byCategory,
                    acc.restated, acc.restatedFigures, List.copyOf(acc.restatedRecordIds)));
        }
        return new YearOverYearView(coalitionId, basis, rows);
    }

    /** First and last year starts seen. */
    private static final class YearSpan {
        private final YearScheme years;
        LocalDate first;
        LocalDate last;

        YearSpan(YearScheme years, LocalDate foundingYear) {
            this.years = years;
            this.first = foundingYear;
            this.last = foundingYear;
        }

        void include(LocalDate day) {
            if (day == null) {
                return;
            }
            LocalDate start = years.startOf(day);
            if (start.isBefore(first)) first = start;
            if (start.isAfter(last)) last = start;
        }
    }

    /** One year's running sums, breakdowns and restatement marks. */
    private static final class YearAccumulator {
        private final Memberships memberships;
        long listings;
        long ads;
        long accounts;
        long arrests;
        final Map<String, BigDecimal> byCurrency = new TreeMap<>();
        BigDecimal usd = Figures.USD_ZERO;
        final TreeMap<String, TakedownFigures> byReporter = new TreeMap<>();
        final TreeMap<String, TakedownFigures> byRegion = new TreeMap<>();
        final TreeMap<String, TakedownFigures> bySector = new TreeMap<>();
        final TreeMap<String, TakedownFigures> byCategory = new TreeMap<>();
        boolean restated;
        final TreeSet<FigureName> restatedFigures = new TreeSet<>();
        final Set<String> restatedRecordIds = new TreeSet<>();

        YearAccumulator(Memberships memberships) {
            this.memberships = memberships;
        }

        /** Adds a year row's figures, breakdowns and restatement marks, as if its records were added here. */
        void addRow(YearRow row) {
            Figures f = row.figures();
            listings = Math.addExact(listings, f.listingsRemoved());
            ads = Math.addExact(ads, f.adsBlocked());
            accounts = Math.addExact(accounts, f.accountsRemoved());
            arrests = Math.addExact(arrests, f.arrests());
            f.confiscatedByCurrency().forEach((currency, amount) ->
                    byCurrency.merge(currency, amount, BigDecimal::add));
            usd = usd.add(f.confiscatedUsd());
            row.byReporter().forEach((key, t) -> byReporter.merge(key, t, TakedownFigures::plus));
            row.byRegion().forEach((key, t) -> byRegion.merge(key, t, TakedownFigures::plus));
            row.bySector().forEach((key, t) -> bySector.merge(key, t, TakedownFigures::plus));
            row.byCategory().forEach((key, t) -> byCategory.merge(key, t, TakedownFigures::plus));
            restated |= row.restated();
            restatedFigures.addAll(row.restatedFigures());
            restatedRecordIds.addAll(row.restatedRecordIds());
        }

        void add(LedgerRecord record) {
            if (record.restated) {
                restated = true;
                restatedFigures.addAll(record.restatedFigures);
                restatedRecordIds.add(record.recordId);
            }
            if (record.retracted) {
                return;
            }
            RecordFigures f = record.figures;
            switch (record.kind) {
                case TAKEDOWN_BATCH -> addTakedowns(record.batch,
                        new TakedownFigures(f.listingsRemoved(), f.adsBlocked(), f.accountsRemoved()));
                case ARREST -> arrests = Math.addExact(arrests, f.arrests());
                case CONFISCATION -> {
                    byCurrency.merge(f.currency(), f.amount(), BigDecimal::add);
                    usd = usd.add(f.usdValue());
                }
            }
        }

        private void addTakedowns(TakedownBatchRecordedEvent batch, TakedownFigures t) {
            listings = Math.addExact(listings, t.listingsRemoved());
            ads = Math.addExact(ads, t.adsBlocked());
            accounts = Math.addExact(accounts, t.accountsRemoved());
            String region;
            String sector;
            String reporter;
            if (batch.reporter().type() == ReporterType.MEMBER) {
                reporter = "MEMBER:" + batch.reporter().memberId();
                MemberStint stint = memberships.stintOf(batch.reporter().memberId(), batch.periodEnd());
                region = stint == null ? CoalitionLedgerFold.UNKNOWN_MEMBER : stint.regionLabel();
                sector = stint == null ? CoalitionLedgerFold.UNKNOWN_MEMBER : stint.sectorLabel();
            } else {
                reporter = batch.reporter().type() + ":" + batch.reporter().name();
                region = CoalitionLedgerFold.NOT_A_MEMBER;
                sector = CoalitionLedgerFold.NOT_A_MEMBER;
            }
            byReporter.merge(reporter, t, TakedownFigures::plus);
            byRegion.merge(region, t, TakedownFigures::plus);
            bySector.merge(sector, t, TakedownFigures::plus);
            List<String> categories = batch.categories() == null || batch.categories().isEmpty()
                    ? List.of(CoalitionLedgerFold.UNCATEGORISED) : new ArrayList<>(new TreeSet<>(batch.categories()));
            for (String category : categories) {
                byCategory.merge(category, t, TakedownFigures::plus);
            }
        }

        Figures figures() {
            return new Figures(listings, ads, accounts, arrests, new TreeMap<>(byCurrency), usd);
        }
    }
}
