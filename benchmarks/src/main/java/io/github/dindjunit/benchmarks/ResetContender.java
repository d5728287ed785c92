package io.github.dindjunit.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.github.dindjunit.core.DinDContainer;
import io.github.dindjunit.core.internal.DaemonBaseline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The shared daemon's reset between two classes: {@link DaemonBaseline#restore} on a daemon that was started
 * once, after the leftovers of a class were made again outside the timed part. Unlike the other contenders it
 * starts no daemon per run, so the report compares it with this library's cold start (start plus teardown)
 * rather than with the floor.
 */
final class ResetContender implements Contender {

    /** A small image that the benchmark copies from the outer engine into the daemon, as a test would. */
    static final String BUSYBOX = "dind-junit/busybox:test";

    private static final String BUILT_IMAGE = "workload:1";

    private final String image;
    private final Workload workload;
    private byte @Nullable [] busyboxArchive;
    private @Nullable DinDContainer daemon;
    private @Nullable DaemonBaseline baseline;

    ResetContender(String image, Workload workload) {
        this.image = image;
        this.workload = workload;
    }

    /** The leftovers of a class in the daemon, which the reset removes. */
    enum Workload {

        /** A loaded image and one exited container, as a class that runs a container to completion leaves. */
        LIGHT("light workload", "busybox loaded with save and load, one exited container"),

        /** A running container, a volume, a network and a built image, besides the loaded image. */
        HEAVY("heavy workload", "busybox loaded with save and load, a running container, a volume, a network,"
                + " an image built from busybox");

        private final String label;
        private final String leftovers;

        Workload(String label, String leftovers) {
            this.label = label;
            this.leftovers = leftovers;
        }

        String label() {
            return label;
        }

        String leftovers() {
            return leftovers;
        }
    }

    Workload workload() {
        return workload;
    }

    @Override
    public String name() {
        return "reset, " + workload.label();
    }

    @Override
    public String description() {
        return "DaemonBaseline.restore(client) after a class left: " + workload.leftovers();
    }

    @Override
    public RunResult run() throws IOException {
        DockerClient docker = startedDaemon().getClient();
        DaemonBaseline started = baseline();
        leaveBehind(docker);

        Stopwatch reset = Stopwatch.start();
        DaemonBaseline.Removed removed = started.restore(docker);
        Duration resetTime = reset.elapsed();

        checkRemoved(docker, removed);
        return new RunResult(resetTime, null, Map.of(), null);
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.stop();
            daemon = null;
        }
    }

    /** Starts the daemon on the first run, outside the timed part, and records what it contains right then. */
    private DinDContainer startedDaemon() {
        if (daemon == null) {
            DinDContainer started = new DinDContainer(image).withLabel(OuterEngine.BENCHMARK_LABEL, "reset");
            started.start();
            daemon = started;
            baseline = DaemonBaseline.capture(started.getClient());
        }
        return daemon;
    }

    private DaemonBaseline baseline() {
        if (baseline == null) {
            throw new IllegalStateException("The daemon of " + name() + " has no baseline; start it first");
        }
        return baseline;
    }

    private void leaveBehind(DockerClient docker) throws IOException {
        docker.loadImageCmd(new ByteArrayInputStream(busyboxArchive())).exec();
        if (workload == Workload.LIGHT) {
            String id = docker.createContainerCmd(BUSYBOX).withCmd("true").exec().getId();
            docker.startContainerCmd(id).exec();
            docker.waitContainerCmd(id).start().awaitStatusCode();
            return;
        }
        docker.createVolumeCmd().withName("workload").exec();
        docker.createNetworkCmd().withName("workload").exec();
        String id = docker.createContainerCmd(BUSYBOX).withCmd("sleep", "300").exec().getId();
        docker.startContainerCmd(id).exec();
        docker.buildImageCmd(new ByteArrayInputStream(dockerfileArchive()))
                .withTags(Set.of(BUILT_IMAGE))
                .exec(new BuildImageResultCallback())
                .awaitImageId();
    }

    /** Fails unless the reset removed the workload's container, images, and for the heavy one network and volume. */
    private void checkRemoved(DockerClient docker, DaemonBaseline.Removed removed) {
        boolean heavy = workload == Workload.HEAVY;
        int minimumImages = heavy ? 2 : 1;
        int expected = heavy ? 1 : 0;
        if (removed.containers() != 1 || removed.images() < minimumImages || removed.networks() != expected
                || removed.volumes() != expected || !docker.listContainersCmd().withShowAll(true).exec().isEmpty()) {
            throw new IllegalStateException("The reset after the " + workload.label() + " removed " + removed
                    + "; expected 1 container, at least " + minimumImages + " images, " + expected + " networks and "
                    + expected + " volumes, and no container left");
        }
    }

    /** Saves busybox from the outer engine once; each run loads the same archive into the daemon. */
    private byte[] busyboxArchive() throws IOException {
        if (busyboxArchive == null) {
            try (InputStream archive = OuterEngine.client().saveImageCmd(BUSYBOX).exec()) {
                busyboxArchive = archive.readAllBytes();
            }
        }
        return busyboxArchive;
    }

    private static byte[] dockerfileArchive() {
        byte[] dockerfile = ("FROM " + BUSYBOX + "\nRUN echo built > /built\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
            entry.setSize(dockerfile.length);
            tar.putArchiveEntry(entry);
            tar.write(dockerfile);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the Dockerfile into an archive in memory", e);
        }
        return bytes.toByteArray();
    }
}
