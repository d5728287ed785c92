package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;
import io.github.dindjunit.core.internal.ImagePreloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/** Copies images from the outer engine into inner daemons; needs the test images of scripts/test-images.sh. */
class ImagePreloadTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    private static final String WORKLOAD = "dind-junit/busybox:test";

    private static final String MISSING = "dind-junit/not-built:never";

    private static final String DERIVED = "dind-junit/busybox:preload-test";

    private static final String DERIVED_LABEL = "io.github.dindjunit.test=preload";

    @Test
    void preloadedImageHasOuterId() {
        DockerClient outer = DockerClientFactory.instance().client();
        try (DinDContainer daemon = new DinDContainer(IMAGE).withPreloadedImages(WORKLOAD)) {
            daemon.start();

            List<Image> images = daemon.getClient().listImagesCmd().exec();

            assertThat(images).flatExtracting(image -> Arrays.asList(image.getRepoTags())).containsExactly(WORKLOAD);
            assertThat(images.get(0).getId()).isEqualTo(outer.inspectImageCmd(WORKLOAD).exec().getId());
        }
    }

    @Test
    void severalImagesLoadTogether(@TempDir Path context) throws IOException {
        DockerClient outer = DockerClientFactory.instance().client();
        // An image built from the workload shares its layers, so it goes into the workload's archive, and the
        // DinD image streams beside them.
        Files.writeString(context.resolve("Dockerfile"), "FROM " + WORKLOAD + "\nLABEL " + DERIVED_LABEL + "\n");
        String derivedId = outer.buildImageCmd(context.toFile()).withTags(Set.of(DERIVED)).start().awaitImageId();
        try (DinDContainer daemon = new DinDContainer(IMAGE).withPreloadedImages(WORKLOAD, IMAGE, DERIVED)) {
            daemon.start();

            assertThat(daemon.getClient().listImagesCmd().exec())
                    .flatExtracting(image -> Arrays.asList(image.getRepoTags()))
                    .containsExactlyInAnyOrder(WORKLOAD, IMAGE, DERIVED);
            for (String image : List.of(WORKLOAD, IMAGE, DERIVED)) {
                assertThat(daemon.getClient().inspectImageCmd(image).exec().getId())
                        .as(image)
                        .isEqualTo(outer.inspectImageCmd(image).exec().getId());
            }
        } finally {
            outer.removeImageCmd(derivedId).withForce(true).exec();
        }
    }

    @Test
    void imagePresentWithSameIdIsSkipped() {
        DockerClient outer = DockerClientFactory.instance().client();
        ImagePreloader preloader = new ImagePreloader(outer, URI.create("unix:///var/run/docker.sock"));
        try (DinDContainer daemon = new DinDContainer(IMAGE).withPreloadedImages(WORKLOAD)) {
            daemon.start();

            int copiedAgain = preloader.preload(List.of(WORKLOAD), daemon.getClient());

            assertThat(copiedAgain).isZero();
        }
    }

    @Test
    void imageWithAnotherIdIsCopied() {
        DockerClient outer = DockerClientFactory.instance().client();
        ImagePreloader preloader = new ImagePreloader(outer, URI.create("unix:///var/run/docker.sock"));
        try (DinDContainer daemon = new DinDContainer(IMAGE).withPreloadedImages(WORKLOAD)) {
            daemon.start();
            // Give the workload's name to another image inside, so that the IDs differ.
            daemon.getClient().tagImageCmd(WORKLOAD, "dind-junit/busybox", "copy").exec();
            daemon.getClient().removeImageCmd(WORKLOAD).exec();
            daemon.getClient().commitCmd(
                    daemon.getClient().createContainerCmd("dind-junit/busybox:copy").exec().getId())
                    .withRepository("dind-junit/busybox").withTag("test").exec();

            int copied = preloader.preload(List.of(WORKLOAD), daemon.getClient());

            assertThat(copied).isEqualTo(1);
            assertThat(daemon.getClient().inspectImageCmd(WORKLOAD).exec().getId())
                    .isEqualTo(outer.inspectImageCmd(WORKLOAD).exec().getId());
        }
    }

    @Test
    void missingImageFailsNamingTheOuterEngine() {
        String outerEndpoint = DockerClientFactory.instance().getTransportConfig().getDockerHost().toString();
        DinDContainer daemon = new DinDContainer(IMAGE).withPreloadedImages(WORKLOAD, MISSING);

        assertThatThrownBy(daemon::start)
                .isInstanceOf(DaemonStartupException.class)
                .hasMessageContaining("[" + MISSING + "]")
                .hasMessageContaining("not found on the outer Docker engine at " + outerEndpoint)
                .hasMessageContaining("docker pull " + MISSING);
        assertThat(daemon.getContainerId()).isNull();
    }
}
