package io.github.dindjunit.jupiter;

import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DockerDaemon;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.Events;

/**
 * A test that closes the injected client must fail at that call with a message that gives the reason, and must not
 * break the next test of the same daemon.
 */
class ClientCloseTest {

    @Test
    void closingInjectedClientsIsRejected() {
        Events tests = TestKit.run(ClosesEveryClient.class).testEvents();

        for (String closer : new String[] {"closesParameter", "closesField", "closesHandleClient"}) {
            tests.assertThatEvents().haveExactly(1, event(test(closer), finishedWithFailure(
                    instanceOf(UnsupportedOperationException.class),
                    message(text -> text.startsWith("Invalid call to close() on the DockerClient of DinD daemon ")
                            && text.contains("dind-junit owns this client")
                            && text.contains("DockerDaemon.exportEnvironment(directory)")))));
        }
    }

    @Test
    void nextTestStillReachesDaemon() {
        Events tests = TestKit.run(ClosesEveryClient.class).testEvents();

        tests.assertThatEvents().haveExactly(1, event(test("pingsAfterwards"), finishedSuccessfully()));
    }

    @DinD
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClosesEveryClient {

        @InjectDaemon
        DockerClient field;

        @Test
        @Order(1)
        void closesParameter(DockerClient docker) throws Exception {
            try (DockerClient client = docker) {
                client.pingCmd().exec();
            }
        }

        @Test
        @Order(2)
        void closesField() throws Exception {
            field.close();
        }

        @Test
        @Order(3)
        void closesHandleClient(DockerDaemon daemon) throws Exception {
            daemon.getClient().close();
        }

        @Test
        @Order(4)
        void pingsAfterwards(DockerClient docker) {
            docker.pingCmd().exec();
        }
    }
}
