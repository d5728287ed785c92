package io.github.dindjunit.core;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Thrown when a DinD daemon does not become ready: its container could not be created or started, exited
 * early, or did not respond to an authenticated request within the start-up timeout.
 *
 * <p>The message names the image and, where the container ran, ends with the last lines of its log.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public class DaemonStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what failed, on which image, and what to do about it
     * @param cause the underlying failure, or {@code null} if there is none
     */
    public DaemonStartupException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
    }
}
