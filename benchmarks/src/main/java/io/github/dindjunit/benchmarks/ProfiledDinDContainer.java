package io.github.dindjunit.benchmarks;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.github.dindjunit.core.DinDContainer;
import java.time.Duration;
import java.util.Map;

/**
 * A {@link DinDContainer} that records when Testcontainers calls each of its hooks during {@link #start()},
 * which splits the start-up into the steps that Testcontainers and this library take. Each override only
 * records the time and calls the overridden method.
 */
final class ProfiledDinDContainer extends DinDContainer {

    private Stopwatch stopwatch = Stopwatch.start();

    ProfiledDinDContainer(String image) {
        super(image);
    }

    @Override
    public void start() {
        stopwatch = Stopwatch.start();
        super.start();
        stopwatch.mark("log and return");
    }

    Map<String, Duration> phases() {
        return stopwatch.phases();
    }

    @Override
    protected void configure() {
        stopwatch.mark("Testcontainers: check the engine client");
        super.configure();
        stopwatch.mark("configure, start key generation");
    }

    @Override
    protected void containerIsCreated(String containerId) {
        stopwatch.mark("Testcontainers: resolve image, create");
        super.containerIsCreated(containerId);
        stopwatch.mark("wait for keys, copy certificates in");
    }

    @Override
    protected void containerIsStarting(InspectContainerResponse containerInfo) {
        stopwatch.mark("Testcontainers: start, inspect for ports");
        super.containerIsStarting(containerInfo);
        stopwatch.mark("build client");
    }

    @Override
    protected void waitUntilContainerStarted() {
        stopwatch.mark("Testcontainers: start-up check");
        super.waitUntilContainerStarted();
        stopwatch.mark("wait for ping");
    }
}
