package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dindjunit.core.DinDContainer;
import io.github.dindjunit.core.DockerDaemon;
import io.github.dindjunit.jupiter.DinD;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;

/**
 * Runs the Docker CLI inside the DinD container against its own daemon, as {@code docker exec some-docker docker
 * ...} would: builds an image from a Dockerfile copied into the container, then runs it. It needs an image with
 * the Docker CLI, such as the official {@code docker:dind} images.
 */
@DinD(preload = RunContainerExampleTest.WORKLOAD_IMAGE)
class DockerCliInContainerExampleTest {

    @Test
    void cliBuildsAndRunsAnImage(DockerDaemon handle) throws IOException, InterruptedException {
        DinDContainer daemon = handle.getContainer();

        String dockerfile = String.join("\n",
                "FROM " + RunContainerExampleTest.WORKLOAD_IMAGE,
                "RUN echo 'built by the CLI inside DinD' > /greeting.txt",
                "CMD [\"cat\", \"/greeting.txt\"]",
                "");
        daemon.copyFileToContainer(Transferable.of(dockerfile), "/build/Dockerfile");

        ExecResult build = daemon.execDocker("build", "--tag", "example/cli:1", "/build");
        ExecResult run = daemon.execDocker("run", "--rm", "example/cli:1");

        assertThat(build.getExitCode()).as(build.getStderr()).isZero();
        assertThat(run.getExitCode()).as(run.getStderr()).isZero();
        assertThat(run.getStdout()).isEqualTo("built by the CLI inside DinD\n");
    }

    @Test
    void failingCommandReturnsExitCodeAndError(DockerDaemon handle) throws IOException, InterruptedException {
        DinDContainer daemon = handle.getContainer();

        ExecResult result = daemon.execDocker("image", "inspect", "example/never-built:1");

        assertThat(result.getExitCode()).isEqualTo(1);
        assertThat(result.getStderr()).containsIgnoringCase("no such image");
    }
}
