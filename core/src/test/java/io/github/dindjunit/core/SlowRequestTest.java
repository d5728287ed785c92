package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.Test;

/** Requests whose response comes later than the client's 5-second connection timeout. */
class SlowRequestTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    private static final String WORKLOAD = "dind-junit/busybox:test";

    @Test
    void stopWithGracePeriodReturns() {
        try (DinDContainer daemon = new DinDContainer(IMAGE).withPreloadedImages(WORKLOAD)) {
            daemon.start();
            DockerClient docker = daemon.getClient();
            // sleep as process 1 ignores SIGTERM, so the daemon responds only when the grace period ends.
            String id = docker.createContainerCmd(WORKLOAD).withCmd("sleep", "60").exec().getId();
            docker.startContainerCmd(id).exec();

            docker.stopContainerCmd(id).withTimeout(7).exec();

            assertThat(docker.inspectContainerCmd(id).exec().getState().getRunning()).isFalse();
        }
    }
}
