package io.github.dindjunit.jupiter;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Helpers that fixtures use to put things into a DinD daemon. */
final class InnerDaemon {

    /** A 2 MB image on the outer engine that scripts/test-images.sh builds; copying it needs no registry. */
    static final String BUSYBOX = "dind-junit/busybox:test";

    private InnerDaemon() {
    }

    /** Copies {@link #BUSYBOX} from the outer engine into the daemon. */
    static void loadBusybox(DockerClient docker) {
        try (InputStream archive = OuterEngine.client().saveImageCmd(BUSYBOX).exec()) {
            docker.loadImageAsyncCmd(archive).start().awaitMessage();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to copy " + BUSYBOX + " into the DinD daemon", e);
        }
    }

    /** Creates and starts a busybox container that runs the shell command, and returns its ID. */
    static String runBusybox(DockerClient docker, String name, String shellCommand) {
        String id = docker.createContainerCmd(BUSYBOX)
                .withName(name)
                .withCmd("sh", "-c", shellCommand)
                .exec()
                .getId();
        docker.startContainerCmd(id).exec();
        return id;
    }
}
