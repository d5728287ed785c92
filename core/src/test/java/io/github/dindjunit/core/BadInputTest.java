package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.model.Container;
import io.github.dindjunit.core.internal.StartupFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** Each kind of bad input ends in a {@link DaemonStartupException} or a rejected setting, and leaves nothing. */
class BadInputTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    /**
     * An image on a registry address where nothing listens, so that the pull fails on this machine without a
     * packet leaving it.
     */
    private static final String UNPULLABLE_IMAGE = "127.0.0.1:1/dind-junit/absent:1";

    /** What runc on this machine reported for a privileged container, as docker-java 3.7.1 wraps it. */
    private static final String RECORDED_CAPABILITY_REFUSAL = "Status 500: {\"message\":\"failed to create shim"
            + " task: OCI runtime create failed: runc create failed: unable to start container process: unable to"
            + " apply caps: operation not permitted: unknown\"}";

    @AfterEach
    void nothingLeftBehind() {
        assertThat(labelledContainers()).isEmpty();
    }

    @Test
    void textAfterTagIsRejectedBeforeAnythingStarts() {
        assertThatThrownBy(() -> new DinDContainer("dind-junit/dind:trixie:extra"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid DinD image 'dind-junit/dind:trixie:extra': it has text after its tag"
                        + " or digest. Expected ");
    }

    @Test
    void unpullableImageFailsNamingImage() {
        try (DinDContainer daemon = new DinDContainer(UNPULLABLE_IMAGE)) {
            assertThatThrownBy(daemon::start)
                    .isInstanceOf(DaemonStartupException.class)
                    .hasMessageStartingWith("Failed to pull DinD image " + UNPULLABLE_IMAGE + ", which is not on the"
                            + " Docker engine: ")
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageEndingWith("Check the image name, log in to its registry, or load the image onto the"
                            + " engine (docker pull, docker load) before the tests run.");
        }
    }

    @Test
    void imageWithoutDockerdFailsSayingSo() {
        try (DinDContainer daemon = new DinDContainer("dind-junit/busybox:test")) {
            assertThatThrownBy(daemon::start)
                    .isInstanceOf(DaemonStartupException.class)
                    .hasMessageStartingWith("DinD image dind-junit/busybox:test does not look like a docker:dind"
                            + " image: its entrypoint [] and command [sh] do not start dockerd")
                    .hasMessageContaining("Use an official docker:<version>-dind image, such as "
                            + DinDContainer.DEFAULT_IMAGE)
                    .hasMessageContaining("exited with code");
        }
    }

    @Test
    void rootlessImageWithoutDockerdSuggestsRootlessImage() {
        try (DinDContainer daemon = new DinDContainer("dind-junit/busybox:test").withRootless()) {
            assertThatThrownBy(daemon::start)
                    .isInstanceOf(DaemonStartupException.class)
                    .hasMessageStartingWith("DinD image dind-junit/busybox:test does not look like a docker:dind"
                            + " image")
                    .hasMessageContaining("such as " + DinDContainer.DEFAULT_ROOTLESS_IMAGE);
        }
    }

    @Test
    void invalidDaemonFlagFailsWithDaemonLog() {
        try (DinDContainer daemon = new DinDContainer(IMAGE).withCommand("--no-such-flag")) {
            assertThatThrownBy(daemon::start)
                    .isInstanceOf(DaemonStartupException.class)
                    .hasMessageContaining("DinD container from image " + IMAGE + " exited with code")
                    .hasMessageContaining("before its daemon responded")
                    .hasMessageContaining("--no-such-flag");
        }
    }

    @Test
    void certificateDirectoryIsReserved() {
        for (String value : new String[] {"", "/elsewhere"}) {
            try (DinDContainer daemon = new DinDContainer(IMAGE).withEnv("DOCKER_TLS_CERTDIR", value)) {
                assertThatThrownBy(daemon::start)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("Invalid environment DOCKER_TLS_CERTDIR=" + value + " for DinD image "
                                + IMAGE + ": dind-junit sets it to /certs")
                        .hasMessageEndingWith("Remove the withEnv(\"DOCKER_TLS_CERTDIR\", ...) call.");
                assertThat(daemon.getContainerId()).isNull();
            }
        }
    }

    @Test
    void dockerHostIsReserved() {
        try (DinDContainer daemon = new DinDContainer(IMAGE).withEnv("DOCKER_HOST", "tcp://0.0.0.0:2375")) {
            assertThatThrownBy(daemon::start)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid environment DOCKER_HOST=tcp://0.0.0.0:2375 for DinD image "
                            + IMAGE + ": dind-junit decides where the daemon listens")
                    .hasMessageContaining("Remove the withEnv(\"DOCKER_HOST\", ...) call");
            assertThat(daemon.getContainerId()).isNull();
        }
    }

    @Test
    void unprivilegedModeIsRejected() {
        try (DinDContainer daemon = new DinDContainer(IMAGE).withPrivilegedMode(false)) {
            assertThatThrownBy(daemon::start)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid privileged mode false for DinD image " + IMAGE)
                    .hasMessageEndingWith("Remove the withPrivilegedMode(false) call.");
            assertThat(daemon.getContainerId()).isNull();
        }
    }

    @Test
    void recordedCapabilityRefusalIsTranslated() {
        InternalServerErrorException engineError = new InternalServerErrorException(RECORDED_CAPABILITY_REFUSAL);

        DaemonStartupException translated = StartupFailures.privilegedRefused(IMAGE, engineError);

        assertThat(translated).isNotNull();
        assertThat(translated.getMessage())
                .startsWith("Docker engine refused to start the privileged DinD container from image " + IMAGE)
                .contains("unable to apply caps: operation not permitted")
                .endsWith("Run the tests on an engine that allows privileged containers, such as a CI runner with"
                        + " privileged mode enabled.");
        assertThat(translated.getCause()).isSameAs(engineError);
        assertThat(StartupFailures.privilegedRefused(IMAGE, new IllegalStateException("other"))).isNull();
    }

    /**
     * Runs the container with plain runc instead of the engine's default runtime. Where the host's capability
     * bounding set lacks a capability, as on the machines that scripts/docker-engine.sh prepares, runc then
     * refuses the privileged container for real.
     */
    @Test
    void realCapabilityRefusalIsTranslated() throws IOException {
        assumeThat(hostLacksCapabilities()).as("host capability bounding set is complete").isTrue();
        assumeThat(DockerClientFactory.instance().client().infoCmd().exec().getRuntimes()).containsKey("runc");

        try (DinDContainer daemon = new DinDContainer(IMAGE)
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withRuntime("runc"))) {
            assertThatThrownBy(daemon::start)
                    .isInstanceOf(DaemonStartupException.class)
                    .hasMessageStartingWith("Docker engine refused to start the privileged DinD container from"
                            + " image " + IMAGE)
                    .hasMessageContaining("unable to apply caps: operation not permitted");
        }
    }

    /**
     * Forks a JVM that cannot reach any engine: DOCKER_HOST names a loopback port where nothing listens, its
     * home has no Testcontainers settings, and a private mount namespace hides /run, where the local socket
     * is. Needs unshare(1) and the right to mount, which root in the build container has.
     */
    @Test
    void unreachableEngineFailsSayingSo() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/unshare"))).as("unshare(1) installed").isTrue();
        Path home = Files.createTempDirectory("dind-junit-empty-home");
        Map<String, String> environment = new HashMap<>();
        environment.put("DOCKER_HOST", "tcp://127.0.0.1:1");
        environment.put("HOME", home.toString());
        environment.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        List<String> hideRun = List.of("unshare", "--mount", "sh", "-c", "mount -t tmpfs none /run && exec \"$@\"",
                "sh");

        try (ForkedJvm jvm = ForkedJvm.start(hideRun, environment, "start", IMAGE)) {
            String failure = jvm.awaitLine(ForkedDaemonMain.FAILURE_PREFIX, Duration.ofSeconds(60));

            assertThat(failure)
                    .startsWith(DaemonStartupException.class.getName() + ": Failed to start a DinD container from"
                            + " image " + IMAGE + ": Testcontainers found no reachable Docker engine.")
                    .endsWith("Start a Docker engine, or point DOCKER_HOST at one.");
            assertThat(jvm.awaitExit(Duration.ofSeconds(30))).isZero();
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static boolean hostLacksCapabilities() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("CapBnd:"))
                .anyMatch(line -> !line.endsWith("1ffffffffff"));
    }

    private static List<Container> labelledContainers() {
        return DockerClientFactory.instance().client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(DinDContainer.LABEL, "true", "org.testcontainers.sessionId",
                        DockerClientFactory.SESSION_ID))
                .exec();
    }
}
