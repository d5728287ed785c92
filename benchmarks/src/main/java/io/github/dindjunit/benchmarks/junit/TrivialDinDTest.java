package io.github.dindjunit.benchmarks.junit;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.jupiter.DinD;
import org.junit.jupiter.api.Test;

/** The class that the benchmark runs through the JUnit Platform launcher: one daemon, one trivial test. */
@DinD
public class TrivialDinDTest {

    @Test
    void pingsDaemon(DockerClient docker) {
        docker.pingCmd().exec();
    }
}
