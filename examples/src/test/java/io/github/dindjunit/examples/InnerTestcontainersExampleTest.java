package io.github.dindjunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dindjunit.core.DinDContainer;
import io.github.dindjunit.core.DockerDaemon;
import io.github.dindjunit.jupiter.DinD;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Starts an ordinary Testcontainers container on the daemon instead of the engine that runs the tests, and
 * reaches its mapped port from the test. {@code innerPorts} reserves the ports that such containers can publish.
 */
@DinD(preload = RunContainerExampleTest.WORKLOAD_IMAGE, innerPorts = 2)
class InnerTestcontainersExampleTest {

    @Test
    void webServerOnTheInnerDaemonAnswers(DockerDaemon handle) throws Exception {
        DinDContainer daemon = handle.getContainer();

        try (GenericContainer<?> web = daemon.prepareInnerContainer(
                new GenericContainer<>(RunContainerExampleTest.WORKLOAD_IMAGE)
                        .withCommand("sh", "-c", "mkdir -p /www && echo hello from inside > /www/index.html"
                                + " && exec httpd -f -p 8080 -h /www")
                        .withExposedPorts(8080))) {
            web.start();

            String page = get("http://" + web.getHost() + ":" + web.getMappedPort(8080) + "/");
            boolean onOuterEngine = DockerClientFactory.instance().client().listContainersCmd().exec().stream()
                    .anyMatch(container -> container.getId().equals(web.getContainerId()));

            assertThat(page).isEqualTo("hello from inside\n");
            assertThat(onOuterEngine).isFalse();
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
