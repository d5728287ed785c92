package io.github.dindjunit.jupiter;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DinDContainer;
import io.github.dindjunit.core.DockerDaemon;
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
    private final DockerDaemon handle;
    private final Runnable afterStop;
    private boolean closed;

    private StartedDaemon(DinDContainer container, Runnable afterStop) {
        this.container = container;
        this.handle = DockerDaemon.of(container);
        this.afterStop = afterStop;
    }

    static StartedDaemon start(DaemonSettings settings) {
        return start(settings, () -> { });
    }

    /**
     * Starts a daemon.
     *
     * @param afterStop runs once the container is removed, or at once if it fails to start
     */
    static StartedDaemon start(DaemonSettings settings, Runnable afterStop) {
        DinDContainer container = new DinDContainer(settings.image())
                .withStartupTimeout(settings.startupTimeout())
                .withDaemonOptions(settings.options());
        if (settings.rootless()) {
            container.withRootless();
        }
        try {
            container.start();
        } catch (RuntimeException e) {
            afterStop.run();
            throw e;
        }
        return new StartedDaemon(container, afterStop);
    }

    DockerClient client() {
        return container.getClient();
    }

    DockerDaemon handle() {
        return handle;
    }

    DinDContainer container() {
        return container;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            container.stop();
        } finally {
            afterStop.run();
        }
    }
}
