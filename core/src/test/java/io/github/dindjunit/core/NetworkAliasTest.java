package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/** The daemon on a network: reachable under its aliases with TLS verification, and only under names it has. */
class NetworkAliasTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    @Test
    void customAliasReplacesDefault() {
        try (Network network = Network.newNetwork();
                DinDContainer daemon = new DinDContainer(IMAGE).withNetwork(network)
                        .withNetworkAliases("build-daemon")) {
            daemon.start();

            String output = dockerVersion(network, daemon, "build-daemon");

            assertThat(output).startsWith("server ");
            assertThat(daemon.getNetworkAliases()).contains("build-daemon").doesNotContain("docker");
        }
    }

    @Test
    void addressOutsideTheCertificateIsRejected() {
        try (Network network = Network.newNetwork();
                DinDContainer daemon = new DinDContainer(IMAGE).withNetwork(network)) {
            daemon.start();
            String address = daemon.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next()
                    .getIpAddress();

            String output = dockerVersion(network, daemon, address);

            assertThat(output).contains("x509").contains(address);
        }
    }

    private static String dockerVersion(Network network, DinDContainer daemon, String host) {
        try (GenericContainer<?> client = new GenericContainer<>(IMAGE)
                .withNetwork(network)
                .withEnv("DOCKER_HOST", "tcp://" + host + ":2376")
                .withEnv("DOCKER_TLS_VERIFY", "1")
                .withEnv("DOCKER_CERT_PATH", "/certs/client")
                .withCreateContainerCmdModifier(create -> create.withEntrypoint("sh", "-c",
                        "docker version --format 'server {{.Server.Version}}' 2>&1; true"))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            daemon.copyClientCertificatesTo(client, "/certs/client");
            client.start();
            return client.getLogs();
        }
    }
}
