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
        List<String> command = new ArrayList<>(effectiveCommand(create, image));
        command.addAll(options.dockerdArguments());

        if (options.mtu().isPresent()) {
            if (!options.dockerdArguments().isEmpty()) {
                create.withCmd(command);
            }
            return;
        }

        List<String> entrypoint = new ArrayList<>(List.of("/bin/sh", "-c", MTU_WRAPPER, WRAPPER_NAME));
        entrypoint.addAll(effectiveEntrypoint(create, image));
        create.withEntrypoint(entrypoint);
        create.withCmd(command);
    }

    /**
     * Returns whether the container's entrypoint or command names {@code dockerd}, as the {@code docker:dind}
     * entrypoint {@code dockerd-entrypoint.sh} and the rootless one do. An image that fails this check may still
     * start dockerd through a script of another name, so the result only explains a failed start.
     *
     * @param create the command being built, before {@link #apply} changes it
     * @param image the image's own configuration
     */
    static boolean startsDockerd(CreateContainerCmd create, @Nullable ContainerConfig image) {
        List<String> words = new ArrayList<>(effectiveEntrypoint(create, image));
        words.addAll(effectiveCommand(create, image));
        return words.stream().anyMatch(word -> word.contains("dockerd"));
    }

    /** Returns the container's entrypoint and command for messages, such as {@code entrypoint [] and command [sh]}. */
    static String describeStartCommand(CreateContainerCmd create, @Nullable ContainerConfig image) {
        return "entrypoint " + effectiveEntrypoint(create, image)
                + " and command " + effectiveCommand(create, image);
    }

    /** Returns the entrypoint that was set, or the image's if none was set. */
    private static List<String> effectiveEntrypoint(CreateContainerCmd create, @Nullable ContainerConfig image) {
        if (create.getEntrypoint() != null) {
            return listOf(create.getEntrypoint());
        }
        return listOf(image == null ? null : image.getEntrypoint());
    }

    /**
     * Returns the command that was set, or the image's if none was set or it is empty. Testcontainers sets an
     * empty command unless withCommand() gives one, so an empty value means the image's.
     */
    private static List<String> effectiveCommand(CreateContainerCmd create, @Nullable ContainerConfig image) {
        String[] command = create.getCmd();
        if (command != null && command.length > 0) {
            return Arrays.asList(command);
        }
        return listOf(image == null ? null : image.getCmd());
    }

    private static List<String> listOf(String @Nullable [] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
