package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dindjunit.core.DinDContainer;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/**
 * Puts the daemon on a Testcontainers network, where its alias is {@code docker}, and runs the Docker CLI in
 * another, unprivileged container against {@code tcp://docker:2376} with TLS verification: the shape of a CI
 * job whose build container talks to a {@code docker:dind} service.
 *
 * <p>{@code @DinD} cannot take a network, so this example uses {@link DinDContainer} directly.
 */
class NetworkClientExampleTest {

    /** An image with the Docker CLI; the trixie test image has one. */
    private static final String CLI_IMAGE = System.getProperty("dind.image", "dind-junit/dind:trixie");

    private static Network network;
    private static DinDContainer daemon;

    @BeforeAll
    static void startDaemonOnNetwork() {
        network = Network.newNetwork();
        daemon = new DinDContainer(CLI_IMAGE).withNetwork(network);
        daemon.start();
    }

    @AfterAll
    static void removeDaemonAndNetwork() {
        daemon.stop();
        network.close();
    }

    @Test
    void clientContainerReachesDaemonByAlias() {
        String serverVersion = daemon.getClient().versionCmd().exec().getVersion();
        try (GenericContainer<?> client = new GenericContainer<>(CLI_IMAGE)
                .withNetwork(network)
                .withEnv("DOCKER_HOST", "tcp://docker:2376")
                .withEnv("DOCKER_TLS_VERIFY", "1")
                .withEnv("DOCKER_CERT_PATH", "/certs/client")
                .withCreateContainerCmdModifier(create -> create.withEntrypoint("docker"))
                .withCommand("version", "--format", "client {{.Client.Version}} server {{.Server.Version}}")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            daemon.copyClientCertificatesTo(client, "/certs/client");

            client.start();

            assertThat(client.getLogs()).matches("client \\S+ server " + Pattern.quote(serverVersion) + "\n");
            assertThat(client.getContainerInfo().getHostConfig().getPrivileged()).isFalse();
        }
    }
}
