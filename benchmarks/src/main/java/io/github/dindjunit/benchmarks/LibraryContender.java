package io.github.dindjunit.benchmarks;

import io.github.dindjunit.core.DinDContainer;
import java.time.Duration;

/**
 * This library: from {@code new DinDContainer(image).start()} until {@link DinDContainer#getClient()} returns
 * a client whose daemon has responded to a ping; then, measured apart, {@link DinDContainer#stop()} until the
 * container and its volume are gone. {@link #rootless} measures the same for the rootless variant.
 */
final class LibraryContender implements Contender {

    private final String image;
    private final boolean rootless;

    LibraryContender(String image) {
        this(image, false);
    }

    private LibraryContender(String image, boolean rootless) {
        this.image = image;
        this.rootless = rootless;
    }

    /** Returns the contender that starts the given rootless image with {@link DinDContainer#withRootless()}. */
    static LibraryContender rootless(String image) {
        return new LibraryContender(image, true);
    }

    boolean isRootless() {
        return rootless;
    }

    @Override
    public String name() {
        return rootless ? "rootless variant" : "this library";
    }

    @Override
    public String description() {
        return rootless
                ? "new DinDContainer(\"" + image + "\").withRootless().start() until getClient() returns"
                : "new DinDContainer(image).start() until getClient() returns";
    }

    @Override
    public RunResult run() {
        Stopwatch ready = Stopwatch.start();
        DinDContainer daemon = new DinDContainer(image).withLabel(OuterEngine.BENCHMARK_LABEL,
                rootless ? "rootless" : "library");
        if (rootless) {
            daemon.withRootless();
        }
        try {
            daemon.start();
            daemon.getClient();
        } catch (RuntimeException e) {
            daemon.stop();
            throw e;
        }
        Duration readyTime = ready.elapsed();

        String containerId = daemon.getContainerId();
        String volume = OuterEngine.dataVolume(containerId,
                rootless ? OuterEngine.ROOTLESS_DATA_DIRECTORY : OuterEngine.DATA_DIRECTORY);
        Stopwatch teardown = Stopwatch.start();
        daemon.stop();
        Duration teardownTime = teardown.elapsed();
        OuterEngine.checkRemoved(containerId, volume);
        return RunResult.of(readyTime, teardownTime);
    }
}
