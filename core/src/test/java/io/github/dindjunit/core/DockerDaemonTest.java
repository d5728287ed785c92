package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against the image named by the {@code dind.image} system property, which the build sets. */
class DockerDaemonTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    private static DinDContainer container;
    private static DockerDaemon daemon;

    @BeforeAll
    static void startDaemon() {
        container = new DinDContainer(IMAGE);
        container.start();
        daemon = DockerDaemon.of(container);
    }

    @AfterAll
    static void stopDaemon() {
        container.stop();
    }

    @Test
    void endpointMatchesContainer() {
        assertThat(daemon.getDockerHostUri()).isEqualTo(container.getDockerHostUri());
        assertThat(daemon.getHost()).isEqualTo(container.getHost());
        assertThat(daemon.getPort()).isEqualTo(container.getMappedPort(DinDContainer.DOCKER_TLS_PORT));
        assertThat(daemon.getClient()).isSameAs(container.getClient());
        assertThat(daemon.getContainer()).isSameAs(container);
    }

    @Test
    void logsShowDaemonListening() {
        assertThat(daemon.getLogs()).contains("API listen on [::]:2376");
    }

    @Test
    void exportWritesFilesWithOwnerOnlyKey(@TempDir Path directory) throws IOException {
        Path certificates = directory.resolve("certs");

        Path returned = daemon.exportClientCertificates(certificates);

        assertThat(returned).isEqualTo(certificates);
        assertThat(Files.readString(certificates.resolve("ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(certificates.resolve("cert.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(certificates.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificates.resolve("key.pem"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(certificates)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted().toList())
                    .as("files left in the directory")
                    .containsExactly("ca.pem", "cert.pem", "key.pem");
        }
    }

    @Test
    void secondExportReplacesFiles(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("key.pem"), "stale");
        Files.setPosixFilePermissions(directory.resolve("key.pem"), PosixFilePermissions.fromString("rw-r--r--"));

        daemon.exportClientCertificates(directory);

        assertThat(Files.readString(directory.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("key.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void environmentPointsAtDaemon(@TempDir Path directory) throws IOException {
        Map<String, String> environment = daemon.exportEnvironment(directory);

        assertThat(environment).containsExactly(
                Map.entry("DOCKER_HOST", daemon.getDockerHostUri().toString()),
                Map.entry("DOCKER_TLS_VERIFY", "1"),
                Map.entry("DOCKER_CERT_PATH", directory.toAbsolutePath().toString()));
        assertThat(directory.resolve("key.pem")).exists();
    }

    @Test
    void dockerCliReachesDaemonWithExportedEnvironment(@TempDir Path directory) throws Exception {
        Path cli = findOnPath("docker");
        assumeTrue(cli != null, "no docker CLI on the PATH");
        String innerId = daemon.getClient().infoCmd().exec().getId();

        ProcessBuilder builder = new ProcessBuilder(cli.toString(), "info", "--format", "{{.ID}}")
                .redirectErrorStream(true);
        builder.environment().remove("DOCKER_CONTEXT");
        builder.environment().put("DOCKER_CONFIG", directory.resolve("cli-config").toString());
        builder.environment().putAll(daemon.exportEnvironment(directory.resolve("certs")));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("CLI finished").isTrue();
        assertThat(process.exitValue()).as("CLI exit code; output: %s", output).isZero();
        assertThat(output).isEqualTo(innerId);
    }

    @Test
    void handleOfStoppedContainerIsRejected() {
        try (DinDContainer stopped = new DinDContainer(IMAGE)) {
            assertThatThrownBy(() -> DockerDaemon.of(stopped))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call start() first");
        }
    }

    private static Path findOnPath(String program) {
        for (String directory : List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
