package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.Events;

class DaemonStoppedTest {

    @Test
    void killedDaemonFailsTestSayingSo() {
        Events tests = TestKit.run(KillsItsDaemon.class, AfterKilledDaemon.class).testEvents();

        tests.assertThatEvents()
                .haveExactly(1, event(test("killDaemon"), finishedWithFailure(
                        message(text -> text.startsWith("DinD daemon from image ")
                                && text.contains(" stopped during the test: its container ")
                                && text.contains(" exited with code 137 ")
                                && text.contains("the next test class gets a new daemon")),
                        cause(message(text -> !text.isEmpty())))))
                .haveExactly(1, event(test("daemonIsGone"), finishedWithFailure(
                        message(text -> text.contains(" stopped during the test")))))
                .haveExactly(1, event(test("nextClassWorks"), finishedSuccessfully()));
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @Test
    void ordinaryFailureIsLeftAlone() {
        Events tests = TestKit.run(FailsOnItsOwn.class).testEvents();

        tests.assertThatEvents().haveExactly(1, event(test("fail"), finishedWithFailure(
                message("expected failure"))));
    }

    @DinD
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class KillsItsDaemon {

        @Test
        @Order(1)
        void killDaemon(DockerClient docker) {
            String containerId = DaemonFacts.of(docker).containerId();
            OuterEngine.client().killContainerCmd(containerId).exec();

            docker.pingCmd().exec();
        }

        @Test
        @Order(2)
        void daemonIsGone(DockerClient docker) {
            docker.versionCmd().exec();
        }
    }

    @DinD
    static class AfterKilledDaemon {

        @Test
        void nextClassWorks(DockerClient docker) {
            docker.pingCmd().exec();
        }
    }

    @DinD
    static class FailsOnItsOwn {

        @Test
        void fail(DockerClient docker) {
            throw new IllegalStateException("expected failure");
        }
    }
}
