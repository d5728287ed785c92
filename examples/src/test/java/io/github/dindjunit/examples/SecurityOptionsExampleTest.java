package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import io.github.dindjunit.jupiter.DinD;
import org.junit.jupiter.api.Test;

/** Reads {@code docker info} from the daemon: what a tool that inspects its engine would see. */
@DinD
class SecurityOptionsExampleTest {

    @Test
    void seccompUsesTheDefaultProfile(DockerClient docker) {
        Info info = docker.infoCmd().exec();

        // Docker 20.10 names the default profile "default"; Docker 23 and later name it "builtin".
        assertThat(info.getSecurityOptions())
                .anySatisfy(option -> assertThat(option).isIn(
                        "name=seccomp,profile=default", "name=seccomp,profile=builtin"));
    }

    @Test
    void daemonRunsAsRoot(DockerClient docker) {
        Info info = docker.infoCmd().exec();

        assertThat(info.getSecurityOptions()).noneSatisfy(option -> assertThat(option).contains("rootless"));
        assertThat(info.getContainers()).isZero();
    }
}
