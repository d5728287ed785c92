package io.github.dindjunit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The median, minimum and maximum of a series of durations.
 *
 * @param median the middle value, or the mean of the two middle values of an even count
 * @param min the smallest value
 * @param max the largest value
 * @param count how many values there were
 */
record Summary(Duration median, Duration min, Duration max, int count) {

    static Summary of(List<Duration> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values to summarise");
        }
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        Duration median = sorted.size() % 2 == 1
                ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
        return new Summary(median, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    static String millis(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%d ms", Math.round(duration.toNanos() / 1e6));
    }

    static double ratio(Duration numerator, Duration denominator) {
        return (double) numerator.toNanos() / denominator.toNanos();
    }
}
