package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.jupiter.DinD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds an image from a Dockerfile inside the daemon, then runs it. The client comes in the constructor, and
 * the base image is preloaded from the engine that runs the tests.
 */
@DinD(preload = RunContainerExampleTest.WORKLOAD_IMAGE)
class BuildImageExampleTest {

    private final DockerClient docker;

    BuildImageExampleTest(DockerClient docker) {
        this.docker = docker;
    }

    @Test
    void builtImageRuns(@TempDir Path context) throws IOException, InterruptedException {
        Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                "FROM " + RunContainerExampleTest.WORKLOAD_IMAGE,
                "COPY greeting.txt /greeting.txt",
                "RUN echo 'built inside DinD' >> /greeting.txt",
                "CMD [\"cat\", \"/greeting.txt\"]",
                ""));
        Files.writeString(context.resolve("greeting.txt"), "copied from the build context\n");

        String imageId = docker.buildImageCmd(context.toFile())
                .withTags(Set.of("example/greeting:1"))
                .start()
                .awaitImageId();
        Containers.Result result = Containers.run(docker, "example/greeting:1");

        assertThat(imageId).isNotBlank();
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEqualTo("copied from the build context\nbuilt inside DinD\n");
    }
}
