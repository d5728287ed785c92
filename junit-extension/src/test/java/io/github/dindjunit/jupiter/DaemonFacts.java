package io.github.dindjunit.jupiter;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Info;
import java.util.List;
import java.util.Objects;

/**
 * What a test fixture saw of its daemon: the daemon's own ID, and the container and volumes that hold it on
 * the outer engine.
 */
record DaemonFacts(String daemonId, String containerId, List<String> volumeNames) {

    static DaemonFacts of(DockerClient docker) {
        Info info = docker.infoCmd().exec();
        // Testcontainers leaves the hostname at its default, the container's short ID, and info reports it.
        InspectContainerResponse container = OuterEngine.inspectDaemonContainer(info.getName());
        List<String> volumes = container.getMounts().stream()
                .map(InspectContainerResponse.Mount::getName)
                .filter(Objects::nonNull)
                .toList();
        return new DaemonFacts(info.getId(), container.getId(), volumes);
    }
}
