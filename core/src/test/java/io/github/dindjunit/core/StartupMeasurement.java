package io.github.dindjunit.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Measures how long the default and the rootless variant take from {@link DinDContainer#start()} until the
 * daemon responds over TLS, side by side: the rounds alternate, so that both variants see the same machine load.
 * It asserts nothing about the times, which only a benchmark compares.
 *
 * <p>Its name does not match Surefire's test patterns, so the build skips it. Run it with
 * {@code mvn -B -ntp verify -pl core -Dtest=StartupMeasurement -Dsurefire.failIfNoSpecifiedTests=false}; set
 * the number of rounds with {@code -Ddind.measure.rounds=N} (default 7). It prints the result as a Markdown
 * table on standard output.
 */
class StartupMeasurement {

    private static final String ROOTFUL_IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    private static final String ROOTLESS_IMAGE =
            System.getProperty("dind.rootless.image", DinDContainer.DEFAULT_ROOTLESS_IMAGE);

    private static final int ROUNDS = Integer.getInteger("dind.measure.rounds", 7);

    @Test
    void measureBothVariants() {
        Supplier<DinDContainer> rootful = () -> new DinDContainer(ROOTFUL_IMAGE);
        Supplier<DinDContainer> rootless = () -> new DinDContainer(ROOTLESS_IMAGE).withRootless();

        // One unmeasured start of each loads the classes and warms the engine's caches.
        timeStart(rootful);
        timeStart(rootless);

        List<Duration> rootfulTimes = new ArrayList<>();
        List<Duration> rootlessTimes = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            rootfulTimes.add(timeStart(rootful));
            rootlessTimes.add(timeStart(rootless));
        }

        Duration rootfulMedian = median(rootfulTimes);
        Duration rootlessMedian = median(rootlessTimes);
        System.out.printf(Locale.ROOT, "%n| variant | image | median | min | max | rounds |%n");
        System.out.printf(Locale.ROOT, "| --- | --- | --- | --- | --- | --- |%n");
        System.out.print(row("default", ROOTFUL_IMAGE, rootfulTimes));
        System.out.print(row("rootless", ROOTLESS_IMAGE, rootlessTimes));
        System.out.printf(Locale.ROOT, "%nrootless / default median: %.2f%n",
                (double) rootlessMedian.toNanos() / rootfulMedian.toNanos());
    }

    /** Starts and stops one daemon, and returns the time from start() until it responded over TLS. */
    private static Duration timeStart(Supplier<DinDContainer> variant) {
        try (DinDContainer daemon = variant.get()) {
            long startedAt = System.nanoTime();
            daemon.start();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);

            // start() returns once a ping succeeded; one more proves the client still works after the clock stops.
            daemon.getClient().pingCmd().exec();
            return elapsed;
        }
    }

    private static String row(String variant, String image, List<Duration> times) {
        return String.format(Locale.ROOT, "| %s | `%s` | %.2f s | %.2f s | %.2f s | %d |%n", variant, image,
                seconds(median(times)), seconds(Collections.min(times)), seconds(Collections.max(times)),
                times.size());
    }

    private static Duration median(List<Duration> times) {
        List<Duration> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        return sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
