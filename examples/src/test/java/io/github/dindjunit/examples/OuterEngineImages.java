package io.github.dindjunit.examples;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.testcontainers.DockerClientFactory;

/**
 * Copies images from the Docker engine that runs the DinD container (the outer engine) into a DinD daemon,
 * so that tests need no registry: an inner daemon starts with no images at all.
 */
final class OuterEngineImages {

    private OuterEngineImages() {
    }

    /**
     * Copies one image, streaming {@code docker save} from the outer engine into {@code docker load}.
     *
     * @param image an image present on the outer engine, such as {@code busybox:1.37}
     * @param daemon the client of the DinD daemon
     */
    static void copy(String image, DockerClient daemon) {
        DockerClient outer = DockerClientFactory.instance().client();
        try (InputStream archive = outer.saveImageCmd(image).exec()) {
            daemon.loadImageCmd(archive).exec();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to copy image " + image + " into the DinD daemon", e);
        }
    }
}
