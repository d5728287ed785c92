package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.Network;
import io.github.dindjunit.core.DockerDaemon;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.Events;

class DaemonScopesTest {

    /** Daemon facts by what recorded them, such as {@code first} or {@code beforeEach:first}. */
    private static final Map<String, DaemonFacts> SEEN = new ConcurrentHashMap<>();

    /** Orders classes by name, so that shared-daemon fixtures run in a known order. */
    private static final Map<String, String> BY_CLASS_NAME = Map.of("junit.jupiter.testclass.order.default",
            "org.junit.jupiter.api.ClassOrderer$ClassName");

    @Test
    void perClassScopeSharesOneDaemon() {
        SEEN.clear();

        TestKit.run(PerClass.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(SEEN.get("first").daemonId()).isEqualTo(SEEN.get("second").daemonId());
        assertThat(OuterEngine.containerExists(SEEN.get("first").containerId())).isFalse();
    }

    @Test
    void perMethodScopeGivesEachMethodFreshDaemon() {
        SEEN.clear();

        TestKit.run(PerMethod.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        DaemonFacts first = SEEN.get("first");
        DaemonFacts second = SEEN.get("second");
        assertThat(first.daemonId()).isNotEqualTo(second.daemonId());
        assertThat(SEEN.get("beforeEach:first()").daemonId()).isEqualTo(first.daemonId());
        assertThat(SEEN.get("afterEach:first()").daemonId()).isEqualTo(first.daemonId());
        assertThat(SEEN.get("beforeEach:second()").daemonId()).isEqualTo(second.daemonId());
        assertThat(OuterEngine.containerExists(first.containerId())).as("first daemon still exists").isFalse();
        assertThat(OuterEngine.containerExists(second.containerId())).as("second daemon still exists").isFalse();
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void declarationOnMethodGivesEachInvocationFreshDaemon() {
        SEEN.clear();

        TestKit.run(DeclaredOnMethod.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(SEEN.get("repetition 1 of 2").daemonId()).isNotEqualTo(SEEN.get("repetition 2 of 2").daemonId());
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void perMethodScopeRejectsBeforeAllParameter() {
        Events classes = TestKit.run(PerMethodWithBeforeAll.class)
                .containerEvents();

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(text -> text.contains("exists only while a test method runs")
                        && text.contains("@DinD(scope = PER_METHOD) on class " + PerMethodWithBeforeAll.class.getName())
                        && text.contains("set @DinD(scope = PER_CLASS)"))));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void sharedDaemonResetBetweenClasses() {
        SEEN.clear();

        TestKit.run(BY_CLASS_NAME, SharedA.class, SharedB.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        DaemonFacts first = SEEN.get("shared A");
        DaemonFacts second = SEEN.get("shared B");
        assertThat(second.daemonId()).as("daemon ID seen by the second class").isEqualTo(first.daemonId());
        assertThat(second.containerId()).as("container seen by the second class").isEqualTo(first.containerId());
        assertThat(OuterEngine.containerExists(first.containerId())).as("shared daemon after the run").isFalse();
    }

    @Test
    void sharedDaemonsDifferByDaemonOptions() {
        SEEN.clear();

        TestKit.run(BY_CLASS_NAME, SharedA.class, SharedWithPreload.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(SEEN.get("shared with preload").daemonId()).isNotEqualTo(SEEN.get("shared A").daemonId());
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void sharedDaemonIsSeparateFromPerClassDaemons() {
        SEEN.clear();

        TestKit.run(BY_CLASS_NAME, SharedA.class, PerClass.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(3));

        assertThat(SEEN.get("shared A").daemonId()).isNotEqualTo(SEEN.get("first").daemonId());
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @DinD
    static class PerClass {

        @Test
        void first(DockerClient docker) {
            SEEN.put("first", DaemonFacts.of(docker));
        }

        @Test
        void second(DockerClient docker) {
            SEEN.put("second", DaemonFacts.of(docker));
        }
    }

    @DinD(scope = DaemonScope.PER_METHOD)
    static class PerMethod {

        @BeforeEach
        void beforeEach(DockerClient docker, TestInfo test) {
            SEEN.put("beforeEach:" + test.getTestMethod().orElseThrow().getName() + "()", DaemonFacts.of(docker));
        }

        @Test
        void first(DockerClient docker) {
            SEEN.put("first", DaemonFacts.of(docker));
        }

        @Test
        void second(DockerDaemon daemon) {
            SEEN.put("second", DaemonFacts.of(daemon.getClient()));
        }

        @AfterEach
        void afterEach(DockerClient docker, TestInfo test) {
            SEEN.put("afterEach:" + test.getTestMethod().orElseThrow().getName() + "()", DaemonFacts.of(docker));
        }
    }

    static class DeclaredOnMethod {

        @DinD
        @RepeatedTest(2)
        void repeated(DockerClient docker, TestInfo test) {
            SEEN.put(test.getDisplayName(), DaemonFacts.of(docker));
        }
    }

    @DinD(scope = DaemonScope.PER_METHOD)
    static class PerMethodWithBeforeAll {

        @BeforeAll
        static void beforeAll(DockerClient docker) {
        }

        @Test
        void test(DockerClient docker) {
        }
    }

    /** Leaves a running container, a volume, a network, a built image and build cache behind. */
    @DinD(scope = DaemonScope.SHARED)
    static class SharedA {

        @Test
        void leaveThingsBehind(DockerClient docker) throws IOException {
            SEEN.put("shared A", DaemonFacts.of(docker));

            InnerDaemon.loadBusybox(docker);
            docker.createVolumeCmd().withName("left-behind").exec();
            docker.createNetworkCmd().withName("left-behind").exec();
            InnerDaemon.runBusybox(docker, "left-behind", "sleep 300");
            docker.buildImageCmd(new ByteArrayInputStream(dockerfileArchive()))
                    .withTags(Set.of("left-behind:1"))
                    .exec(new BuildImageResultCallback())
                    .awaitImageId();

            assertThat(docker.listContainersCmd().exec()).hasSize(1);
        }

        private static byte[] dockerfileArchive() throws IOException {
            byte[] dockerfile = ("FROM " + InnerDaemon.BUSYBOX + "\nRUN echo built > /built\n")
                    .getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
                entry.setSize(dockerfile.length);
                tar.putArchiveEntry(entry);
                tar.write(dockerfile);
                tar.closeArchiveEntry();
            }
            return bytes.toByteArray();
        }
    }

    /** Expects the daemon as it was right after start. */
    @DinD(scope = DaemonScope.SHARED, preload = "dind-junit/busybox:test")
    static class SharedWithPreload {

        @Test
        void findPreloadedImage(DockerClient docker) {
            SEEN.put("shared with preload", DaemonFacts.of(docker));

            assertThat(docker.listImagesCmd().exec())
                    .flatExtracting(image -> List.of(image.getRepoTags()))
                    .containsExactly("dind-junit/busybox:test");
        }
    }

    @DinD(scope = DaemonScope.SHARED)
    static class SharedB {

        @Test
        void findCleanDaemon(DockerClient docker) {
            SEEN.put("shared B", DaemonFacts.of(docker));

            assertThat(docker.listContainersCmd().withShowAll(true).exec()).as("containers").isEmpty();
            assertThat(docker.listImagesCmd().withShowAll(true).exec()).as("images").isEmpty();
            assertThat(docker.listVolumesCmd().exec().getVolumes()).as("volumes").isNullOrEmpty();
            List<String> networks = docker.listNetworksCmd().exec().stream()
                    .map(Network::getName)
                    .sorted()
                    .collect(Collectors.toList());
            assertThat(networks).as("networks").containsExactly("bridge", "host", "none");
        }
    }
}
