package io.github.dindjunit.core;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ContainerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link DaemonOptions} into the entrypoint and command of a DinD container.
 *
 * <p>Flags go after the image's command, because the {@code docker:dind} entrypoint passes a first argument
 * that starts with {@code -}, and everything after it, to {@code dockerd}. Without an explicit MTU, a small
 * {@code sh} wrapper reads {@code /sys/class/net/eth0/mtu} when the container starts and adds
 * {@code --mtu=<that>}, because the interface exists only then.
 */
final class DaemonCommandLine {

    /** The name the wrapper runs under, seen as {@code $0} and in {@code ps}. */
    static final String WRAPPER_NAME = "dind-junit-mtu";

    /** Adds {@code --mtu} with eth0's MTU when the interface exists, then runs the original entrypoint. */
    static final String MTU_WRAPPER = "if mtu=$(cat /sys/class/net/eth0/mtu 2>/dev/null); then set -- \"$@\""
            + " \"--mtu=$mtu\"; fi; exec \"$@\"";

    private DaemonCommandLine() {
    }

    /**
     * Sets the entrypoint and command of a DinD container.
     *
     * @param create the command being built
     * @param options the daemon's options
     * @param image the image's own configuration, whose entrypoint and command the container would run
     */
    static void apply(CreateContainerCmd create, DaemonOptions options, @Nullable ContainerConfig image) {
        List<String> command = new ArrayList<>(listOf(create.getCmd() != null ? create.getCmd()
                : image == null ? null : image.getCmd()));
        command.addAll(options.dockerdArguments());

        if (options.mtu().isPresent()) {
            if (!options.dockerdArguments().isEmpty()) {
                create.withCmd(command);
            }
            return;
        }

        List<String> entrypoint = new ArrayList<>(List.of("/bin/sh", "-c", MTU_WRAPPER, WRAPPER_NAME));
        entrypoint.addAll(listOf(create.getEntrypoint() != null ? create.getEntrypoint()
                : image == null ? null : image.getEntrypoint()));
        create.withEntrypoint(entrypoint);
        create.withCmd(command);
    }

    private static List<String> listOf(String @Nullable [] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
