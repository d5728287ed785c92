package io.github.dindjunit.core;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.SaveImagesCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.dindjunit.core.internal.ImagePreloader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * Compares image preloading with the shell pipe {@code docker save IMAGE | docker load} into the same inner
 * daemon, and the preload of several images with one archive of them all. Prints medians and their ratios; it
 * asserts nothing, because timings on shared machines are noisy. A warm-up round comes first, and in each
 * round the two sides of each comparison swap places.
 *
 * <p>The section "Image preloading" of {@code docs/benchmarks.md} shows how to run it and what it printed.
 * Arguments: the DinD image, the number of rounds, then the images to copy (the first one is used for the
 * single-image comparison, all of them for the several-image one). Needs the {@code docker} CLI on the PATH.
 */
public final class PreloadMeasurement {

    private PreloadMeasurement() {
    }

    public static void main(String[] arguments) throws Exception {
        String dindImage = arguments.length > 0 ? arguments[0] : "dind-junit/dind:trixie";
        int rounds = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 5;
        List<String> images = arguments.length > 2
                ? Arrays.asList(arguments).subList(2, arguments.length)
                : List.of("dind-junit/dind:bookworm", "dind-junit/busybox:test");

        DockerClient outer = DockerClientFactory.instance().client();
        URI outerEndpoint = DockerClientFactory.instance().getTransportConfig().getDockerHost();
        ImagePreloader preloader = new ImagePreloader(outer, outerEndpoint);
        long size = outer.inspectImageCmd(images.get(0)).exec().getSize();

        try (DinDContainer daemon = new DinDContainer(dindImage)) {
            daemon.start();
            Path certificates = writeClientCertificates(daemon);
            try {
                List<Long> preload = new ArrayList<>();
                List<Long> pipe = new ArrayList<>();
                List<Long> preloadAll = new ArrayList<>();
                List<Long> oneArchive = new ArrayList<>();
                Runnable settle = () -> settle(daemon, images);

                // The first round brings the outer engine's layer files into the page cache, so that no
                // contender pays for reading them from disk. Its times are left out.
                for (int round = -1; round < rounds; round++) {
                    List<Long> preloadTimes = round < 0 ? new ArrayList<>() : preload;
                    List<Long> pipeTimes = round < 0 ? new ArrayList<>() : pipe;
                    List<Long> preloadAllTimes = round < 0 ? new ArrayList<>() : preloadAll;
                    List<Long> oneArchiveTimes = round < 0 ? new ArrayList<>() : oneArchive;
                    Runnable preloadOne = () -> preloadTimes.add(
                            timed(() -> preloader.preload(List.of(images.get(0)), daemon.getClient())));
                    Runnable pipeOne = () -> pipeTimes.add(
                            timed(() -> shellPipe(images.get(0), daemon, certificates)));
                    Runnable preloadSeveral = () -> preloadAllTimes.add(
                            timed(() -> preloader.preload(images, daemon.getClient())));
                    Runnable oneArchiveOfAll = () -> oneArchiveTimes.add(
                            timed(() -> oneArchive(outer, images, daemon.getClient())));

                    // Each pair alternates which side goes first, and every copy starts after the previous
                    // one's images are removed and their writes are on disk, so neither side inherits the
                    // other's write-back.
                    boolean preloadFirst = round % 2 == 0;
                    for (Runnable copy : preloadFirst
                            ? List.of(preloadOne, pipeOne, preloadSeveral, oneArchiveOfAll)
                            : List.of(pipeOne, preloadOne, oneArchiveOfAll, preloadSeveral)) {
                        copy.run();
                        settle.run();
                    }
                }

                System.out.printf("image %s, %.1f MB, %d rounds, DinD %s%n", images.get(0), size / 1e6, rounds,
                        dindImage);
                System.out.printf("preload (API to API)        median %6d ms  %6.1f MB/s%n", median(preload),
                        size / 1e3 / median(preload));
                System.out.printf("docker save | docker load   median %6d ms  %6.1f MB/s%n", median(pipe),
                        size / 1e3 / median(pipe));
                System.out.printf("throughput ratio preload / pipe: %.2f%n", (double) median(pipe) / median(preload));
                System.out.printf("runs in ms: preload %s, pipe %s%n", preload, pipe);
                System.out.printf("images %s%n", images);
                System.out.printf("preload (archives by shared layers, in parallel) median %6d ms%n",
                        median(preloadAll));
                System.out.printf("one archive of all images                        median %6d ms%n",
                        median(oneArchive));
                System.out.printf("time ratio preload / one archive: %.2f%n",
                        (double) median(preloadAll) / median(oneArchive));
                System.out.printf("runs in ms: preload %s, one archive %s%n", preloadAll, oneArchive);
            } finally {
                for (String name : List.of("ca.pem", "cert.pem", "key.pem")) {
                    Files.deleteIfExists(certificates.resolve(name));
                }
                Files.delete(certificates);
            }
        }
    }

    private static Path writeClientCertificates(DinDContainer daemon) throws IOException {
        Path directory = Files.createTempDirectory("dind-junit-measurement");
        for (Map.Entry<String, byte[]> file : daemon.clientCertificateFiles().entrySet()) {
            Files.write(directory.resolve(file.getKey()), file.getValue());
        }
        return directory;
    }

    private static void shellPipe(String image, DinDContainer daemon, Path certificates) {
        String innerHost = daemon.getDockerHostUri().toString();
        String command = "docker save " + image + " | docker --host " + innerHost + " --tlsverify"
                + " --tlscacert " + certificates.resolve("ca.pem") + " --tlscert " + certificates.resolve("cert.pem")
                + " --tlskey " + certificates.resolve("key.pem") + " load -q";
        try {
            Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("Failed: " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void oneArchive(DockerClient outer, List<String> images, DockerClient inner) {
        SaveImagesCmd save = outer.saveImagesCmd();
        for (String image : images) {
            int tagStart = image.lastIndexOf(':');
            save.withImage(image.substring(0, tagStart), image.substring(tagStart + 1));
        }
        try (InputStream archive = save.exec()) {
            inner.loadImageAsyncCmd(archive).start().awaitMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the copied images from the inner daemon and waits until the kernel has written them out. */
    private static void settle(DinDContainer daemon, List<String> images) {
        removeAll(daemon.getClient(), images);
        try {
            if (daemon.execInContainer("sync").getExitCode() != 0) {
                throw new IllegalStateException("sync failed in the DinD container");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void removeAll(DockerClient inner, List<String> images) {
        for (String image : images) {
            try {
                inner.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException e) {
                // Not loaded in this step.
            }
        }
    }

    private static long timed(Runnable step) {
        long startedAt = System.nanoTime();
        step.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return sorted.get(sorted.size() / 2);
    }
}
