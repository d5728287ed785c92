package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Version;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** Runs against the image named by the {@code dind.image} system property, which the build sets. */
class DinDContainerTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    @Test
    void clientTalksToTheInnerDaemon() {
        try (DinDContainer daemon = new DinDContainer(IMAGE)) {
            daemon.start();

            Version version = daemon.getClient().versionCmd().exec();

            assertThat(version.getVersion()).isNotBlank();
            assertThat(daemon.getDockerHostUri().getScheme()).isEqualTo("tcp");
            assertThat(daemon.getDockerHostUri().getHost()).isEqualTo(daemon.getHost());
            assertThat(daemon.getDockerHostUri().getPort()).isEqualTo(
                    daemon.getMappedPort(DinDContainer.DOCKER_TLS_PORT));
        }
    }

    @Test
    void innerDaemonIsNotTheOuterEngine() {
        DockerClient outer = DockerClientFactory.instance().client();
        try (DinDContainer daemon = new DinDContainer(IMAGE)) {
            daemon.start();

            String innerId = daemon.getClient().infoCmd().exec().getId();

            assertThat(innerId).isNotEqualTo(outer.infoCmd().exec().getId());
            assertThat(daemon.getClient().listContainersCmd().withShowAll(true).exec()).isEmpty();
        }
    }

    @Test
    void stopRemovesContainerAndVolumeAndClosesClient() {
        DockerClient outer = DockerClientFactory.instance().client();
        DinDContainer daemon = new DinDContainer(IMAGE);
        daemon.start();
        String containerId = daemon.getContainerId();
        List<String> volumes = daemon.getContainerInfo().getMounts().stream()
                .map(mount -> mount.getName())
                .toList();

        daemon.stop();

        assertThat(volumes).hasSize(1);
        assertThatThrownBy(() -> outer.inspectContainerCmd(containerId).exec())
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> outer.inspectVolumeCmd(volumes.get(0)).exec())
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(daemon::getClient)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call start() first");
    }

    @Test
    void clientRejectsCloseAndStopClosesIt() {
        DinDContainer daemon = new DinDContainer(IMAGE);
        daemon.start();
        DockerClient client = daemon.getClient();

        assertThatThrownBy(client::close)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("Invalid call to close() on the DockerClient of DinD daemon " + IMAGE + " at "
                        + daemon.getDockerHostUri() + ": dind-junit owns this client");
        assertThatThrownBy(() -> DockerDaemon.of(daemon).getClient().close())
                .isInstanceOf(UnsupportedOperationException.class);
        client.pingCmd().exec();

        daemon.stop();

        // A client that was still open would fail with a connection error instead.
        assertThatThrownBy(() -> client.pingCmd().exec())
                .hasStackTraceContaining("Connection pool shut down");
    }

    @Test
    void containerIsPrivilegedAndLabelled() {
        try (DinDContainer daemon = new DinDContainer(IMAGE)) {
            daemon.start();

            assertThat(daemon.getContainerInfo().getHostConfig().getPrivileged()).isTrue();
            assertThat(daemon.getContainerInfo().getConfig().getLabels()).containsEntry(DinDContainer.LABEL, "true");
        }
    }

    @Test
    void startupTimeoutMustBePositive() {
        try (DinDContainer daemon = new DinDContainer(IMAGE)) {
            assertThatThrownBy(() -> daemon.withStartupTimeout(java.time.Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid start-up timeout PT0S: it must be positive");
        }
    }

    @Test
    void startFailsWhenContainerExitsBeforeReady() {
        // The image's entrypoint runs any command other than dockerd as given, so no daemon ever listens and
        // the container exits while readiness polling is under way.
        try (DinDContainer daemon = new DinDContainer(IMAGE).withCommand("sh", "-c", "sleep 2; exit 3")) {
            assertThatThrownBy(daemon::start)
                    .isInstanceOf(DaemonStartupException.class)
                    .hasMessageContaining("exited with code 3 before its daemon responded");
            assertThat(daemon.getContainerId()).isNull();
        }
    }
}
