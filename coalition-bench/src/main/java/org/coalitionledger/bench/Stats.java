package org.coalitionledger.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Median and spread of a few repetitions. With a handful of samples a percentile is just an order statistic, so
 * the spread reported is min–max; shared, noisy machines make the median the figure to compare.
 */
record Stats(double median, double min, double max, int samples) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], n);
    }

    /** "median (min–max)", rounded to whole units. */
    String format() {
        return String.format("%,.0f (%,.0f–%,.0f)", median, min, max);
    }
}
