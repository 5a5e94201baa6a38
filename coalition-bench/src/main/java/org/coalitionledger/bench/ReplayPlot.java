package org.coalitionledger.bench;

import java.util.List;
import java.util.Locale;

/**
 * Replay events/s against batch size (log scale), one line per database, with that database's raw-scan limit as a
 * dashed line. Plain SVG written by hand: no plotting library is needed to build or view it.
 */
final class ReplayPlot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 160;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    private ReplayPlot() {
    }

    static String svg(List<ReplayBenchmark.DatabaseResult> results) {
        double maxRate = 1;
        double minBatch = Double.MAX_VALUE;
        double maxBatch = 1;
        for (ReplayBenchmark.DatabaseResult r : results) {
            maxRate = Math.max(maxRate, r.scan().median());
            for (ReplayBenchmark.Replay replay : r.replays()) {
                maxRate = Math.max(maxRate, rate(replay));
                minBatch = Math.min(minBatch, replay.batchSize());
                maxBatch = Math.max(maxBatch, replay.batchSize());
            }
        }
        double yMax = niceCeiling(maxRate * 1.05);
        double logMin = Math.log10(minBatch);
        double logMax = Math.max(logMin + 1, Math.log10(maxBatch));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">coalition-views replay: "
                + "events/s by batch size (median; dashed: raw scan limit)</text>%n", LEFT - 40));
        // Axes, y grid and labels.
        for (int i = 0; i <= 5; i++) {
            double value = yMax * i / 5;
            double y = TOP + plotH - plotH * value / yMax;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, LEFT + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,.0f</text>%n",
                    LEFT - 6, y + 4, value));
        }
        for (ReplayBenchmark.Replay replay : results.get(0).replays()) {
            double x = x(replay.batchSize(), logMin, logMax, plotW);
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x, TOP + plotH + 18, replay.batchSize()));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">batch size "
                + "(log scale)</text>%n", LEFT + plotW / 2, HEIGHT - 10));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP, LEFT, TOP + plotH));
        for (int d = 0; d < results.size(); d++) {
            ReplayBenchmark.DatabaseResult r = results.get(d);
            String colour = COLOURS[d % COLOURS.length];
            double limitY = TOP + plotH - plotH * r.scan().median() / yMax;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-dasharray=\"6,4\"/>%n", LEFT, limitY, LEFT + plotW, limitY, colour));
            StringBuilder points = new StringBuilder();
            for (ReplayBenchmark.Replay replay : r.replays()) {
                double x = x(replay.batchSize(), logMin, logMax, plotW);
                double y = TOP + plotH - plotH * rate(replay) / yMax;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>%n",
                        x, y, replay.timedOut() ? "white" : colour));
            }
            s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", points.toString().trim(), colour));
            int legendY = TOP + 20 + d * 36;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", LEFT + plotW + 12, legendY, LEFT + plotW + 32, legendY, colour));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 36,
                    legendY + 4, r.database().label()));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">limit %,.0f/s</text>%n",
                    LEFT + plotW + 36, legendY + 18, r.scan().median()));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** The median, or for a replay that timed out the rate it had reached (drawn as an open circle). */
    private static double rate(ReplayBenchmark.Replay replay) {
        return replay.timedOut() ? replay.partialRate() : replay.rate().median();
    }

    private static double x(int batchSize, double logMin, double logMax, int plotW) {
        return LEFT + 20 + (plotW - 40) * (Math.log10(batchSize) - logMin) / (logMax - logMin);
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
