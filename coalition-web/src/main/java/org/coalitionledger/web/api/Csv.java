package org.coalitionledger.web.api;

import java.util.Arrays;
import java.util.List;

/**
 * The one CSV writer (RFC 4180): comma-separated, CRLF line ends, a cell holding a comma, quote or line break is
 * quoted with inner quotes doubled. Sent as UTF-8. A cell starting with {@code = + - @}, TAB or CR gets a leading
 * apostrophe, so a spreadsheet shows the text instead of running it as a formula (names and reasons are
 * client-supplied text).
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv;charset=UTF-8";

    private final StringBuilder text = new StringBuilder();
    private final int columns;

    Csv(List<String> header) {
        this.columns = header.size();
        line(header);
    }

    /** One row; null cells are empty. */
    Csv row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells under " + columns + " columns");
        }
        line(Arrays.stream(cells).map(cell -> cell == null ? "" : cell.toString()).toList());
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void line(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells.get(i)));
        }
        text.append("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
