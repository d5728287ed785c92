package io.github.dindjunit.core.internal;

import io.github.dindjunit.core.DaemonStartupException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The messages of {@link DaemonStartupException}, written once for every place that detects a failure. */
public final class StartupFailures {

    /** How many lines of the container log a message carries. */
    public static final int LOG_TAIL_LINES = 40;

    /** The error text of runc when the engine may not grant the capabilities of a privileged container. */
    static final String CAPABILITIES_REFUSED = "unable to apply caps: operation not permitted";

    /**
     * An authorization plugin's refusal, such as "privileged containers are not allowed". The word alone is not
     * enough, because Testcontainers' errors quote whole container configurations, with "privileged=true".
     */
    private static final Pattern PLUGIN_REFUSAL =
            Pattern.compile("\\bprivileged\\b[^=]{0,40}\\b(not allowed|disabled|denied|forbidden)");

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
     * Describes a failed start of an image whose entrypoint and command do not name {@code dockerd}: most likely
     * an image that is not a DinD image at all.
     *
     * @param image the container's image
     * @param startCommand the container's entrypoint and command, as text
     * @param suggestedImage an official image of the selected variant
     * @param failure how the start failed
     */
    public static DaemonStartupException notDinDImage(String image, String startCommand, String suggestedImage,
            Throwable failure) {
        return new DaemonStartupException(String.format(
                "DinD image %s does not look like a docker:dind image: its %s do not start dockerd, and the"
                        + " container failed to start a daemon. A DinD image must start dockerd through the"
                        + " docker:dind entrypoint (dockerd-entrypoint.sh), which serves the Docker API with TLS on"
                        + " port 2376 from the certificates in /certs/server. Use an official"
                        + " docker:<version>-dind image, such as %s, or an image built on one that keeps its"
                        + " entrypoint. The start failed with: %s",
                image, startCommand, suggestedImage, failure.getMessage()), failure);
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
        return message.contains(CAPABILITIES_REFUSED) || PLUGIN_REFUSAL.matcher(message).find();
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
        if (!isPrivilegedRejection(message)) {
            return null;
        }
        return new DaemonStartupException(String.format(
                "Docker engine refused to start the privileged DinD container from image %s: %s. A Docker daemon"
                        + " needs a privileged container, in the rootless variant too because rootlesskit creates"
                        + " namespaces, and this engine (or the container or VM it runs in) may not grant every"
                        + " capability. Run the tests on an engine that allows privileged containers, such as a CI"
                        + " runner with privileged mode enabled.",
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
