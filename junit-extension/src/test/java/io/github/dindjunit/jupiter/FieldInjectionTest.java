package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DockerDaemon;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

class FieldInjectionTest {

    private static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @Test
    void fieldsReceiveSameDaemonAsParameters() {
        SEEN.clear();

        TestKit.run(PerClassFields.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        assertThat(SEEN.get("field client")).isSameAs(SEEN.get("parameter client"));
        assertThat(SEEN.get("static client")).isSameAs(SEEN.get("parameter client"));
        assertThat(SEEN.get("field handle")).isSameAs(SEEN.get("parameter handle"));
        assertThat(SEEN.get("field handle client")).isSameAs(SEEN.get("parameter client"));
    }

    @Test
    void perMethodFieldsReceiveFreshDaemons() {
        SEEN.clear();

        TestKit.run(PerMethodFields.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(2));

        assertThat(SEEN.get("first")).isNotNull().isNotEqualTo(SEEN.get("second"));
    }

    @Test
    void instanceFieldsSetBeforeBeforeAll() {
        SEEN.clear();

        TestKit.run(PerClassInstance.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        assertThat(SEEN.get("beforeAll")).isNotNull().isEqualTo(SEEN.get("test"));
    }

    @DinD
    static class PerClassFields {

        @InjectDaemon
        static DockerClient staticDocker;

        @InjectDaemon
        DockerClient docker;

        @InjectDaemon
        private DockerDaemon daemon;

        @Test
        void test(DockerClient parameterClient, DockerDaemon parameterHandle) {
            SEEN.put("static client", staticDocker);
            SEEN.put("field client", docker);
            SEEN.put("field handle", daemon);
            SEEN.put("field handle client", daemon.getClient());
            SEEN.put("parameter client", parameterClient);
            SEEN.put("parameter handle", parameterHandle);
        }
    }

    @DinD(scope = DaemonScope.PER_METHOD)
    static class PerMethodFields {

        @InjectDaemon
        DockerClient docker;

        @Test
        void first() {
            SEEN.put("first", docker.infoCmd().exec().getId());
        }

        @Test
        void second() {
            SEEN.put("second", docker.infoCmd().exec().getId());
        }
    }

    @DinD
    @TestInstance(Lifecycle.PER_CLASS)
    static class PerClassInstance {

        @InjectDaemon
        DockerClient docker;

        @BeforeAll
        void beforeAll() {
            SEEN.put("beforeAll", docker.infoCmd().exec().getId());
        }

        @Test
        void test() {
            SEEN.put("test", docker.infoCmd().exec().getId());
        }
    }
}
