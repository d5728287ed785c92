package io.github.dindjunit.core.internal;

import io.github.dindjunit.core.DaemonStartupException;
import java.time.Duration;
import java.util.Locale;
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

    /**
     * Describes an image whose user does not match the selected variant: a rootless image started as the
     * default variant, or a root image started as the rootless variant.
     *
     * @param image the container's image
     * @param user the user that the container runs as
     * @param rootlessSelected whether the rootless variant was selected
     * @param suggestedImage an image of the selected variant
     */
    public static DaemonStartupException variantMismatch(String image, ContainerUser user, boolean rootlessSelected,
            String suggestedImage) {
        if (rootlessSelected) {
            return new DaemonStartupException(String.format(
                    "DinD image %s runs as root, but the rootless variant needs an image whose user is"
                            + " unprivileged, as in the docker:<version>-dind-rootless images. Use such an image,"
                            + " for example %s, or select the default variant.",
                    image, suggestedImage), null);
        }
        return new DaemonStartupException(String.format(
                "DinD image %s runs as user %s (uid %d), so it follows the docker:<version>-dind-rootless"
                        + " contract, but the default variant was selected. Select the rootless variant"
                        + " (DinDContainer.withRootless(), or variant ROOTLESS in @DinD), or use a rootful image"
                        + " such as %s.",
                image, user.name(), user.uid(), suggestedImage), null);
    }

    /**
     * Describes a container whose user could not be resolved to numeric ids.
     *
     * @param image the container's image
     * @param userSpec the user in the container's configuration
     * @param cause what went wrong
     */
    public static DaemonStartupException unresolvableUser(String image, String userSpec, RuntimeException cause) {
        return new DaemonStartupException(String.format(
                "Failed to resolve user '%s' of DinD image %s to numeric ids: %s. The rootless variant needs the"
                        + " user in the image's /etc/passwd, as in the docker:<version>-dind-rootless images.",
                userSpec, image, cause.getMessage()), cause);
    }

    /**
     * Returns whether an engine's error message reports that it rejected a privileged container: an
     * authorization plugin's refusal, or runc failing to grant every capability, as it does when the engine's
     * own capability bounding set is incomplete.
     */
    public static boolean isPrivilegedRejection(String engineMessage) {
        String message = engineMessage.toLowerCase(Locale.ROOT);
        return message.contains("privileged") || message.contains("unable to apply caps");
    }

    /**
     * Describes an engine that rejected the privileged container that every DinD variant needs.
     *
     * @param image the container's image
     * @param engineMessage the engine's error message
     * @param cause the failure that carried it
     */
    public static DaemonStartupException privilegedRejected(String image, String engineMessage, Throwable cause) {
        return new DaemonStartupException(String.format(
                "The Docker engine rejected the privileged container for DinD image %s: %s. Both the default"
                        + " and the rootless variant need a privileged container, the rootless one because"
                        + " rootlesskit creates namespaces. Run the tests on an engine that allows privileged"
                        + " containers.",
                image, engineMessage), cause);
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
