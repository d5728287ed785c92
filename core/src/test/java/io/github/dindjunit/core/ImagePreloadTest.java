package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;
import io.github.dindjunit.core.internal.ImagePreloader;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** Copies images from the outer engine into inner daemons; needs the test images of scripts/test-images.sh. */
class ImagePreloadTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    private static final String WORKLOAD = "dind-junit/busybox:test";

    private static final String MISSING = "dind-junit/not-built:never";

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
    void severalImagesLoadInOneStream() {
        try (DinDContainer daemon = new DinDContainer(IMAGE).withPreloadedImages(WORKLOAD, IMAGE)) {
            daemon.start();

            assertThat(daemon.getClient().listImagesCmd().exec())
                    .flatExtracting(image -> Arrays.asList(image.getRepoTags()))
                    .containsExactlyInAnyOrder(WORKLOAD, IMAGE);
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
