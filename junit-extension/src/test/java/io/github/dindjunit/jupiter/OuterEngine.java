package io.github.dindjunit.jupiter;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.github.dindjunit.core.internal.Ownership;
import io.github.dindjunit.core.DinDContainer;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/** Looks at the engine that runs the DinD containers, to see what the extension created and removed. */
final class OuterEngine {

    private OuterEngine() {
    }

    static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /** Returns the container in which the daemon behind {@code info.getName()} runs. */
    static InspectContainerResponse inspectDaemonContainer(String hostname) {
        return client().inspectContainerCmd(hostname).exec();
    }

    static boolean containerExists(String id) {
        try {
            client().inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    static boolean volumeExists(String name) {
        try {
            client().inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Returns every container, running or not, that this JVM created with the library's label. Containers of
     * other builds on the same engine are left out, so that parallel builds do not disturb the check.
     */
    static List<Container> labelledContainers() {
        return client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(DinDContainer.LABEL, "true", "org.testcontainers.sessionId",
                        DockerClientFactory.SESSION_ID))
                .exec();
    }

    /** Returns every volume that this JVM created through the library, found by its run ID label. */
    static List<InspectVolumeResponse> labelledVolumes() {
        List<InspectVolumeResponse> volumes = client().listVolumesCmd()
                .withFilter("label", List.of(Ownership.RUN_ID + "=" + Ownership.current().runId()))
                .exec()
                .getVolumes();
        return volumes == null ? List.of() : volumes;
    }

    /** Returns every network that this JVM created through the library, found by its run ID label. */
    static List<Network> labelledNetworks() {
        return client().listNetworksCmd()
                .withFilter("label", List.of(Ownership.RUN_ID + "=" + Ownership.current().runId()))
                .exec();
    }
}
