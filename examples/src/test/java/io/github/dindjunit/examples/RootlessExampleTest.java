package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.jupiter.DinD;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the class's daemon rootless: dockerd runs as an unprivileged user under rootlesskit, as in the official
 * {@code docker:<version>-dind-rootless} images. The image comes from {@code dind.rootless.image}, which the
 * build sets to a fixture that follows that contract.
 */
@DinD(variant = DinD.Variant.ROOTLESS, preload = RunContainerExampleTest.WORKLOAD_IMAGE)
class RootlessExampleTest {

    @Test
    void daemonReportsRootlessAndSeccomp(DockerClient docker) {
        List<String> securityOptions = docker.infoCmd().exec().getSecurityOptions();

        assertThat(securityOptions).contains("name=rootless");
        // Docker 20.10 names the default seccomp profile "default"; Docker 23 and later name it "builtin".
        assertThat(securityOptions).containsAnyOf("name=seccomp,profile=builtin", "name=seccomp,profile=default");
    }

    @Test
    void containerRunsInRootlessDaemon(DockerClient docker) throws InterruptedException {
        Containers.Result result = Containers.run(docker, RunContainerExampleTest.WORKLOAD_IMAGE,
                "echo", "hello from a rootless daemon");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEqualTo("hello from a rootless daemon\n");
    }
}
