package io.github.dindjunit.jupiter;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DinDContainer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A running daemon in JUnit's {@link ExtensionContext.Store}. JUnit closes it when the scope that owns it
 * ends, whether its tests passed or not; closing removes the container and its volume.
 *
 * <p>It implements both {@code AutoCloseable}, which JUnit 5.13 and later close, and the older
 * {@code CloseableResource}, which JUnit 5.10 to 5.12 close. JUnit closes it once in either case, and a
 * second close does nothing.
 */
@SuppressWarnings("deprecation") // CloseableResource keeps JUnit 5.10 to 5.12 working.
final class StartedDaemon implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final DinDContainer container;

    private StartedDaemon(DinDContainer container) {
        this.container = container;
    }

    static StartedDaemon start(DaemonSettings settings) {
        DinDContainer container = new DinDContainer(settings.image())
                .withStartupTimeout(settings.startupTimeout())
                .withDaemonOptions(settings.options());
        container.start();
        return new StartedDaemon(container);
    }

    DockerClient client() {
        return container.getClient();
    }

    DinDContainer container() {
        return container;
    }

    @Override
    public void close() {
        container.stop();
    }
}
