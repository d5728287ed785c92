package io.github.dindjunit.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Measures the time since it was started and the steps in between, with {@link System#nanoTime()}. */
final class Stopwatch {

    private final long startedAt = System.nanoTime();
    private long lastMark = startedAt;
    private final Map<String, Duration> phases = new LinkedHashMap<>();

    static Stopwatch start() {
        return new Stopwatch();
    }

    /** Records the time since the previous mark, or since the start, as the named step. */
    void mark(String phase) {
        long now = System.nanoTime();
        phases.merge(phase, Duration.ofNanos(now - lastMark), Duration::plus);
        lastMark = now;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    Map<String, Duration> phases() {
        return new LinkedHashMap<>(phases);
    }
}
