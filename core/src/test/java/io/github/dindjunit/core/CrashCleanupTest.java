package io.github.dindjunit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.dindjunit.core.internal.LeftoverCleanup;
import io.github.dindjunit.core.internal.Ownership;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * What the library leaves on the engine when a JVM ends without stopping its daemon, and how the next start
 * removes it. The daemons run in forked JVMs, which the tests kill or let exit.
 */
class CrashCleanupTest {

    private static final String IMAGE = System.getProperty("dind.image", DinDContainer.DEFAULT_IMAGE);

    private static final String WORKLOAD_IMAGE = "dind-junit/busybox:test";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final DockerClient engine = DockerClientFactory.instance().client();

    @Test
    void killedJvmLeavesDaemonThatNextStartRemoves() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start(List.of(), Map.of(), "sleep", IMAGE)) {
            String containerId = jvm.awaitLine(ForkedDaemonMain.CONTAINER_PREFIX, START_TIMEOUT);
            String volume = dataVolume(containerId);
            assertThat(engine.inspectContainerCmd(containerId).exec().getConfig().getLabels())
                    .containsEntry(DinDContainer.LABEL, "true")
                    .containsEntry(Ownership.PID, Long.toString(jvm.pid()))
                    .containsKeys(Ownership.RUN_ID, Ownership.HOST, Ownership.BOOT_ID, Ownership.CREATED);
            assertThat(engine.inspectVolumeCmd(volume).exec().getLabels())
                    .containsEntry(Ownership.PID, Long.toString(jvm.pid()));

            cleanup().run();
            assertThat(containerExists(containerId)).as("daemon of a live JVM removed").isTrue();

            jvm.kill();
            assertThat(containerExists(containerId)).as("daemon of the killed JVM still exists").isTrue();

            int removed = cleanup().run();

            assertThat(removed).isGreaterThanOrEqualTo(1);
            assertThat(containerExists(containerId)).as("daemon of the killed JVM removed").isFalse();
            assertThat(volumeExists(volume)).as("data volume of the killed JVM removed").isFalse();
        }
    }

    @Test
    void normalExitRemovesDaemonAndVolume() throws Exception {
        try (ForkedJvm jvm = ForkedJvm.start(List.of(), Map.of(), "exit", IMAGE)) {
            String containerId = jvm.awaitLine(ForkedDaemonMain.CONTAINER_PREFIX, START_TIMEOUT);
            String volume = dataVolume(containerId);

            int exitCode = jvm.awaitExit(Duration.ofSeconds(60));

            assertThat(exitCode).isZero();
            assertThat(containerExists(containerId)).as("daemon still exists after a normal exit").isFalse();
            assertThat(volumeExists(volume)).as("data volume still exists after a normal exit").isFalse();
        }
    }

    @Test
    void leftoverOfOtherHostIsRemovedOnlyWhenOld() {
        String old = createWorkloadContainer(Instant.now().minus(Duration.ofHours(7)));
        String recent = createWorkloadContainer(Instant.now().minus(Duration.ofHours(1)));
        try {
            cleanup().run();

            assertThat(containerExists(old)).as("7 hours old container of another host").isFalse();
            assertThat(containerExists(recent)).as("1 hour old container of another host").isTrue();
        } finally {
            engine.removeContainerCmd(recent).withForce(true).withRemoveVolumes(true).exec();
            if (containerExists(old)) {
                engine.removeContainerCmd(old).withForce(true).withRemoveVolumes(true).exec();
            }
        }
    }

    @Test
    void resourcesWithoutOwnerLabelsAreNeverTouched() {
        String unowned = engine.createContainerCmd(WORKLOAD_IMAGE)
                .withCmd("true")
                .withLabels(Map.of(DinDContainer.LABEL, "true",
                        "org.testcontainers.sessionId", DockerClientFactory.SESSION_ID))
                .exec()
                .getId();
        try {
            cleanup().run();

            assertThat(containerExists(unowned)).isTrue();
        } finally {
            engine.removeContainerCmd(unowned).withForce(true).exec();
        }
    }

    @Test
    void maxAgeComesFromPropertyThenEnvironment() {
        assertThat(LeftoverCleanup.maxAge(name -> null, Map.of())).contains(LeftoverCleanup.DEFAULT_MAX_AGE);
        assertThat(LeftoverCleanup.maxAge(name -> null, Map.of("DIND_CLEANUP_MAX_AGE", "2 h")))
                .contains(Duration.ofHours(2));
        assertThat(LeftoverCleanup.maxAge(properties(LeftoverCleanup.MAX_AGE_PROPERTY, "30 m"),
                Map.of("DIND_CLEANUP_MAX_AGE", "2 h"))).contains(Duration.ofMinutes(30));
        assertThat(LeftoverCleanup.maxAge(properties(LeftoverCleanup.ENABLED_PROPERTY, "false"), Map.of()))
                .isEmpty();
        assertThat(LeftoverCleanup.maxAge(name -> null, Map.of("DIND_CLEANUP_ENABLED", "false"))).isEmpty();
    }

    @Test
    void invalidMaxAgeNamesValueAndSource() {
        assertThatThrownBy(() -> LeftoverCleanup.maxAge(properties(LeftoverCleanup.MAX_AGE_PROPERTY, "forever"),
                Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid DinD clean-up maximum age 'forever' in system property"
                        + " dind.cleanup.max-age: expected a positive whole number and a unit");
    }

    private LeftoverCleanup cleanup() {
        return new LeftoverCleanup(engine, Ownership.current(), LeftoverCleanup.DEFAULT_MAX_AGE);
    }

    /** Creates a stopped container whose labels name a process on another host and the given creation time. */
    private String createWorkloadContainer(Instant createdAt) {
        Ownership otherHost = new Ownership("other-run", 1, null, "other-host", "other-boot", createdAt);
        Map<String, String> labels = new HashMap<>(otherHost.labels());
        labels.put(DinDContainer.LABEL, "true");
        labels.put("org.testcontainers.sessionId", DockerClientFactory.SESSION_ID);
        return engine.createContainerCmd(WORKLOAD_IMAGE).withCmd("true").withLabels(labels).exec().getId();
    }

    private String dataVolume(String containerId) {
        InspectContainerResponse container = engine.inspectContainerCmd(containerId).exec();
        List<String> volumes = container.getMounts().stream()
                .map(InspectContainerResponse.Mount::getName)
                .filter(Objects::nonNull)
                .toList();
        assertThat(volumes).hasSize(1);
        return volumes.get(0);
    }

    private boolean containerExists(String id) {
        try {
            engine.inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private boolean volumeExists(String name) {
        try {
            engine.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static java.util.function.Function<String, String> properties(String name, String value) {
        return key -> Optional.of(key).filter(name::equals).map(k -> value).orElse(null);
    }
}
