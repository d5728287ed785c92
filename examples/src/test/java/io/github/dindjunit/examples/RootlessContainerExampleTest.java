package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dindjunit.core.DinDContainer;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;

/**
 * Starts a rootless daemon without the JUnit extension, and runs the Docker CLI inside its container against
 * the daemon's Unix socket, whose path follows the uid of the image's user.
 */
class RootlessContainerExampleTest {

    @Test
    void cliInsideContainerUsesDaemonSocket() throws IOException, InterruptedException {
        try (DinDContainer daemon = new DinDContainer(RootlessChangedUidExampleTest.IMAGE).withRootless()) {
            daemon.start();

            ExecResult info = daemon.execInContainer("docker", "--host", "unix://" + daemon.getDaemonSocketPath(),
                    "info", "--format", "{{ json .SecurityOptions }}");

            assertThat(daemon.getDaemonSocketPath()).isEqualTo("/run/user/1234/docker.sock");
            assertThat(info.getExitCode()).as(info.getStderr()).isZero();
            assertThat(info.getStdout()).contains("name=rootless");
        }
    }
}
