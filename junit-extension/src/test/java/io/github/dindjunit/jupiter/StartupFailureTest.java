package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DaemonStartupException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.Events;

class StartupFailureTest {

    private static final Map<String, DaemonFacts> SEEN = new ConcurrentHashMap<>();

    @Test
    void imageThatIsNotDinDFailsTheClass() {
        Events classes = runClass(NotADinDImage.class);

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(DaemonStartupException.class),
                message(text -> text.startsWith("DinD image dind-junit/busybox:test does not look like a"
                        + " docker:dind image: its entrypoint [] and command [sh] do not start dockerd")
                        && text.contains("exited with code")
                        && text.contains("before its daemon responded"))));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
        assertThat(OuterEngine.labelledVolumes()).isEmpty();
    }

    @Test
    void unpullableImageFailsTheClassQuickly() {
        Events classes = runClass(UnpullableImage.class);

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(DaemonStartupException.class),
                message(text -> text.startsWith("Failed to pull DinD image 127.0.0.1:1/dind-junit/absent:1, which is"
                        + " not on the Docker engine: ")
                        && text.endsWith("before the tests run."))));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void tooShortTimeoutFailsNamingImageAndTimeout() {
        Events classes = runClass(TooShortTimeout.class);

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(DaemonStartupException.class),
                message(text -> text.contains("did not respond to an authenticated ping within 1 ms")
                        && text.contains("Last lines of the container log:"))));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void invalidTimeoutFailsNamingValueAndSource() {
        Events classes = runClass(InvalidTimeout.class);

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message("Invalid DinD start-up timeout 'soon' in @DinD(startupTimeout) on "
                        + InvalidTimeout.class.getName() + ": expected a positive whole number and a unit (ms, s,"
                        + " m, h or d), such as '90 s', or an ISO-8601 duration such as 'PT90S'.")));
    }

    @Test
    void failingBeforeAllStillRemovesDaemon() {
        SEEN.clear();

        Events classes = runClass(FailingBeforeAll.class);

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(message("set-up failed on purpose")));
        DaemonFacts facts = SEEN.get("failing");
        assertThat(OuterEngine.containerExists(facts.containerId())).as("container still exists").isFalse();
        assertThat(OuterEngine.volumeExists(facts.volumeNames().get(0))).as("volume still exists").isFalse();
    }

    private static Events runClass(Class<?> testClass) {
        return TestKit.run(testClass)
                .containerEvents();
    }

    @DinD(image = "dind-junit/busybox:test", startupTimeout = "30 s")
    static class NotADinDImage {

        @Test
        void test(DockerClient docker) {
        }
    }

    /** Names a registry on a loopback port where nothing listens, so the pull never leaves the machine. */
    @DinD(image = "127.0.0.1:1/dind-junit/absent:1")
    static class UnpullableImage {

        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD(startupTimeout = "1 ms")
    static class TooShortTimeout {

        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD(startupTimeout = "soon")
    static class InvalidTimeout {

        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD
    static class FailingBeforeAll {

        @BeforeAll
        static void setUp(DockerClient docker) {
            SEEN.put("failing", DaemonFacts.of(docker));
            throw new IllegalStateException("set-up failed on purpose");
        }

        @Test
        void test(DockerClient docker) {
        }
    }
}
