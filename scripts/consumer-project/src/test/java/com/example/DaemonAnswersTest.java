package com.example;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.jupiter.DinD;
import org.junit.jupiter.api.Test;

@DinD
class DaemonAnswersTest {

    @Test
    void daemonReportsItsVersion(DockerClient docker) {
        assertFalse(docker.versionCmd().exec().getVersion().isBlank());
    }
}
