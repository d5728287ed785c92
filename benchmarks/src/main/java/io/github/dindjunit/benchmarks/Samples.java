package io.github.dindjunit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The measured runs of one contender; warm-up runs are kept apart from the runs that count. */
final class Samples {

    private final Contender contender;
    private final List<RunResult> warmups = new ArrayList<>();
    private final List<RunResult> runs = new ArrayList<>();

    Samples(Contender contender) {
        this.contender = contender;
    }

    Contender contender() {
        return contender;
    }

    void add(RunResult result, boolean warmup) {
        (warmup ? warmups : runs).add(result);
    }

    /** Returns the first warm-up run: the cost in a fresh JVM, with classes loaded and clients built once. */
    RunResult firstRun() {
        return warmups.isEmpty() ? runs.get(0) : warmups.get(0);
    }

    List<Duration> ready() {
        return runs.stream().map(RunResult::ready).toList();
    }

    Summary readySummary() {
        return Summary.of(ready());
    }

    boolean hasTeardown() {
        return runs.stream().allMatch(run -> run.teardown() != null);
    }

    List<Duration> teardown() {
        return runs.stream().map(RunResult::teardown).map(duration -> {
            if (duration == null) {
                throw new IllegalStateException(contender.name() + " does not measure teardown apart");
            }
            return duration;
        }).toList();
    }

    /** Returns the delays from the daemon's log line to the first successful ping, or {@code null} if unmeasured. */
    @Nullable Summary listenToReady() {
        List<Duration> delays = runs.stream().map(RunResult::listenToReady).filter(Objects::nonNull).toList();
        return delays.isEmpty() ? null : Summary.of(delays);
    }

    /** Returns the median of each observed step, in the order the steps happen. */
    Map<String, Duration> medianPhases() {
        Map<String, List<Duration>> byPhase = new LinkedHashMap<>();
        for (RunResult run : runs) {
            run.phases().forEach((phase, duration) ->
                    byPhase.computeIfAbsent(phase, key -> new ArrayList<>()).add(duration));
        }
        Map<String, Duration> medians = new LinkedHashMap<>();
        byPhase.forEach((phase, durations) -> medians.put(phase, Summary.of(durations).median()));
        return medians;
    }
}
