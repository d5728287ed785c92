package io.github.dindjunit.core.internal;

import io.github.dindjunit.core.DaemonOptions;
import java.util.Map;

/**
 * Rejects container settings that would undo what the library sets up (TLS with its own certificates on port
 * 2376 and a privileged container), and daemon options that the chosen variant cannot use.
 */
public final class ReservedSettings {

    /** The certificate directory that the library fills before the container starts. */
    public static final String CERTIFICATE_DIRECTORY = "/certs";

    private ReservedSettings() {
    }

    /**
     * Checks that the variant's dockerd can write to the chosen data directory.
     *
     * @param image the container's image, for the message
     * @param rootless whether the rootless variant is chosen
     * @param dataDirectory the chosen data directory
     * @throws IllegalArgumentException for the rootless variant with a tmpfs; the message names the fix
     */
    public static void checkDataDirectory(String image, boolean rootless, DaemonOptions.DataDirectory dataDirectory) {
        if (rootless && dataDirectory == DaemonOptions.DataDirectory.TMPFS) {
            throw new IllegalArgumentException("Invalid data directory TMPFS for the rootless variant of DinD " + image
                    + ": Docker mounts a tmpfs owned by root, and rootless dockerd runs as an unprivileged user that"
                    + " cannot write to it. Use DataDirectory.VOLUME, the default, with the rootless variant.");
        }
    }

    /**
     * Checks the settings of a container before it is created.
     *
     * @param image the container's image, for the message
     * @param environment the container's environment
     * @param privileged whether the container is privileged
     * @throws IllegalArgumentException if a setting conflicts; the message names it and the fix
     */
    public static void check(String image, Map<String, String> environment, boolean privileged) {
        String certificateDirectory = environment.get("DOCKER_TLS_CERTDIR");
        if (!CERTIFICATE_DIRECTORY.equals(certificateDirectory)) {
            throw new IllegalArgumentException(String.format(
                    "Invalid environment DOCKER_TLS_CERTDIR=%s for DinD image %s: dind-junit sets it to %s, where it"
                            + " puts the certificates it made for this daemon; another value makes the daemon"
                            + " generate its own or listen without TLS. Remove the withEnv(\"DOCKER_TLS_CERTDIR\","
                            + " ...) call.",
                    certificateDirectory, image, CERTIFICATE_DIRECTORY));
        }
        String dockerHost = environment.get("DOCKER_HOST");
        if (dockerHost != null) {
            throw new IllegalArgumentException(String.format(
                    "Invalid environment DOCKER_HOST=%s for DinD image %s: dind-junit decides where the daemon"
                            + " listens (TLS on port 2376), while DOCKER_HOST in the container moves the daemon's"
                            + " socket (official entrypoint) and redirects the docker CLI inside it. Remove the"
                            + " withEnv(\"DOCKER_HOST\", ...) call; use getClient() or"
                            + " getDockerHostUri() to reach the daemon.",
                    dockerHost, image));
        }
        if (!privileged) {
            throw new IllegalArgumentException(String.format(
                    "Invalid privileged mode false for DinD image %s: a Docker daemon needs a privileged container"
                            + " to create namespaces, cgroups and mounts. Remove the withPrivilegedMode(false) call.",
                    image));
        }
    }
}
