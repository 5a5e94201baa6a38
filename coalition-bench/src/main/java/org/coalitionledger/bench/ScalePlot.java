package org.coalitionledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How each cost grows with the event count: plain SVG line plots, log-log, one line per figure, written by hand
 * (no plotting library needed to build or view them). One plot of the ratios to the limits, one of p99 latencies.
 */
final class ScalePlot {

    private static final int WIDTH = 880;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 420;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    /** Past the colours, the same colours again, dashed: no two lines look alike. */
    private static final String DASHED = " stroke-dasharray=\"7 4\"";

    /** One line: its name and its (N, value) points. */
    record Series(String name, List<double[]> points) {
    }

    private ScalePlot() {
    }

    static String ratios(List<Map<String, Double>> runs) {
        List<Series> series = new ArrayList<>();
        for (ScaleReport.RatioRow row : ScaleReport.RATIOS) {
            series.add(series(runs, row.label().replaceAll(" \\(.*\\)$", ""), row.key(), row.limitKey()));
        }
        return svg("Each figure / its limit in the same run, by event count", "ratio to limit", series);
    }

    static String latencies(List<Map<String, Double>> runs) {
        List<Series> series = new ArrayList<>();
        for (ScaleReport.LatencyRow row : ScaleReport.LATENCIES) {
            series.add(series(runs, row.label().replace("`", ""), row.key() + ".p99", null));
        }
        return svg("p99 latency by event count", "p99, ms", series);
    }

    private static Series series(List<Map<String, Double>> runs, String name, String key, String limitKey) {
        List<double[]> points = new ArrayList<>();
        for (Map<String, Double> run : runs) {
            Double value = run.get(key);
            Double limit = limitKey == null ? Double.valueOf(1) : run.get(limitKey);
            if (value != null && limit != null && limit > 0 && value > 0) {
                points.add(new double[]{run.get(ScaleReport.N), value / limit});
            }
        }
        return new Series(name, points);
    }

    static String svg(String title, String yLabel, List<Series> series) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, Math.log10(p[0]));
                maxX = Math.max(maxX, Math.log10(p[0]));
                minY = Math.min(minY, Math.log10(p[1]));
                maxY = Math.max(maxY, Math.log10(p[1]));
            }
        }
        if (minX > maxX) {
            minX = 4;
            maxX = 6;
            minY = -3;
            maxY = 0;
        }
        // Whole decades, at least one wide on each axis, so a single event count still plots.
        minX = Math.floor(minX);
        maxX = Math.max(minX + 1, Math.ceil(maxX));
        minY = Math.floor(minY);
        maxY = Math.max(minY + 1, Math.ceil(maxY));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                + "font-size=\"12\">%n", WIDTH, HEIGHT));
        s.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        s.append(f("<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n", LEFT - 40, escape(title)));
        for (double d = minY; d <= maxY + 1e-9; d++) {
            double y = TOP + plotH - plotH * (d - minY) / (maxY - minY);
            s.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, LEFT + plotW,
                    y));
            s.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4,
                    label(Math.pow(10, d))));
        }
        for (double d = minX; d <= maxX + 1e-9; d++) {
            double x = LEFT + plotW * (d - minX) / (maxX - minX);
            s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + plotH + 18,
                    label(Math.pow(10, d))));
        }
        s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">events stored, N (log scale)</text>%n",
                LEFT + plotW / 2, HEIGHT - 10));
        s.append(f("<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s (log scale)"
                + "</text>%n", TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
        s.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, TOP + plotH,
                LEFT + plotW, TOP + plotH));
        s.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, TOP, LEFT,
                TOP + plotH));
        for (int i = 0; i < series.size(); i++) {
            Series line = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            String stroke = "stroke=\"" + colour + "\"" + ((i / COLOURS.length) % 2 == 1 ? DASHED : "");
            StringBuilder points = new StringBuilder();
            for (double[] p : line.points()) {
                double x = LEFT + plotW * (Math.log10(p[0]) - minX) / (maxX - minX);
                double y = TOP + plotH - plotH * (Math.log10(p[1]) - minY) / (maxY - minY);
                points.append(f("%.1f,%.1f ", x, y));
                s.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n", x, y, colour));
            }
            if (line.points().size() > 1) {
                s.append(f("<polyline points=\"%s\" fill=\"none\" %s stroke-width=\"2\"/>%n",
                        points.toString().trim(), stroke));
            }
            int legendY = TOP + 10 + i * 20;
            s.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" %s stroke-width=\"2\"/>%n",
                    LEFT + plotW + 12, legendY, LEFT + plotW + 30, legendY, stroke));
            s.append(f("<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n", LEFT + plotW + 34, legendY + 4,
                    escape(line.name())));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String label(double value) {
        return value >= 1 ? f("%,.0f", value) : f("%s", Double.toString(value));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
