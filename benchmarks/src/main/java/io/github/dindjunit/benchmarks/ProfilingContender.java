package io.github.dindjunit.benchmarks;

import java.time.Duration;
import java.time.Instant;

/** This library's start through {@link ProfiledDinDContainer}, to see which step takes how long. */
final class ProfilingContender implements Contender {

    private final String image;

    ProfilingContender(String image) {
        this.image = image;
    }

    @Override
    public String name() {
        return "this library, profiled";
    }

    @Override
    public String description() {
        return "new ProfiledDinDContainer(image).start(), with the time of each Testcontainers hook";
    }

    @Override
    public RunResult run() throws InterruptedException {
        ProfiledDinDContainer daemon = new ProfiledDinDContainer(image);
        daemon.withLabel(OuterEngine.BENCHMARK_LABEL, "profile");
        Stopwatch ready = Stopwatch.start();
        try {
            daemon.start();
            Duration readyTime = ready.elapsed();
            Instant readyAt = Instant.now();

            Duration listenToReady = Duration.between(OuterEngine.apiListenedAt(daemon.getContainerId()), readyAt);
            return new RunResult(readyTime, null, daemon.phases(), listenToReady);
        } finally {
            daemon.stop();
        }
    }
}
