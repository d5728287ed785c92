package io.github.dindjunit.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/** The Docker engine that runs the DinD containers, reached through Testcontainers' client. */
final class OuterEngine {

    /** The directory in which each DinD daemon keeps its images and containers, an anonymous volume. */
    static final String DATA_DIRECTORY = "/var/lib/docker";

    /** Marks what the benchmark creates, besides the labels that tie a container to this JVM's session. */
    static final String BENCHMARK_LABEL = "io.github.dindjunit.benchmark";

    /** The message that dockerd logs once it serves its API on the TLS port. */
    private static final String API_LISTEN_MESSAGE = "API listen on [::]:2376";

    private static final Duration LOG_WAIT = Duration.ofSeconds(5);

    private OuterEngine() {
    }

    static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /** Returns the host on which mapped ports are reachable, as Testcontainers reports it. */
    static String host() {
        return DockerClientFactory.instance().dockerHostIpAddress();
    }

    /** Returns the labels that the leftover checks of this project look for, plus the contender's name. */
    static Map<String, String> labels(String contender) {
        return Map.of(
                "io.github.dindjunit", "true",
                DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL, DockerClientFactory.SESSION_ID,
                BENCHMARK_LABEL, contender);
    }

    /** The directory in which a rootless DinD daemon keeps its images and containers, an anonymous volume. */
    static final String ROOTLESS_DATA_DIRECTORY = "/home/rootless/.local/share/docker";

    /** Returns the name of the volume mounted at {@link #DATA_DIRECTORY} in the given container. */
    static String dataVolume(String containerId) {
        return dataVolume(containerId, DATA_DIRECTORY);
    }

    /** Returns the name of the volume mounted at the given directory in the given container. */
    static String dataVolume(String containerId, String directory) {
        InspectContainerResponse container = client().inspectContainerCmd(containerId).exec();
        return container.getMounts().stream()
                .filter(mount -> mount.getDestination() != null
                        && directory.equals(mount.getDestination().getPath()))
                .map(InspectContainerResponse.Mount::getName)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "Container " + containerId + " has no volume at " + directory));
    }

    /**
     * Returns when the daemon in the given container logged that it serves its API on the TLS port, from the
     * timestamps that the engine adds to each log line. dockerd serves its API a moment before it logs so, and
     * the engine forwards the line a moment later still, so this waits up to {@link #LOG_WAIT} for the line.
     */
    static Instant apiListenedAt(String containerId) throws InterruptedException {
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        while (true) {
            String log = timestampedLog(containerId);
            Optional<Instant> listenedAt = log.lines()
                    .filter(line -> line.contains(API_LISTEN_MESSAGE))
                    .map(line -> Instant.parse(line.substring(0, line.indexOf(' '))))
                    .findFirst();
            if (listenedAt.isPresent()) {
                return listenedAt.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Container " + containerId + " did not log '" + API_LISTEN_MESSAGE
                        + "' within " + LOG_WAIT.toMillis() + " ms of responding to a ping:\n" + log);
            }
            Thread.sleep(20);
        }
    }

    private static String timestampedLog(String containerId) throws InterruptedException {
        StringBuilder log = new StringBuilder();
        client().logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
                .withTimestamps(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                })
                .awaitCompletion();
        return log.toString();
    }

    /** Fails if any container of this JVM's Testcontainers session still exists. */
    static void checkNoContainersLeft() {
        List<Container> left = client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL,
                        DockerClientFactory.SESSION_ID))
                .exec();
        if (!left.isEmpty()) {
            throw new IllegalStateException("The benchmark left these containers on the engine: "
                    + left.stream().map(Container::getId).toList());
        }
    }

    /** Fails unless both the container and the volume are gone from the engine. */
    static void checkRemoved(String containerId, String volume) {
        try {
            client().inspectContainerCmd(containerId).exec();
            throw new IllegalStateException("Container " + containerId + " still exists after teardown");
        } catch (NotFoundException expected) {
            // The container is gone, as it should be.
        }
        try {
            client().inspectVolumeCmd(volume).exec();
            throw new IllegalStateException("Volume " + volume + " still exists after teardown");
        } catch (NotFoundException expected) {
            // The volume is gone, as it should be.
        }
    }
}
