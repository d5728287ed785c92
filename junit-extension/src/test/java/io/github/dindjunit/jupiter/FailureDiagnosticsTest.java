package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.Events;

class FailureDiagnosticsTest {

    @Test
    void failedTestReportShowsInsideOfDaemon() {
        String log = captureStandardError(() -> {
            Events events = TestKit.run(FailsAfterRunningContainer.class).allEvents();

            events.assertStatistics(stats -> stats.failed(1));
            Map<String, String> entries = reportEntries(events, "[method:failAfterRunningContainer(");

            assertThat(entries.get("dind.daemon.log")).as("dockerd log tail").contains("API listen on");
            assertThat(entries.get("dind.containers")).as("inner docker ps -a")
                    .contains("CONTAINER ID")
                    .contains("greeter")
                    .contains(InnerDaemon.BUSYBOX)
                    .contains("Exited (3)");
            assertThat(entries.get("dind.container.greeter.log")).as("inner container log tail")
                    .contains("hello from the inner container");
        });

        assertThat(log).contains("WARN io.github.dindjunit.jupiter.DinDExtension - State of DinD daemon");
        assertThat(log).contains("after " + FailsAfterRunningContainer.class.getName()
                + ".failAfterRunningContainer() failed with java.lang.AssertionError: failing on purpose");
        assertThat(log).contains("--- docker ps -a ---");
        assertThat(log).contains("hello from the inner container");
    }

    @Test
    void passingTestGetsNoDiagnostics() {
        String log = captureStandardError(() -> {
            Events events = TestKit.run(Passes.class).allEvents();

            events.assertStatistics(stats -> stats.failed(0));
            TestKit.run(Passes.class).testEvents().assertStatistics(stats -> stats.succeeded(2));
            assertThat(events.reportingEntryPublished().count()).as("report entries").isZero();
        });

        assertThat(log).doesNotContain("State of DinD daemon");
    }

    @Test
    void perMethodDaemonIsDescribedBeforeRemoval() {
        Events events = TestKit.run(PerMethodFails.class).allEvents();

        events.assertStatistics(stats -> stats.failed(1));
        Map<String, String> entries = reportEntries(events, "[method:fail(");
        assertThat(entries.get("dind.containers")).contains("per-method-container");
        assertThat(entries.get("dind.container.per-method-container.log")).contains("per method");
    }

    @Test
    void failingBeforeAllOfSharedClassIsDescribed() {
        Events events = TestKit.run(SharedBeforeAllFails.class).allEvents();

        Map<String, String> entries = reportEntries(events, "$SharedBeforeAllFails]");
        assertThat(entries.get("dind.containers")).contains("before-all-container");
    }

    /** Returns the report entries published for the tests or classes whose unique ID contains the given text. */
    private static Map<String, String> reportEntries(Events events, String uniqueIdPart) {
        return events.reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().contains(uniqueIdPart))
                .map(event -> event.getRequiredPayload(ReportEntry.class))
                .flatMap(entry -> entry.getKeyValuePairs().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Runs the action while collecting what slf4j-simple writes to standard error, and returns it. */
    private static String captureStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    private static void awaitExit(DockerClient docker, String containerId) {
        docker.waitContainerCmd(containerId).start().awaitStatusCode(60, TimeUnit.SECONDS);
    }

    @DinD
    static class FailsAfterRunningContainer {

        @Test
        void failAfterRunningContainer(DockerClient docker) {
            InnerDaemon.loadBusybox(docker);
            String id = InnerDaemon.runBusybox(docker, "greeter", "echo hello from the inner container; exit 3");
            awaitExit(docker, id);

            fail("failing on purpose, to show the diagnostics");
        }
    }

    @DinD
    static class Passes {

        @Test
        void first(DockerClient docker) {
            docker.pingCmd().exec();
        }

        @Test
        void second(DockerClient docker) {
            docker.pingCmd().exec();
        }
    }

    @DinD(scope = DaemonScope.PER_METHOD)
    static class PerMethodFails {

        @Test
        void fail(DockerClient docker) {
            InnerDaemon.loadBusybox(docker);
            awaitExit(docker, InnerDaemon.runBusybox(docker, "per-method-container", "echo per method"));

            throw new AssertionError("failing on purpose, to show the diagnostics");
        }
    }

    @DinD(scope = DaemonScope.SHARED)
    static class SharedBeforeAllFails {

        @BeforeAll
        static void setUp(DockerClient docker) {
            InnerDaemon.loadBusybox(docker);
            awaitExit(docker, InnerDaemon.runBusybox(docker, "before-all-container", "true"));

            throw new IllegalStateException("set-up failed on purpose");
        }

        @Test
        void test() {
        }
    }
}
