package io.github.dindjunit.core.internal;

import io.github.dindjunit.core.DaemonStartupException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The messages of {@link DaemonStartupException}, written once for every place that detects a failure. */
public final class StartupFailures {

    /** How many lines of the container log a message carries. */
    public static final int LOG_TAIL_LINES = 40;

    private StartupFailures() {
    }

    /**
     * Describes a container that stopped running before its daemon responded.
     *
     * @param image the container's image
     * @param exitCode the container's exit code
     * @param log the container's whole log
     * @param cause the last failed attempt to reach the daemon, if any
     */
    public static DaemonStartupException exitedBeforeReady(String image, @Nullable Long exitCode, String log,
            @Nullable Throwable cause) {
        return new DaemonStartupException(String.format(
                "DinD container from image %s exited with code %s before its daemon responded. Check the daemon"
                        + " flags and that the image follows the docker:dind contract. Last lines of the"
                        + " container log:%n%s",
                image, exitCode, LogTail.of(log, LOG_TAIL_LINES)), cause);
    }

    /**
     * Describes a daemon that did not respond within the start-up timeout.
     *
     * @param image the container's image
     * @param timeout the start-up timeout
     * @param log the container's whole log
     * @param lastFailure the last failed attempt to reach the daemon, if any
     */
    public static DaemonStartupException timedOut(String image, Duration timeout, String log,
            @Nullable Throwable lastFailure) {
        return new DaemonStartupException(String.format(
                "DinD daemon from image %s did not respond to an authenticated ping within %s (last error: %s). If"
                        + " the machine is slow, raise the start-up timeout; otherwise check that the image"
                        + " follows the docker:dind contract. Last lines of the container log:%n%s",
                image, Durations.format(timeout), describe(lastFailure), LogTail.of(log, LOG_TAIL_LINES)),
                lastFailure);
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
