package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/** Ordinary Testcontainers containers on the daemon inside DinD. */
class InnerTestcontainersTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    private static final String WORKLOAD = "dind-junit/busybox:test";

    private static DinDContainer daemon;

    @BeforeAll
    static void startDaemon() {
        daemon = new DinDContainer(IMAGE)
                .withDaemonOptions(DaemonOptions.defaults().withPreloadedImages(WORKLOAD).withInnerPorts(2));
        daemon.start();
    }

    @AfterAll
    static void stopDaemon() {
        daemon.stop();
    }

    @Test
    void mappedPortIsReachableFromTheTest() throws Exception {
        try (GenericContainer<?> web = daemon.prepareInnerContainer(webServer("inner web"))) {
            web.start();

            String page = fetch(web.getHost(), web.getMappedPort(8080));

            assertThat(page).isEqualTo("inner web\n");
        }
    }

    @Test
    void containerIsOnTheInnerDaemonOnly() {
        DockerClient outer = DockerClientFactory.instance().client();
        try (GenericContainer<?> web = daemon.prepareInnerContainer(webServer("isolated"))) {
            web.start();
            String id = web.getContainerId();

            assertThat(daemon.getClient().inspectContainerCmd(id).exec().getState().getRunning()).isTrue();
            assertThatThrownBy(() -> outer.inspectContainerCmd(id).exec()).isInstanceOf(NotFoundException.class);
            assertThat(web.getLogs()).isEmpty();
        }
    }

    @Test
    void stoppedContainersFreeTheirPorts() throws Exception {
        String firstId;
        for (int round = 0; round < 3; round++) {
            try (GenericContainer<?> first = daemon.prepareInnerContainer(webServer("first"));
                    GenericContainer<?> second = daemon.prepareInnerContainer(webServer("second"))) {
                first.start();
                second.start();
                firstId = first.getContainerId();

                assertThat(fetch(second.getHost(), second.getMappedPort(8080))).isEqualTo("second\n");
            }
            // Both inner ports are free again only if the next start removes the stopped containers.
            String stoppedId = firstId;
            try (GenericContainer<?> third = daemon.prepareInnerContainer(webServer("third"))) {
                third.start();
                assertThatThrownBy(() -> daemon.getClient().inspectContainerCmd(stoppedId).exec())
                        .isInstanceOf(NotFoundException.class);
            }
        }
    }

    @Test
    void tooManyPortsFailNamingTheSetting() {
        GenericContainer<?> web = daemon.prepareInnerContainer(new GenericContainer<>(WORKLOAD)
                .withCommand("httpd", "-f", "-p", "8080")
                .withExposedPorts(8080, 8081, 8082));

        assertThatThrownBy(web::start)
                .satisfies(thrown -> assertThat(causeOfType(thrown, IllegalStateException.class))
                .hasMessageContaining("exposes 3 ports, but only 2 of the 2 inner ports")
                .hasMessageContaining("withInnerPorts"));
    }

    @Test
    void missingImageNamesPreload() {
        GenericContainer<?> other = daemon.prepareInnerContainer(new GenericContainer<>(IMAGE));

        assertThatThrownBy(other::start)
                .satisfies(thrown -> assertThat(causeOfType(thrown, IllegalStateException.class))
                .hasMessageContaining("Image " + IMAGE + " is not in the daemon inside DinD")
                .hasMessageContaining("@DinD(preload = \"" + IMAGE + "\")"));
    }

    @Test
    void hostAccessIsRejected() {
        GenericContainer<?> container = new GenericContainer<>(WORKLOAD).withAccessToHost(true);

        assertThatThrownBy(() -> daemon.prepareInnerContainer(container))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot reach the test's host ports");
    }

    @Test
    void outerNetworkIsRejected() {
        try (Network network = Network.newNetwork()) {
            GenericContainer<?> container = new GenericContainer<>(WORKLOAD).withNetwork(network);

            assertThatThrownBy(() -> daemon.prepareInnerContainer(container))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cannot join a Testcontainers Network")
                    .hasMessageContaining("createNetworkCmd");
        }
    }

    @Test
    void bindMountIsRejected() {
        GenericContainer<?> container = new GenericContainer<>(WORKLOAD)
                .withFileSystemBind("/tmp", "/data", BindMode.READ_ONLY);

        assertThatThrownBy(() -> daemon.prepareInnerContainer(container))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("bind mounts")
                .hasMessageContaining("withCopyFileToContainer");
    }

    @Test
    void featureAddedAfterPreparingIsRejectedAtStart() {
        GenericContainer<?> container = daemon.prepareInnerContainer(new GenericContainer<>(WORKLOAD))
                .withAccessToHost(true);

        assertThatThrownBy(container::start)
                .rootCause()
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot reach the test's host ports");
    }

    private static Throwable causeOfType(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        throw new AssertionError("No " + type.getName() + " in the causes of " + thrown, thrown);
    }

    private static GenericContainer<?> webServer(String text) {
        return new GenericContainer<>(WORKLOAD)
                .withCommand("sh", "-c", "mkdir -p /www && echo " + text + " > /www/index.html"
                        + " && exec httpd -f -p 8080 -h /www")
                .withExposedPorts(8080);
    }

    private static String fetch(String host, int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
