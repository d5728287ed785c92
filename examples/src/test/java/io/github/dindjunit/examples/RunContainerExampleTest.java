package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.jupiter.DinD;
import org.junit.jupiter.api.Test;

/**
 * Runs a container inside the class's own daemon and reads what it printed. The image comes from the engine
 * that runs the tests: {@code preload} copies it into the daemon before the first test, so nothing is pulled.
 */
@DinD(preload = RunContainerExampleTest.WORKLOAD_IMAGE)
class RunContainerExampleTest {

    static final String WORKLOAD_IMAGE = "dind-junit/busybox:test";

    @Test
    void containerOutputIsReadable(DockerClient docker) throws InterruptedException {
        Containers.Result result = Containers.run(docker, WORKLOAD_IMAGE, "echo", "hello from the inner daemon");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEqualTo("hello from the inner daemon\n");
    }

    @Test
    void exitCodeIsReported(DockerClient docker) throws InterruptedException {
        Containers.Result result = Containers.run(docker, WORKLOAD_IMAGE, "sh", "-c", "echo failing >&2; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("failing");
    }

    @Test
    void daemonStartsWithOnlyTheLoadedImage(DockerClient docker) {
        assertThat(docker.listImagesCmd().exec())
                .flatExtracting(image -> java.util.Arrays.asList(image.getRepoTags()))
                .containsExactly(WORKLOAD_IMAGE);
    }
}
