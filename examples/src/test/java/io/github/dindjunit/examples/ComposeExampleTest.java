package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dindjunit.core.DinDContainer;
import io.github.dindjunit.core.DockerDaemon;
import io.github.dindjunit.jupiter.DinD;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.Transferable;

/**
 * Runs a two-service Compose project inside the daemon with the image's Compose v2 plugin ({@code docker
 * compose}): a web server and a client that fetches a page from it by service name. Both use the preloaded
 * workload image, and {@code pull_policy: never} makes Compose fail rather than pull.
 */
@DinD(preload = RunContainerExampleTest.WORKLOAD_IMAGE)
class ComposeExampleTest {

    private static final String COMPOSE_FILE = String.join("\n",
            "services:",
            "  web:",
            "    image: " + RunContainerExampleTest.WORKLOAD_IMAGE,
            "    pull_policy: never",
            "    command: [\"sh\", \"-c\", \"mkdir -p /www && echo served by web > /www/index.html"
                    + " && exec httpd -f -p 8080 -h /www\"]",
            "  client:",
            "    image: " + RunContainerExampleTest.WORKLOAD_IMAGE,
            "    pull_policy: never",
            "    depends_on: [web]",
            // The web service may still be starting: retry for up to 10 seconds.
            "    command: [\"sh\", \"-c\", \"for i in $$(seq 50); do wget -q -O - http://web:8080/ && exit 0;"
                    + " sleep 0.2; done; exit 1\"]",
            "");

    @Test
    void clientServiceReachesWebServiceByName(DockerDaemon handle) throws IOException, InterruptedException {
        DinDContainer daemon = handle.getContainer();

        daemon.copyFileToContainer(Transferable.of(COMPOSE_FILE), "/project/compose.yaml");

        ExecResult up = daemon.execDocker("compose", "--project-directory", "/project", "up",
                "--exit-code-from", "client");
        ExecResult down = daemon.execDocker("compose", "--project-directory", "/project", "down");

        assertThat(up.getExitCode()).as(up.getStdout() + up.getStderr()).isZero();
        assertThat(up.getStdout()).contains("served by web");
        assertThat(down.getExitCode()).as(down.getStderr()).isZero();
    }
}
