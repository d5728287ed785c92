package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;

/**
 * Runs the rootless variant against the images named by the {@code dind.rootless.image} and {@code dind.image}
 * system properties, which the build sets, and against a rootless image whose user has uid 1234 and gid 5678.
 */
class RootlessDinDContainerTest {

    private static final String ROOTLESS_IMAGE =
            System.getProperty("dind.rootless.image", DinDContainer.DEFAULT_ROOTLESS_IMAGE);

    private static final String ROOTFUL_IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    /** scripts/test-images.sh derives it from the rootless test image. */
    private static final String CHANGED_UID_IMAGE = "dind-junit/dind:trixie-rootless-1234";

    @Test
    void rootlessDaemonAnswersOverTls() {
        try (DinDContainer daemon = new DinDContainer(ROOTLESS_IMAGE).withRootless()) {
            daemon.start();

            List<String> securityOptions = daemon.getClient().infoCmd().exec().getSecurityOptions();

            assertThat(daemon.isRootless()).isTrue();
            assertThat(securityOptions).contains("name=rootless");
            assertThat(daemon.getContainerInfo().getHostConfig().getPrivileged()).isTrue();
        }
    }

    @Test
    void tmpfsIsRejectedForRootlessVariant() {
        DaemonOptions options = DaemonOptions.defaults().withDataDirectory(DaemonOptions.DataDirectory.TMPFS);
        DinDContainer daemon = new DinDContainer(ROOTLESS_IMAGE).withRootless().withDaemonOptions(options);

        assertThatThrownBy(daemon::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid data directory TMPFS for the rootless variant of DinD " + ROOTLESS_IMAGE
                        + ": ")
                .hasMessageEndingWith("Use DataDirectory.VOLUME, the default, with the rootless variant.");
        assertThat(daemon.getContainerId()).isNull();
    }

    @Test
    void socketFollowsImageUser() throws IOException, InterruptedException {
        try (DinDContainer daemon = new DinDContainer(ROOTLESS_IMAGE).withRootless()) {
            daemon.start();

            ExecResult info = daemon.execInContainer("docker", "--host", "unix://" + daemon.getDaemonSocketPath(),
                    "info", "--format", "{{ json .SecurityOptions }}");

            assertThat(daemon.getDaemonSocketPath()).isEqualTo("/run/user/1000/docker.sock");
            assertThat(info.getExitCode()).as(info.getStderr()).isZero();
            assertThat(info.getStdout()).contains("name=rootless");
        }
    }

    @Test
    void changedUidMovesSocketAndKeyOwner() throws IOException, InterruptedException {
        try (DinDContainer daemon = new DinDContainer(CHANGED_UID_IMAGE).withRootless()) {
            daemon.start();

            ExecResult keyFile = daemon.execInContainer("stat", "-c", "%u:%g %a", "/certs/server/key.pem");
            ExecResult info = daemon.execInContainer("docker", "--host", "unix://" + daemon.getDaemonSocketPath(),
                    "info", "--format", "{{ json .SecurityOptions }}");

            assertThat(daemon.getDaemonSocketPath()).isEqualTo("/run/user/1234/docker.sock");
            assertThat(keyFile.getStdout().strip()).isEqualTo("1234:5678 600");
            assertThat(info.getExitCode()).as(info.getStderr()).isZero();
            assertThat(info.getStdout()).contains("name=rootless");
        }
    }

    @Test
    void keyIsReadableByDaemonUserOnly() throws IOException, InterruptedException {
        try (DinDContainer daemon = new DinDContainer(ROOTLESS_IMAGE).withRootless()) {
            daemon.start();

            ExecResult serverFiles = daemon.execInContainer("stat", "-c", "%n %u:%g %a",
                    "/certs", "/certs/server", "/certs/server/key.pem", "/certs/server/cert.pem");

            assertThat(serverFiles.getStdout().lines()).containsExactly(
                    "/certs 0:0 755",
                    "/certs/server 1000:1000 755",
                    "/certs/server/key.pem 1000:1000 600",
                    "/certs/server/cert.pem 1000:1000 644");
        }
    }

    @Test
    void stopRemovesContainerAndRootlessDataVolume() {
        DockerClient outer = DockerClientFactory.instance().client();
        DinDContainer daemon = new DinDContainer(ROOTLESS_IMAGE).withRootless();
        daemon.start();
        String containerId = daemon.getContainerId();
        List<InspectContainerResponse.Mount> mounts = daemon.getContainerInfo().getMounts();

        daemon.stop();

        assertThat(mounts).hasSize(1);
        assertThat(mounts.get(0).getDestination().getPath()).isEqualTo("/home/rootless/.local/share/docker");
        assertThatThrownBy(() -> outer.inspectContainerCmd(containerId).exec())
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> outer.inspectVolumeCmd(mounts.get(0).getName()).exec())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void rootfulImageIsRejectedForRootlessVariant() {
        DinDContainer daemon = new DinDContainer(ROOTFUL_IMAGE).withRootless();

        assertThatThrownBy(daemon::start)
                .isInstanceOf(DaemonStartupException.class)
                .hasMessage("DinD image " + ROOTFUL_IMAGE + " runs as root, but the rootless variant needs an image"
                        + " whose user is unprivileged, as in the docker:<version>-dind-rootless images. Use such"
                        + " an image, for example docker:29.7.2-dind-rootless, or select the default variant.");
        assertThat(containersOfThisJvm()).isEmpty();
    }

    @Test
    void rootlessImageIsRejectedForDefaultVariant() {
        DinDContainer daemon = new DinDContainer(ROOTLESS_IMAGE);

        assertThatThrownBy(daemon::start)
                .isInstanceOf(DaemonStartupException.class)
                .hasMessageStartingWith("DinD image " + ROOTLESS_IMAGE + " runs as user rootless (uid 1000), so it"
                        + " follows the docker:<version>-dind-rootless contract, but the default variant was"
                        + " selected. Select the rootless variant");
        assertThat(containersOfThisJvm()).isEmpty();
    }

    @Test
    void unprivilegedContainerIsRejected() {
        DinDContainer daemon = new DinDContainer(ROOTLESS_IMAGE).withRootless().withPrivilegedMode(false);

        assertThatThrownBy(daemon::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid privileged mode false for DinD image " + ROOTLESS_IMAGE)
                .hasMessageEndingWith("Remove the withPrivilegedMode(false) call.");
        assertThat(containersOfThisJvm()).isEmpty();
    }

    @Test
    void unusableTunDeviceFailsWithReason() {
        // Docker mounts a tmpfs with nodev, so the device node that a privileged container gets cannot be opened.
        DinDContainer daemon = new DinDContainer(ROOTLESS_IMAGE).withRootless().withTmpFs(Map.of("/dev/net", "rw"));

        assertThatThrownBy(daemon::start)
                .isInstanceOf(DaemonStartupException.class)
                .hasMessageContaining("/dev/net/tun")
                .hasMessageContaining("cannot be opened for reading and writing by uid 1000");
        assertThat(containersOfThisJvm()).isEmpty();
    }

    private static List<Container> containersOfThisJvm() {
        return DockerClientFactory.instance().client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(
                        DinDContainer.LABEL, "true",
                        DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL, DockerClientFactory.SESSION_ID))
                .exec();
    }
}
