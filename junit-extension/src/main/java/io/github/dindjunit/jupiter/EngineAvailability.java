package io.github.dindjunit.jupiter;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Whether Testcontainers reaches a Docker engine, checked once per test run and kept in the root context's
 * store. Tests put their own instance there first to act as if no engine were reachable.
 *
 * @param available whether an engine responded
 */
record EngineAvailability(boolean available) {

    /** Testcontainers' page on the container runtimes it finds and on what to do when it finds none. */
    static final String HELP_URL = "https://java.testcontainers.org/on_failure.html";

    /** Returns whether an engine is reachable, checking on the first call of the run. */
    static boolean isAvailable(ExtensionContext context) {
        return context.getRoot().getStore(DinDExtension.NAMESPACE).getOrComputeIfAbsent(EngineAvailability.class,
                key -> new EngineAvailability(DockerClientFactory.instance().isDockerAvailable()),
                EngineAvailability.class).available();
    }
}
