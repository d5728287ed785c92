package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NestedDeclarationsTest {

    private static final Map<String, String> DAEMON_IDS = new ConcurrentHashMap<>();

    @Test
    void nestedClassWithOwnDeclarationGetsOwnDaemon() {
        DAEMON_IDS.clear();

        TestKit.run(Outer.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(5).succeeded(5));

        String outer = DAEMON_IDS.get("outer");
        assertThat(DAEMON_IDS.get("inheriting")).as("nested class without @DinD").isEqualTo(outer);
        assertThat(DAEMON_IDS.get("ownPerClass")).as("nested class with @DinD").isNotEqualTo(outer);
        assertThat(DAEMON_IDS.get("ownPerMethod first")).as("nested per-method class")
                .isNotEqualTo(outer)
                .isNotEqualTo(DAEMON_IDS.get("ownPerMethod second"));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @DinD
    static class Outer {

        @Test
        void outer(DockerClient docker) {
            DAEMON_IDS.put("outer", docker.infoCmd().exec().getId());
        }

        @Nested
        class Inheriting {

            @Test
            void inheriting(DockerClient docker) {
                DAEMON_IDS.put("inheriting", docker.infoCmd().exec().getId());
            }
        }

        @Nested
        @DinD
        class OwnPerClass {

            @Test
            void ownPerClass(DockerClient docker) {
                DAEMON_IDS.put("ownPerClass", docker.infoCmd().exec().getId());
            }
        }

        @Nested
        @DinD(scope = DaemonScope.PER_METHOD)
        class OwnPerMethod {

            @Test
            void first(DockerClient docker) {
                DAEMON_IDS.put("ownPerMethod first", docker.infoCmd().exec().getId());
            }

            @Test
            void second(DockerClient docker) {
                DAEMON_IDS.put("ownPerMethod second", docker.infoCmd().exec().getId());
            }
        }
    }
}
