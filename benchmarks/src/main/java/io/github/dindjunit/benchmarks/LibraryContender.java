package io.github.dindjunit.benchmarks;

import io.github.dindjunit.core.DinDContainer;
import java.time.Duration;

/**
 * This library: from {@code new DinDContainer(image).start()} until {@link DinDContainer#getClient()} returns
 * a client whose daemon has responded to a ping; then, measured apart, {@link DinDContainer#stop()} until the
 * container and its volume are gone.
 */
final class LibraryContender implements Contender {

    private final String image;

    LibraryContender(String image) {
        this.image = image;
    }

    @Override
    public String name() {
        return "this library";
    }

    @Override
    public String description() {
        return "new DinDContainer(image).start() until getClient() returns";
    }

    @Override
    public RunResult run() {
        Stopwatch ready = Stopwatch.start();
        DinDContainer daemon = new DinDContainer(image).withLabel(OuterEngine.BENCHMARK_LABEL, "library");
        try {
            daemon.start();
            daemon.getClient();
        } catch (RuntimeException e) {
            daemon.stop();
            throw e;
        }
        Duration readyTime = ready.elapsed();

        String containerId = daemon.getContainerId();
        String volume = OuterEngine.dataVolume(containerId);
        Stopwatch teardown = Stopwatch.start();
        daemon.stop();
        Duration teardownTime = teardown.elapsed();
        OuterEngine.checkRemoved(containerId, volume);
        return RunResult.of(readyTime, teardownTime);
    }
}
