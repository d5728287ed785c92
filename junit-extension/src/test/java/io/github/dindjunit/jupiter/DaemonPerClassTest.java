package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class DaemonPerClassTest {

    private static final Map<Class<?>, DaemonFacts> SEEN = new ConcurrentHashMap<>();

    @Test
    void twoClassesGetTwoDaemons() {
        SEEN.clear();

        TestKit.run(FirstClass.class, SecondClass.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        DaemonFacts first = SEEN.get(FirstClass.class);
        DaemonFacts second = SEEN.get(SecondClass.class);
        assertThat(first.daemonId()).isNotBlank();
        assertThat(second.daemonId()).isNotBlank();
        assertThat(first.daemonId()).isNotEqualTo(second.daemonId());
        assertThat(first.containerId()).isNotEqualTo(second.containerId());
    }

    @Test
    void daemonAndVolumeRemovedAfterClass() {
        SEEN.clear();

        TestKit.run(FirstClass.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        DaemonFacts facts = SEEN.get(FirstClass.class);
        assertThat(facts.volumeNames()).as("volumes of the daemon container").hasSize(1);
        assertThat(OuterEngine.containerExists(facts.containerId())).as("container still exists").isFalse();
        assertThat(OuterEngine.volumeExists(facts.volumeNames().get(0))).as("volume still exists").isFalse();
    }

    @DinD
    static class FirstClass {

        @Test
        void recordDaemon(DockerClient docker) {
            SEEN.put(FirstClass.class, DaemonFacts.of(docker));
        }
    }

    @DinD
    static class SecondClass {

        @Test
        void recordDaemon(DockerClient docker) {
            SEEN.put(SecondClass.class, DaemonFacts.of(docker));
        }
    }
}
