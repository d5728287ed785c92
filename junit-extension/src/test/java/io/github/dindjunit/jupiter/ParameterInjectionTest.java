package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DaemonOptions;
import io.github.dindjunit.core.DinDContainer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.Events;

class ParameterInjectionTest {

    private static final List<String> INJECTED_INTO = new CopyOnWriteArrayList<>();
    private static final Map<String, DockerClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<String, String> DAEMON_IDS = new ConcurrentHashMap<>();

    @Test
    void everyCallbackGetsTheSameClient() {
        INJECTED_INTO.clear();
        CLIENTS.clear();

        TestKit.run(AllCallbacks.class)
                .allEvents()
                .assertThatEvents()
                .doNotHave(finishedWithFailure());

        assertThat(INJECTED_INTO).containsExactly("beforeAll", "constructor", "beforeEach", "test", "afterEach",
                "afterAll");
        assertThat(CLIENTS.values()).hasSize(6).allSatisfy(client -> assertThat(client).isSameAs(
                CLIENTS.get("test")));
    }

    @Test
    void unsupportedTypeFailsNamingSupportedTypes() {
        Events tests = TestKit.run(UnsupportedParameter.class)
                .testEvents();

        tests.assertStatistics(stats -> stats.failed(1));
        tests.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(text -> text.contains("parameter 'options' of type " + DaemonOptions.class.getName())
                        && text.contains("the supported types are com.github.dockerjava.api.DockerClient, "
                                + DinDContainer.class.getName()))));
    }

    @Test
    void containerIsTheOneBehindTheClient() {
        TestKit.run(WithContainer.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));
    }

    @Test
    void otherResolversStillServeTheirTypes() {
        TestKit.run(WithTestInfo.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));
    }

    @Test
    void nestedClassUsesEnclosingDaemon() {
        DAEMON_IDS.clear();

        TestKit.run(Enclosing.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(2));

        assertThat(DAEMON_IDS.get("outer")).isNotBlank();
        assertThat(DAEMON_IDS.get("nested")).isEqualTo(DAEMON_IDS.get("outer"));
    }

    @DinD
    static class AllCallbacks {

        AllCallbacks(DockerClient docker) {
            record("constructor", docker);
        }

        @BeforeAll
        static void beforeAll(DockerClient docker) {
            record("beforeAll", docker);
        }

        @BeforeEach
        void beforeEach(DockerClient docker) {
            record("beforeEach", docker);
        }

        @Test
        void test(DockerClient docker) {
            record("test", docker);
            docker.pingCmd().exec();
        }

        @AfterEach
        void afterEach(DockerClient docker) {
            record("afterEach", docker);
        }

        @AfterAll
        static void afterAll(DockerClient docker) {
            record("afterAll", docker);
            docker.pingCmd().exec();
        }

        private static void record(String callback, DockerClient docker) {
            INJECTED_INTO.add(callback);
            CLIENTS.put(callback, docker);
        }
    }

    @DinD
    static class UnsupportedParameter {

        @Test
        void test(DaemonOptions options) {
        }
    }

    @DinD
    static class WithContainer {

        @Test
        void test(DinDContainer container, DockerClient docker) {
            assertThat(container.getClient()).isSameAs(docker);
            assertThat(container.isRunning()).isTrue();
        }
    }

    @DinD
    static class WithTestInfo {

        @Test
        void test(DockerClient docker, TestInfo info) {
            assertThat(info.getDisplayName()).isEqualTo("test(DockerClient, TestInfo)");
        }
    }

    @DinD
    static class Enclosing {

        @Test
        void outer(DockerClient docker) {
            DAEMON_IDS.put("outer", docker.infoCmd().exec().getId());
        }

        @Nested
        class Inner {

            @Test
            void nested(DockerClient docker) {
                DAEMON_IDS.put("nested", docker.infoCmd().exec().getId());
            }
        }
    }
}
