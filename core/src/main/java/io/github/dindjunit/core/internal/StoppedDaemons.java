package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Optional;
import org.testcontainers.utility.LogUtils;

/**
 * Checks whether a daemon's container has stopped after it was ready, and describes how, so that a test that
 * fails because its daemon is gone reports that instead of only a refused connection.
 */
public final class StoppedDaemons {

    private StoppedDaemons() {
    }

    /**
     * Describes the daemon's end if its container is no longer running.
     *
     * @param engine the engine that runs the container
     * @param containerId the container's ID
     * @param image the container's image, for the message
     * @return a message naming the image, the container, the exit code and the last lines of the log, or empty
     *     if the container is running
     */
    public static Optional<String> describe(DockerClient engine, String containerId, String image) {
        InspectContainerResponse container;
        try {
            container = engine.inspectContainerCmd(containerId).exec();
        } catch (NotFoundException e) {
            return Optional.of(String.format("DinD daemon from image %s stopped during the test: its container %s"
                    + " was removed from the Docker engine by something other than dind-junit. The next test"
                    + " class gets a new daemon.", image, shortId(containerId)));
        }

        InspectContainerResponse.ContainerState state = container.getState();
        if (Boolean.TRUE.equals(state.getRunning())) {
            return Optional.empty();
        }
        return Optional.of(String.format("DinD daemon from image %s stopped during the test: its container %s"
                        + " exited with code %s at %s%s. Something killed or stopped the container, or the daemon"
                        + " crashed; the next test class gets a new daemon. Last lines of the container log:%n%s",
                image, shortId(containerId), state.getExitCodeLong(), state.getFinishedAt(),
                Boolean.TRUE.equals(state.getOOMKilled()) ? " after running out of memory" : "",
                LogTail.of(logs(engine, containerId), StartupFailures.LOG_TAIL_LINES)));
    }

    private static String logs(DockerClient engine, String containerId) {
        try {
            return LogUtils.getOutput(engine, containerId);
        } catch (RuntimeException e) {
            return "(log not available: " + e.getMessage() + ")";
        }
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
