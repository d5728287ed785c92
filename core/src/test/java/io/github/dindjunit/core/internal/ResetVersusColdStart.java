package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import io.github.dindjunit.core.DinDContainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.testcontainers.DockerClientFactory;

/**
 * Measures what the shared scope saves: how long {@link DaemonBaseline#restore} takes compared with a cold start
 * of a new daemon, as a ratio. Not a test; run it by hand:
 *
 * <pre>
 * mvn -B -ntp -q test-compile -pl core -am
 * TESTCONTAINERS_RYUK_DISABLED=true mvn -B -ntp -q exec:java -pl core -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.dindjunit.core.internal.ResetVersusColdStart -Dexec.args="dind-junit/dind:trixie 5"
 * </pre>
 *
 * <p>A cold start is {@code start()} plus {@code stop()} of a {@link DinDContainer}, which is what a fresh
 * daemon per class costs. A reset restores a daemon after a class that left things behind ({@link #workload}):
 * with {@code light}, one stopped container; with {@code heavy}, a running container, a volume, a network and a
 * built image. The medians are printed side by side.
 */
public final class ResetVersusColdStart {

    private static final String BUSYBOX = "dind-junit/busybox:test";

    private ResetVersusColdStart() {
    }

    public static void main(String[] arguments) throws Exception {
        String image = arguments.length > 0 ? arguments[0] : "dind-junit/dind:trixie";
        int rounds = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 5;

        long[] coldStarts = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            long startedAt = System.nanoTime();
            DinDContainer daemon = new DinDContainer(image);
            daemon.start();
            daemon.stop();
            coldStarts[round] = System.nanoTime() - startedAt;
        }

        long[] emptyResets = new long[rounds];
        long[] lightResets = new long[rounds];
        long[] heavyResets = new long[rounds];
        try (DinDContainer daemon = new DinDContainer(image)) {
            daemon.start();
            DockerClient docker = daemon.getClient();
            DaemonBaseline baseline = DaemonBaseline.capture(docker);
            for (int round = 0; round < rounds; round++) {
                emptyResets[round] = timeRestore(baseline, docker);

                loadBusybox(docker);
                runAndWait(docker, "true");
                lightResets[round] = timeRestore(baseline, docker);

                loadBusybox(docker);
                heavyWorkload(docker);
                heavyResets[round] = timeRestore(baseline, docker);
            }
        }

        double cold = median(coldStarts);
        System.out.printf(Locale.ROOT, "cold start (start + stop), median of %d: %.0f ms%n", rounds, cold / 1e6);
        report("reset, nothing to remove", emptyResets, cold);
        report("reset, light workload", lightResets, cold);
        report("reset, heavy workload", heavyResets, cold);
    }

    private static void report(String name, long[] resets, double cold) {
        double reset = median(resets);
        System.out.printf(Locale.ROOT, "%-28s median %.0f ms, ratio to cold start %.3f%n", name + ":", reset / 1e6,
                reset / cold);
    }

    private static long timeRestore(DaemonBaseline baseline, DockerClient docker) {
        long startedAt = System.nanoTime();
        baseline.restore(docker);
        return System.nanoTime() - startedAt;
    }

    /** Creates what a class might leave behind: a running container, a volume, a network and a built image. */
    static void heavyWorkload(DockerClient docker) throws IOException {
        docker.createVolumeCmd().withName("workload").exec();
        docker.createNetworkCmd().withName("workload").exec();
        String id = docker.createContainerCmd(BUSYBOX).withCmd("sleep", "300").exec().getId();
        docker.startContainerCmd(id).exec();
        docker.buildImageCmd(new ByteArrayInputStream(dockerfileArchive()))
                .withTags(Set.of("workload:1"))
                .exec(new BuildImageResultCallback())
                .awaitImageId();
    }

    private static void runAndWait(DockerClient docker, String... command) {
        String id = docker.createContainerCmd(BUSYBOX).withCmd(command).exec().getId();
        docker.startContainerCmd(id).exec();
        docker.waitContainerCmd(id).start().awaitStatusCode();
    }

    private static void loadBusybox(DockerClient docker) throws IOException {
        try (InputStream archive = DockerClientFactory.instance().client().saveImageCmd(BUSYBOX).exec()) {
            docker.loadImageAsyncCmd(archive).start().awaitMessage();
        }
    }

    private static byte[] dockerfileArchive() throws IOException {
        byte[] dockerfile = ("FROM " + BUSYBOX + "\nRUN echo built > /built\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
            entry.setSize(dockerfile.length);
            tar.putArchiveEntry(entry);
            tar.write(dockerfile);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
