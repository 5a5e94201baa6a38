package org.coalitionledger.web.api;

import org.coalitionledger.api.view.FigureName;
import org.coalitionledger.api.view.Figures;
import org.coalitionledger.api.view.YearOverYearView;
import org.coalitionledger.api.view.YearRow;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The year-over-year view as CSV (RFC 4180): one row per year with the year's figures, the cumulative figures,
 * membership and restatement markers. Per-currency confiscations are {@code CUR amount} pairs joined by ';'.
 * The breakdowns (by reporter, region, sector, category) stay in the JSON form.
 */
final class YearOverYearCsv {

    static final List<String> HEADER = List.of("label", "start", "end",
            "listingsRemoved", "adsBlocked", "accountsRemoved", "arrests", "confiscatedUsd", "confiscatedByCurrency",
            "cumulativeListingsRemoved", "cumulativeAdsBlocked", "cumulativeAccountsRemoved", "cumulativeArrests",
            "cumulativeConfiscatedUsd", "cumulativeConfiscatedByCurrency",
            "membersAtYearEnd", "joined", "left", "restated", "restatedFigures", "restatedRecordIds");

    private YearOverYearCsv() {
    }

    static String write(YearOverYearView view) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (YearRow row : view.rows()) {
            Figures f = row.figures();
            Figures c = row.cumulative();
            line(csv, List.of(row.label(), row.start().toString(), row.end().toString(),
                    Long.toString(f.listingsRemoved()), Long.toString(f.adsBlocked()),
                    Long.toString(f.accountsRemoved()), Long.toString(f.arrests()), f.confiscatedUsd().toPlainString(),
                    currencies(f.confiscatedByCurrency()),
                    Long.toString(c.listingsRemoved()), Long.toString(c.adsBlocked()),
                    Long.toString(c.accountsRemoved()), Long.toString(c.arrests()), c.confiscatedUsd().toPlainString(),
                    currencies(c.confiscatedByCurrency()),
                    Long.toString(row.membersAtYearEnd()), Long.toString(row.joined()), Long.toString(row.left()),
                    Boolean.toString(row.restated()),
                    row.restatedFigures().stream().map(FigureName::name).collect(Collectors.joining(";")),
                    String.join(";", row.restatedRecordIds())));
        }
        return csv.toString();
    }

    private static String currencies(Map<String, BigDecimal> amounts) {
        return amounts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toPlainString())
                .collect(Collectors.joining(";"));
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(escape(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** Quotes a cell holding a separator, quote or line break; a leading formula character is neutralised. */
    static String escape(String cell) {
        String value = cell == null ? "" : cell;
        if (!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?")) {
            value = "'" + value; // spreadsheet formula injection guard (labels come from client-supplied text)
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
