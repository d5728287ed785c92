package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs fixture classes with JUnit's parallel execution on, classes and methods concurrent, and the cap on
 * running daemons at {@value #MAX_DAEMONS}.
 */
class ParallelExecutionTest {

    private static final int MAX_DAEMONS = 2;

    private static final int REPETITIONS = 10;

    /** Daemon IDs by class and method, such as {@code PerClassA#one}. */
    private static final Map<String, String> DAEMON_IDS = new ConcurrentHashMap<>();

    /** The most DinD containers of this JVM that a test saw at once on the outer engine. */
    private static final AtomicInteger MAX_RUNNING = new AtomicInteger();

    private static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4",
            DinD.MAX_DAEMONS_PROPERTY, String.valueOf(MAX_DAEMONS));

    @Test
    void parallelClassesGetOwnDaemons() {
        for (int repetition = 1; repetition <= REPETITIONS; repetition++) {
            DAEMON_IDS.clear();
            MAX_RUNNING.set(0);

            TestKit.run(PARALLEL, PerClassA.class, PerClassB.class, PerClassC.class, PerClassD.class)
                    .allEvents()
                    .assertStatistics(stats -> stats.failed(0).aborted(0).skipped(0))
                    .assertThatEvents();

            String round = "repetition " + repetition;
            assertThat(DAEMON_IDS).as(round + ": tests that ran").hasSize(12);
            Map<String, Set<String>> byClass = DAEMON_IDS.entrySet().stream().collect(Collectors.groupingBy(
                    entry -> entry.getKey().substring(0, entry.getKey().indexOf('#')),
                    Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
            assertThat(byClass).as(round + ": classes").hasSize(4);
            byClass.forEach((testClass, ids) -> assertThat(ids).as(round + ": daemons of " + testClass).hasSize(1));
            Set<String> distinct = byClass.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            assertThat(distinct).as(round + ": distinct daemons").hasSize(4);
            assertThat(MAX_RUNNING.get()).as(round + ": most daemons running at once").isBetween(1, MAX_DAEMONS);
            assertThat(OuterEngine.labelledContainers()).as(round + ": daemons left").isEmpty();
        }
    }

    @Test
    void sharedDaemonNotResetWhileInUse() {
        DAEMON_IDS.clear();

        TestKit.run(PARALLEL, SharedA.class, SharedB.class, SharedC.class, SharedD.class)
                .allEvents()
                .assertStatistics(stats -> stats.failed(0).aborted(0).skipped(0));

        assertThat(DAEMON_IDS).hasSize(12);
        assertThat(new HashMap<>(DAEMON_IDS).values().stream().distinct().toList()).as("distinct daemons")
                .hasSize(1);
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void nestedDaemonsDoNotDeadlockAtCapOfOne() {
        DAEMON_IDS.clear();
        Map<String, String> capOfOne = new HashMap<>(PARALLEL);
        capOfOne.put(DinD.MAX_DAEMONS_PROPERTY, "1");

        TestKit.run(capOfOne, OuterA.class, OuterB.class)
                .allEvents()
                .assertStatistics(stats -> stats.failed(0).aborted(0).skipped(0));

        assertThat(DAEMON_IDS).hasSize(10);
        assertThat(new HashMap<>(DAEMON_IDS).values().stream().distinct().toList()).as("distinct daemons")
                .hasSize(10);
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    /** Records the daemon a test saw, and how many daemons of this JVM were running at that moment. */
    static void record(String testClass, String method, DockerClient docker) {
        DAEMON_IDS.put(testClass + "#" + method, docker.infoCmd().exec().getId());
        int running = OuterEngine.labelledContainers().size();
        MAX_RUNNING.accumulateAndGet(running, Math::max);
    }

    /** Three methods that record their daemon; the fixtures below differ only in name. */
    abstract static class ThreeMethods {

        @Test
        void one(DockerClient docker) {
            record(getClass().getSimpleName(), "one", docker);
        }

        @Test
        void two(DockerClient docker) {
            record(getClass().getSimpleName(), "two", docker);
        }

        @Test
        void three(DockerClient docker) {
            record(getClass().getSimpleName(), "three", docker);
        }
    }

    @DinD
    static class PerClassA extends ThreeMethods {
    }

    @DinD
    static class PerClassB extends ThreeMethods {
    }

    @DinD
    static class PerClassC extends ThreeMethods {
    }

    @DinD
    static class PerClassD extends ThreeMethods {
    }

    /**
     * A class whose daemon takes the only slot, with nested classes that need daemons of their own: they can
     * only start on the reserve that the enclosing class lends them.
     */
    abstract static class OuterWithNested {

        @Test
        void outer(DockerClient docker) {
            DAEMON_IDS.put(getClass().getSimpleName() + "#outer", docker.infoCmd().exec().getId());
        }

        @Nested
        @DinD
        class OwnDaemon {

            @Test
            void nested(DockerClient docker) {
                DAEMON_IDS.put(OuterWithNested.this.getClass().getSimpleName() + "#nested",
                        docker.infoCmd().exec().getId());
            }
        }

        @Nested
        @DinD(scope = DaemonScope.PER_METHOD)
        class DaemonPerMethod {

            @Test
            void one(DockerClient docker) {
                DAEMON_IDS.put(OuterWithNested.this.getClass().getSimpleName() + "#one",
                        docker.infoCmd().exec().getId());
            }

            @Test
            void two(DockerClient docker) {
                DAEMON_IDS.put(OuterWithNested.this.getClass().getSimpleName() + "#two",
                        docker.infoCmd().exec().getId());
            }

            @Test
            void three(DockerClient docker) {
                DAEMON_IDS.put(OuterWithNested.this.getClass().getSimpleName() + "#three",
                        docker.infoCmd().exec().getId());
            }
        }
    }

    @DinD
    static class OuterA extends OuterWithNested {
    }

    @DinD
    static class OuterB extends OuterWithNested {
    }

    /**
     * Creates a volume named after the class when it starts, and checks in every test that it still exists: a
     * reset while the class runs would remove it.
     */
    abstract static class SharedFixture {

        @BeforeAll
        static void createVolume(DockerClient docker, org.junit.jupiter.api.TestInfo info) {
            docker.createVolumeCmd().withName(info.getTestClass().orElseThrow().getSimpleName()).exec();
        }

        private void checkVolumeAndRecord(String method, DockerClient docker) {
            List<String> volumes = docker.listVolumesCmd().exec().getVolumes().stream()
                    .map(volume -> volume.getName())
                    .toList();
            assertThat(volumes).as("volumes of the shared daemon").contains(getClass().getSimpleName());
            DAEMON_IDS.put(getClass().getSimpleName() + "#" + method, docker.infoCmd().exec().getId());
        }

        @Test
        void one(DockerClient docker) {
            checkVolumeAndRecord("one", docker);
        }

        @Test
        void two(DockerClient docker) {
            checkVolumeAndRecord("two", docker);
        }

        @Test
        void three(DockerClient docker) {
            checkVolumeAndRecord("three", docker);
        }
    }

    @DinD(scope = DaemonScope.SHARED)
    static class SharedA extends SharedFixture {
    }

    @DinD(scope = DaemonScope.SHARED)
    static class SharedB extends SharedFixture {
    }

    @DinD(scope = DaemonScope.SHARED)
    static class SharedC extends SharedFixture {
    }

    @DinD(scope = DaemonScope.SHARED)
    static class SharedD extends SharedFixture {
    }
}
