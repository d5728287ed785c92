package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.jupiter.DinD;
import org.junit.jupiter.api.Test;

/**
 * Runs a rootless daemon from an image whose {@code rootless} user has uid 1234 and gid 5678 instead of the
 * official 1000. The extension reads the ids from the image, so the daemon can read the server key that it is
 * given, and its socket is {@code /run/user/1234/docker.sock}.
 */
@DinD(variant = DinD.Variant.ROOTLESS, image = RootlessChangedUidExampleTest.IMAGE,
        preload = RunContainerExampleTest.WORKLOAD_IMAGE)
class RootlessChangedUidExampleTest {

    /** A fixture that scripts/test-images.sh derives from the rootless test image. */
    static final String IMAGE = "dind-junit/dind:trixie-rootless-1234";

    @Test
    void daemonRunsRootless(DockerClient docker) {
        assertThat(docker.infoCmd().exec().getSecurityOptions()).contains("name=rootless");
    }

    @Test
    void containerRootMapsToImageUser(DockerClient docker) throws InterruptedException {
        Containers.Result result = Containers.run(docker, RunContainerExampleTest.WORKLOAD_IMAGE,
                "cat", "/proc/self/uid_map");

        // Each line maps a range of ids: first id inside, first id outside, length. Root inside the inner
        // container is uid 1234 in the DinD container, and the other ids come from /etc/subuid.
        assertThat(result.exitCode()).isZero();
        assertThat(result.output().lines().map(line -> line.strip().replaceAll("\\s+", " ")))
                .containsExactly("0 1234 1", "1 100000 65536");
    }
}
