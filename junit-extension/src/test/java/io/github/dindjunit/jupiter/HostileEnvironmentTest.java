package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;

import com.github.dockerjava.api.DockerClient;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The inner client reads none of the settings that describe the outer engine. Each test sets them to an
 * address where nothing listens and to TLS files that do not exist, in the environment map and configuration
 * parameters that the extension reads and in this JVM's system properties, which docker-java's default
 * configuration reads. Testcontainers connected to the outer engine before, so its client is unaffected.
 */
class HostileEnvironmentTest {

    private static final String NOWHERE = "tcp://127.0.0.1:1";

    private static final Map<String, String> HOSTILE = Map.of(
            "DOCKER_HOST", NOWHERE,
            "DOCKER_TLS_VERIFY", "1",
            "DOCKER_CERT_PATH", "/nonexistent",
            "docker.host", NOWHERE,
            "docker.tls.verify", "1",
            "docker.cert.path", "/nonexistent",
            "api.version", "1.12");

    private final Map<String, String> savedProperties = new HashMap<>();

    @BeforeEach
    void setHostileSystemProperties() {
        OuterEngine.client().pingCmd().exec();
        HOSTILE.forEach((name, value) -> {
            savedProperties.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
    }

    @AfterEach
    void restoreSystemProperties() {
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void settingsSeamIgnoresDockerSettings() {
        DaemonSettings settings = DaemonSettings.resolve(Fixture.class.getAnnotation(DinD.class), Fixture.class,
                name -> Optional.ofNullable(HOSTILE.get(name)).or(() -> Optional.ofNullable(
                        System.getProperty(name))),
                HOSTILE);

        try (StartedDaemon daemon = StartedDaemon.start(settings)) {
            URI endpoint = daemon.container().getDockerHostUri();

            daemon.client().pingCmd().exec();
            assertThat(daemon.client().versionCmd().exec().getVersion()).isNotBlank();
            assertThat(endpoint.toString()).isNotEqualTo(NOWHERE);
            assertThat(endpoint.getPort()).isEqualTo(daemon.container().getMappedPort(2376));
        }
    }

    @Test
    void extensionIgnoresDockerSettings() {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(DinD.IMAGE_PROPERTY, System.getProperty(DinD.IMAGE_PROPERTY))
                .selectors(selectClass(Fixture.class));
        HOSTILE.forEach(builder::configurationParameter);

        Events tests = builder.execute().testEvents();

        tests.assertThatEvents().haveExactly(1, finishedSuccessfully());
    }

    @DinD
    static class Fixture {

        @Test
        void clientReachesInnerDaemon(DockerClient docker) {
            docker.pingCmd().exec();
            assertThat(docker.infoCmd().exec().getName()).isNotBlank();
        }
    }
}
