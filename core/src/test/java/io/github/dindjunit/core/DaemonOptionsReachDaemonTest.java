package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.PortBinding;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;

/**
 * Shows each {@link DaemonOptions} setting in the inner daemon: in its {@code docker info}, in an inner
 * container, or in the DinD container itself.
 */
class DaemonOptionsReachDaemonTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    private static final String WORKLOAD = "dind-junit/busybox:test";

    @Test
    void registriesAndFlagsReachDockerInfo() {
        DaemonOptions options = DaemonOptions.defaults()
                .withRegistryMirrors("https://mirror.example.test")
                .withInsecureRegistries("registry.example.test:5000", "10.99.0.0/16")
                .withDaemonFlags("--label=io.github.dindjunit.test=flags", "--debug");
        try (DinDContainer daemon = new DinDContainer(IMAGE).withDaemonOptions(options)) {
            daemon.start();

            Info info = daemon.getClient().infoCmd().exec();

            assertThat(info.getRegistryConfig().getIndexConfigs().get("docker.io").getMirrors())
                    .containsExactly("https://mirror.example.test/");
            assertThat(info.getRegistryConfig().getIndexConfigs().get("registry.example.test:5000").getSecure())
                    .isFalse();
            assertThat(info.getRegistryConfig().getInsecureRegistryCIDRs()).contains("10.99.0.0/16");
            assertThat(info.getLabels()).contains("io.github.dindjunit.test=flags");
            assertThat(info.getDebug()).isTrue();
        }
    }

    @Test
    void flagThatDockerdRejectsFailsWithItsLog() {
        DaemonOptions options = DaemonOptions.defaults().withDaemonFlags("--no-such-flag");
        DinDContainer daemon = new DinDContainer(IMAGE).withDaemonOptions(options);

        assertThatThrownBy(daemon::start)
                .isInstanceOf(DaemonStartupException.class)
                .hasMessageContaining("unknown flag: --no-such-flag");
        assertThat(daemon.getContainerId()).isNull();
    }

    @Test
    void explicitMtuReachesInnerContainers() throws InterruptedException {
        DaemonOptions options = DaemonOptions.defaults().withMtu(1380).withPreloadedImages(WORKLOAD);
        try (DinDContainer daemon = new DinDContainer(IMAGE).withDaemonOptions(options)) {
            daemon.start();

            String innerMtu = runInside(daemon.getClient(), "cat", "/sys/class/net/eth0/mtu");

            assertThat(innerMtu).isEqualTo("1380");
        }
    }

    @Test
    void defaultMtuIsTheContainersOwn() throws Exception {
        try (Network network = Network.builder()
                        .createNetworkCmdModifier(create -> create.withOptions(
                                Map.of("com.docker.network.driver.mtu", "1420")))
                        .build();
                DinDContainer daemon = new DinDContainer(IMAGE).withNetwork(network).withPreloadedImages(WORKLOAD)) {
            daemon.start();

            String outerMtu = daemon.execInContainer("cat", "/sys/class/net/eth0/mtu").getStdout().strip();
            String innerMtu = runInside(daemon.getClient(), "cat", "/sys/class/net/eth0/mtu");

            assertThat(outerMtu).isEqualTo("1420");
            assertThat(innerMtu).isEqualTo("1420");
        }
    }

    @Test
    void tmpfsHoldsTheDataDirectory() throws InterruptedException {
        DaemonOptions options = DaemonOptions.defaults()
                .withDataDirectory(DaemonOptions.DataDirectory.TMPFS)
                .withPreloadedImages(WORKLOAD);
        try (DinDContainer daemon = new DinDContainer(IMAGE).withDaemonOptions(options)) {
            daemon.start();

            HostConfig hostConfig = daemon.getContainerInfo().getHostConfig();
            String output = runInside(daemon.getClient(), "echo", "ran on tmpfs");

            assertThat(hostConfig.getTmpFs()).containsKey("/var/lib/docker");
            assertThat(daemon.getContainerInfo().getMounts()).isEmpty();
            assertThat(output).isEqualTo("ran on tmpfs");
        }
    }

    @Test
    void volumeHoldsTheDataDirectoryByDefault() {
        try (DinDContainer daemon = new DinDContainer(IMAGE)) {
            daemon.start();

            InspectContainerResponse info = daemon.getContainerInfo();

            assertThat(info.getMounts()).singleElement()
                    .satisfies(mount -> assertThat(mount.getDestination().getPath()).isEqualTo("/var/lib/docker"));
            assertThat(info.getHostConfig().getTmpFs()).isNullOrEmpty();
        }
    }

    @Test
    void iptablesLegacyReachesTheEntrypoint() throws Exception {
        DaemonOptions options = DaemonOptions.defaults().withIptablesLegacy(true);
        try (DinDContainer daemon = new DinDContainer(IMAGE).withDaemonOptions(options)) {
            daemon.start();

            ExecResult version = daemon.execInContainer("iptables", "--version");

            assertThat(daemon.getEnvMap()).containsEntry("DOCKER_IPTABLES_LEGACY", "1");
            assertThat(version.getStdout()).contains("legacy");
        }
    }

    /**
     * Pulls from a registry stand-in inside the daemon: busybox httpd, which requires basic authentication on
     * {@code /v2/} and has no images, so a pull with the right credentials reaches the manifest and fails with
     * 404, and a pull without them fails with "no basic auth credentials".
     */
    @Test
    void registryCredentialsReachPulls() throws Exception {
        DaemonOptions options = DaemonOptions.defaults()
                .withPreloadedImages(WORKLOAD)
                .withRegistryCredentials("localhost:5000", "alice", "s3cret");
        try (DinDContainer daemon = new DinDContainer(IMAGE).withDaemonOptions(options)) {
            daemon.start();
            startAuthenticatingRegistry(daemon.getClient());

            Throwable clientPull = pullFailure(daemon.getClient(), "localhost:5000/app:1");
            ExecResult cliPull = daemon.execDocker("pull", "localhost:5000/app:1");
            ExecResult anonymousPull = daemon.execDocker("--config", "/tmp/no-credentials", "pull",
                    "localhost:5000/app:1");

            assertThat(clientPull).hasMessageContaining("404 Not Found").hasMessageNotContaining("credentials");
            assertThat(cliPull.getStderr()).contains("404 Not Found").doesNotContain("credentials");
            assertThat(anonymousPull.getStderr()).contains("no basic auth credentials");
        }
    }

    private static void startAuthenticatingRegistry(DockerClient docker) throws InterruptedException {
        // httpd without -f returns once it listens and then serves in the background, so "listening" in the log
        // means that the port is bound.
        String script = "mkdir -p /www/v2 && echo '{}' > /www/v2/index.html"
                + " && echo '/v2:alice:s3cret' > /etc/httpd.conf"
                + " && httpd -p 5000 -h /www -c /etc/httpd.conf -r registry && echo listening && exec sleep 600";
        String id = docker.createContainerCmd(WORKLOAD)
                .withCmd("sh", "-c", script)
                .withExposedPorts(ExposedPort.tcp(5000))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(PortBinding.parse("5000:5000")))
                .exec()
                .getId();
        docker.startContainerCmd(id).exec();
        InnerRuns.awaitLog(docker, id, "listening");
    }

    private static Throwable pullFailure(DockerClient docker, String image) {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> docker.pullImageCmd(image).start().awaitCompletion(60, TimeUnit.SECONDS))
                .satisfies(thrown -> failure[0] = thrown);
        return failure[0];
    }

    private static String runInside(DockerClient docker, String... command) throws InterruptedException {
        return InnerRuns.run(docker, WORKLOAD, command).strip();
    }
}
