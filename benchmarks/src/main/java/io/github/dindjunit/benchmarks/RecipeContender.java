package io.github.dindjunit.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.dindjunit.core.DinDContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The recipe that people write by hand with Testcontainers: a privileged {@link GenericContainer} whose
 * entrypoint generates 4096-bit RSA certificates, a wait for the daemon's {@code API listen on} log line, the
 * three client files copied out of the container, a docker-java client built from them and a ping.
 */
final class RecipeContender implements Contender {

    private static final List<String> CLIENT_FILES = List.of("ca.pem", "cert.pem", "key.pem");

    private final DockerImageName image;

    RecipeContender(String image) {
        this.image = DockerImageName.parse(image);
    }

    @Override
    public String name() {
        return "hand-written recipe";
    }

    @Override
    public String description() {
        return "GenericContainer, Wait.forLogMessage, RSA 4096 certificates made by the entrypoint,"
                + " copyFileFromContainer of /certs/client/*, docker-java client, ping";
    }

    @Override
    public RunResult run() throws Exception {
        Path certificates = Files.createTempDirectory("dind-recipe-");
        Stopwatch ready = Stopwatch.start();
        try (GenericContainer<?> container = new GenericContainer<>(image)) {
            container.withPrivilegedMode(true)
                    .withEnv("DOCKER_TLS_CERTDIR", "/certs")
                    .withEnv("DOCKER_TLS_SAN", container.getHost())
                    .withExposedPorts(DinDContainer.DOCKER_TLS_PORT)
                    .withLabel(OuterEngine.BENCHMARK_LABEL, "recipe")
                    .waitingFor(Wait.forLogMessage(".*API listen on \\[::\\]:2376.*", 1)
                            .withStartupTimeout(DinDContainer.DEFAULT_STARTUP_TIMEOUT));
            container.start();
            ready.mark("start and wait for the log line");

            for (String file : CLIENT_FILES) {
                container.copyFileFromContainer("/certs/client/" + file, certificates.resolve(file).toString());
            }
            ready.mark("copy client files out");

            DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost("tcp://" + container.getHost() + ":"
                            + container.getMappedPort(DinDContainer.DOCKER_TLS_PORT))
                    .withDockerTlsVerify(true)
                    .withDockerCertPath(certificates.toString())
                    .build();
            Duration readyTime;
            try (DockerClient client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .build())) {
                ready.mark("build client");
                client.pingCmd().exec();
                ready.mark("ping");
                readyTime = ready.elapsed();
            }

            String containerId = container.getContainerId();
            String volume = OuterEngine.dataVolume(containerId);
            Stopwatch teardown = Stopwatch.start();
            container.stop();
            Duration teardownTime = teardown.elapsed();
            OuterEngine.checkRemoved(containerId, volume);
            return new RunResult(readyTime, teardownTime, ready.phases(), null);
        } finally {
            deleteRecursively(certificates);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
