package io.github.dindjunit.core.internal;

import io.github.dindjunit.core.DaemonStartupException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The messages of {@link DaemonStartupException}, written once for every place that detects a failure. */
public final class StartupFailures {

    /** How many lines of the container log a message carries. */
    public static final int LOG_TAIL_LINES = 40;

    /** The error text of runc when the engine may not grant the capabilities of a privileged container. */
    static final String CAPABILITIES_REFUSED = "unable to apply caps: operation not permitted";

    private StartupFailures() {
    }

    /**
     * Describes a container that stopped running before its daemon answered.
     *
     * @param image the container's image
     * @param exitCode the container's exit code
     * @param log the container's whole log
     * @param cause the last failed attempt to reach the daemon, if any
     */
    public static DaemonStartupException exitedBeforeReady(String image, @Nullable Long exitCode, String log,
            @Nullable Throwable cause) {
        return new DaemonStartupException(String.format(
                "DinD container from image %s exited with code %s before its daemon answered. Check the daemon"
                        + " flags and that the image follows the docker:dind contract. Last lines of the"
                        + " container log:%n%s",
                image, exitCode, LogTail.of(log, LOG_TAIL_LINES)), cause);
    }

    /**
     * Describes a daemon that did not answer within the start-up timeout.
     *
     * @param image the container's image
     * @param timeout the start-up timeout
     * @param log the container's whole log
     * @param lastFailure the last failed attempt to reach the daemon, if any
     */
    public static DaemonStartupException timedOut(String image, Duration timeout, String log,
            @Nullable Throwable lastFailure) {
        return new DaemonStartupException(String.format(
                "DinD daemon from image %s did not answer an authenticated ping within %s (last error: %s). If"
                        + " the machine is slow, raise the start-up timeout; otherwise check that the image"
                        + " follows the docker:dind contract. Last lines of the container log:%n%s",
                image, Durations.format(timeout), describe(lastFailure), LogTail.of(log, LOG_TAIL_LINES)),
                lastFailure);
    }

    /**
     * Describes a container that the engine refused to start because it may not grant the capabilities of a
     * privileged container, or returns {@code null} if the failure is something else.
     *
     * @param image the container's image
     * @param failure the failure of starting the container
     */
    public static @Nullable DaemonStartupException privilegedRefused(String image, Throwable failure) {
        String message = rootMessage(failure);
        if (!message.contains(CAPABILITIES_REFUSED)) {
            return null;
        }
        return new DaemonStartupException(String.format(
                "Docker engine refused to start the privileged DinD container from image %s: %s. A Docker daemon"
                        + " needs a privileged container, and this engine (or the container or VM it runs in) may"
                        + " not grant every capability. Run the tests on an engine that allows privileged"
                        + " containers, such as a CI runner with privileged mode enabled.",
                image, message.strip()), failure);
    }

    /**
     * Describes a Docker engine that Testcontainers cannot reach.
     *
     * @param image the image that was to run, for the message
     * @param failure what Testcontainers reported, if anything
     */
    public static DaemonStartupException engineUnreachable(String image, @Nullable Throwable failure) {
        return new DaemonStartupException(String.format(
                "Failed to start a DinD container from image %s: Testcontainers found no reachable Docker engine."
                        + " It tries, in order, tc.host in ~/.testcontainers.properties, DOCKER_HOST, and the"
                        + " usual local sockets; its log lists each attempt. Start a Docker engine, or point"
                        + " DOCKER_HOST at one.",
                image), failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static String describe(@Nullable Throwable failure) {
        if (failure == null) {
            return "none";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
