package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class RootlessVariantTest {

    private static final Map<Class<?>, DaemonFacts> SEEN = new ConcurrentHashMap<>();

    private static final Map<Class<?>, List<String>> SECURITY_OPTIONS = new ConcurrentHashMap<>();

    @Test
    void rootlessClassGetsRootlessDaemon() {
        SEEN.clear();
        SECURITY_OPTIONS.clear();

        TestKit.run(RootlessClass.class, RootfulClass.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(SECURITY_OPTIONS.get(RootlessClass.class)).contains("name=rootless");
        assertThat(SECURITY_OPTIONS.get(RootfulClass.class)).doesNotContain("name=rootless");
    }

    @Test
    void rootlessDaemonIsRemovedWithItsVolume() {
        SEEN.clear();

        TestKit.run(RootlessClass.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        DaemonFacts facts = SEEN.get(RootlessClass.class);
        assertThat(facts.volumeNames()).as("volumes of the daemon container").hasSize(1);
        assertThat(OuterEngine.containerExists(facts.containerId())).as("container still exists").isFalse();
        assertThat(OuterEngine.volumeExists(facts.volumeNames().get(0))).as("volume still exists").isFalse();
    }

    @DinD(variant = DinD.Variant.ROOTLESS)
    static class RootlessClass {

        @Test
        void recordDaemon(DockerClient docker) {
            SEEN.put(RootlessClass.class, DaemonFacts.of(docker));
            SECURITY_OPTIONS.put(RootlessClass.class, docker.infoCmd().exec().getSecurityOptions());
        }
    }

    @DinD(variant = DinD.Variant.ROOTFUL)
    static class RootfulClass {

        @Test
        void recordDaemon(DockerClient docker) {
            SECURITY_OPTIONS.put(RootfulClass.class, docker.infoCmd().exec().getSecurityOptions());
        }
    }
}
