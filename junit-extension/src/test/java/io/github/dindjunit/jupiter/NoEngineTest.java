package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DaemonStartupException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.Events;

/**
 * Acts as if no Docker engine were reachable, without touching the real one: {@link NoEngine} records an
 * unavailable engine in the run's store before the extension's own check would ask Testcontainers.
 */
class NoEngineTest {

    @Test
    void classFailsSayingHowToGetEngine() {
        Events classes = TestKit.run(FailsWithoutEngine.class).containerEvents();

        classes.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(DaemonStartupException.class),
                message(text -> text.startsWith("No Docker engine is reachable, so @DinD on class "
                        + FailsWithoutEngine.class.getName() + " cannot start a daemon. Start Docker, or set"
                        + " DOCKER_HOST to the address of a running engine")
                        && text.contains(EngineAvailability.HELP_URL)
                        && text.contains("set @DinD(disabledWithoutDocker = true)"))));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void disabledWithoutDockerSkipsClassSayingWhy() {
        Events classes = TestKit.run(SkippedWithoutEngine.class).containerEvents();

        classes.assertThatEvents().haveExactly(1, event(container(SkippedWithoutEngine.class.getSimpleName()),
                skippedWithReason("No Docker engine is reachable, and disabledWithoutDocker (from"
                        + " @DinD(disabledWithoutDocker) on " + SkippedWithoutEngine.class.getName() + ") skips "
                        + SkippedWithoutEngine.class.getName() + " without one. Start Docker or set DOCKER_HOST"
                        + " to run it; see " + EngineAvailability.HELP_URL + ".")));
    }

    @Test
    void configurationParameterSkipsClass() {
        Events classes = TestKit.run(Map.of(DinD.DISABLED_WITHOUT_DOCKER_PROPERTY, "true"), FailsWithoutEngine.class)
                .containerEvents();

        classes.assertThatEvents().haveExactly(1, event(container(FailsWithoutEngine.class.getSimpleName()),
                skippedWithReason(reason -> reason.contains("(from configuration parameter"
                        + " dind.disabled.without.docker)"))));
    }

    @Test
    void reachableEngineRunsDisabledWithoutDockerClass() {
        TestKit.run(RunsWithEngine.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));
    }

    /** Records that no engine is reachable, as the check through Testcontainers would on a machine without one. */
    static class NoEngine implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            context.getRoot().getStore(DinDExtension.NAMESPACE)
                    .put(EngineAvailability.class, new EngineAvailability(false));
            return ConditionEvaluationResult.enabled("only records an unavailable engine");
        }
    }

    @ExtendWith(NoEngine.class)
    @DinD
    static class FailsWithoutEngine {

        @Test
        void test(DockerClient docker) {
        }
    }

    @ExtendWith(NoEngine.class)
    @DinD(disabledWithoutDocker = true)
    static class SkippedWithoutEngine {

        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD(disabledWithoutDocker = true)
    static class RunsWithEngine {

        @Test
        void test(DockerClient docker) {
            docker.pingCmd().exec();
        }
    }
}
