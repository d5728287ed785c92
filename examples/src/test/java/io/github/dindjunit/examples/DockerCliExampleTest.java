package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dindjunit.core.DockerDaemon;
import io.github.dindjunit.jupiter.DaemonScope;
import io.github.dindjunit.jupiter.DinD;
import io.github.dindjunit.jupiter.InjectDaemon;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the daemon with the Docker CLI, as a build tool under test would, through the environment that the
 * daemon handle exports. Each test gets a fresh daemon. Needs a {@code docker} CLI on the PATH.
 */
@DinD(scope = DaemonScope.PER_METHOD)
class DockerCliExampleTest {

    @InjectDaemon
    DockerDaemon daemon;

    @Test
    void cliSeesEmptyDaemon(@TempDir Path certificates) throws Exception {
        String output = docker(certificates, "ps", "--all", "--quiet");

        assertThat(output).isEmpty();
    }

    @Test
    void cliCreatesVolumeThatClientSees(@TempDir Path certificates) throws Exception {
        docker(certificates, "volume", "create", "build-cache");

        assertThat(daemon.getClient().inspectVolumeCmd("build-cache").exec().getName()).isEqualTo("build-cache");
    }

    /** Runs the Docker CLI against the test's daemon and returns what it printed. */
    private String docker(Path certificates, String... arguments) throws IOException, InterruptedException {
        Optional<Path> cli = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "docker"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(cli.isPresent(), "no docker CLI on the PATH");

        String[] command = new String[arguments.length + 1];
        command[0] = cli.get().toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Keep the machine's own CLI configuration and contexts out of the test.
        builder.environment().remove("DOCKER_CONTEXT");
        builder.environment().put("DOCKER_CONFIG", certificates.resolve("config").toString());
        builder.environment().putAll(daemon.exportEnvironment(certificates.resolve("tls")));

        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker %s finished", arguments[0]).isTrue();
        assertThat(process.exitValue()).as("exit code of docker %s; output: %s", arguments[0], output).isZero();
        return output;
    }
}
