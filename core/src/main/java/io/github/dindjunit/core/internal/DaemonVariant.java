package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerConfig;
import io.github.dindjunit.core.DaemonStartupException;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The two variants of the {@code docker:dind} image contract and what each expects of a container: who runs
 * dockerd, where it keeps its data, and where its Unix socket lies.
 *
 * <ul>
 *   <li>The default variant ({@code docker:<version>-dind}): dockerd runs as root, keeps its data in
 *       {@code /var/lib/docker} and serves {@code /var/run/docker.sock}.</li>
 *   <li>The rootless variant ({@code docker:<version>-dind-rootless}): dockerd runs as the image's unprivileged
 *       user (uid 1000, {@code rootless}, in the official images) under rootlesskit, keeps its data in
 *       {@code /home/rootless/.local/share/docker} and serves {@code $XDG_RUNTIME_DIR/docker.sock}, by default
 *       {@code /run/user/<uid>/docker.sock}.</li>
 * </ul>
 */
public enum DaemonVariant {

    /** dockerd runs as root inside the container. */
    ROOTFUL("/var/lib/docker"),

    /** dockerd runs as the image's unprivileged user under rootlesskit. */
    ROOTLESS("/home/rootless/.local/share/docker");

    private static final String ROOTFUL_SOCKET = "/var/run/docker.sock";

    private final String dataDirectory;

    DaemonVariant(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Returns the directory where dockerd keeps its data, which the container mounts as an anonymous volume. */
    public String dataDirectory() {
        return dataDirectory;
    }

    /**
     * Resolves the user that a created container runs as, and checks that it matches this variant: root for
     * the default variant, an unprivileged user for the rootless one. It reads the container's configuration
     * and copies its account files out, so it runs nothing inside the container.
     *
     * @param docker the engine that created the container
     * @param containerId the created container
     * @param image the container's image, for messages
     * @param suggestedImage an image of this variant, for messages
     * @return the daemon's user and the path of its socket inside the container
     * @throws DaemonStartupException if the user does not match this variant or cannot be resolved
     */
    public InnerDaemon inspect(DockerClient docker, String containerId, String image, String suggestedImage) {
        ContainerConfig config = docker.inspectContainerCmd(containerId).exec().getConfig();
        String userSpec = config.getUser();

        ContainerUser user;
        try {
            user = ContainerUser.read(docker, containerId, userSpec);
        } catch (IllegalArgumentException e) {
            throw StartupFailures.unresolvableUser(image, String.valueOf(userSpec), e);
        }
        if (user.isRoot() == (this == ROOTLESS)) {
            throw StartupFailures.variantMismatch(image, user, this == ROOTLESS, suggestedImage);
        }

        return new InnerDaemon(user, socketPath(user, config.getEnv()));
    }

    private String socketPath(ContainerUser user, String @Nullable [] environment) {
        if (this == ROOTFUL) {
            return ROOTFUL_SOCKET;
        }
        // The rootless entrypoint and dockerd-rootless.sh put the socket in XDG_RUNTIME_DIR, which the image
        // may set, and which defaults to the user's /run/user/<uid>.
        String runtimeDirectory = environmentVariable(environment, "XDG_RUNTIME_DIR")
                .filter(value -> !value.isEmpty())
                .orElse("/run/user/" + user.uid());
        return runtimeDirectory + "/docker.sock";
    }

    private static Optional<String> environmentVariable(String @Nullable [] environment, String name) {
        if (environment == null) {
            return Optional.empty();
        }
        return Arrays.stream(environment)
                .filter(entry -> entry.startsWith(name + "="))
                .map(entry -> entry.substring(name.length() + 1))
                .reduce((first, second) -> second);
    }

    /**
     * The user and the socket of the daemon in a created container.
     *
     * @param user the user that dockerd runs as
     * @param socketPath the path of dockerd's Unix socket inside the container
     */
    public record InnerDaemon(ContainerUser user, String socketPath) {
    }
}
