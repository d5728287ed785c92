package io.github.dindjunit.jupiter;

import io.github.dindjunit.core.DinDContainer;
import io.github.dindjunit.core.internal.StoppedDaemons;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * Replaces the failure of a test whose daemon stopped during the test with one that names the stopped
 * daemon. Without it, the test shows only what the client saw, such as a refused connection, and the reader
 * must guess why.
 */
final class DaemonStoppedCheck {

    private DaemonStoppedCheck() {
    }

    /**
     * Returns the failure to report: a {@link DaemonStoppedException} with the original failure as its cause if
     * the daemon's container is no longer running, otherwise the original failure.
     */
    static Throwable explain(DinDContainer container, Throwable failure) {
        String containerId = container.getContainerId();
        if (containerId == null) {
            return failure;
        }
        Optional<String> description;
        try {
            description = StoppedDaemons.describe(DockerClientFactory.instance().client(), containerId,
                    container.getDockerImageName());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return failure;
        }
        return description.<Throwable>map(message -> new DaemonStoppedException(message, failure)).orElse(failure);
    }

    /** Thrown in place of a test's own failure when its daemon stopped during the test. */
    static final class DaemonStoppedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DaemonStoppedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
