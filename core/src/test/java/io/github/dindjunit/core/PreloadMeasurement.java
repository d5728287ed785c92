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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * Compares image preloading with the shell pipe {@code docker save IMAGE | docker load} into the same inner
 * daemon, and one archive of several images with one stream per image. Prints medians and their ratios; it
 * asserts nothing, because timings on shared machines are noisy.
 *
 * <p>Run from the repository root, after {@code mvn -B -ntp test-compile -pl core -am}:
 * <pre>
 * mvn -B -ntp -q exec:java -pl core -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.dindjunit.core.PreloadMeasurement \
 *     -Dexec.args="dind-junit/dind:trixie 5 dind-junit/busybox:test dind-junit/dind:bookworm"
 * </pre>
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
                List<Long> oneArchive = new ArrayList<>();
                List<Long> parallel = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    preload.add(timed(() -> preloader.preload(List.of(images.get(0)), daemon.getClient())));
                    removeAll(daemon.getClient(), images);
                    pipe.add(timed(() -> shellPipe(images.get(0), daemon, certificates)));
                    removeAll(daemon.getClient(), images);
                    oneArchive.add(timed(() -> preloader.preload(images, daemon.getClient())));
                    removeAll(daemon.getClient(), images);
                    parallel.add(timed(() -> parallelStreams(outer, images, daemon.getClient())));
                    removeAll(daemon.getClient(), images);
                }

                System.out.printf("image %s, %.1f MB, %d rounds, DinD %s%n", images.get(0), size / 1e6, rounds,
                        dindImage);
                System.out.printf("preload (API to API)        median %6d ms  %6.1f MB/s%n", median(preload),
                        size / 1e3 / median(preload));
                System.out.printf("docker save | docker load   median %6d ms  %6.1f MB/s%n", median(pipe),
                        size / 1e3 / median(pipe));
                System.out.printf("throughput ratio preload / pipe: %.2f%n", (double) median(pipe) / median(preload));
                System.out.printf("images %s%n", images);
                System.out.printf("one archive of all images   median %6d ms%n", median(oneArchive));
                System.out.printf("one stream per image        median %6d ms%n", median(parallel));
                System.out.printf("time ratio parallel / one archive: %.2f%n",
                        (double) median(parallel) / median(oneArchive));
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

    private static void parallelStreams(DockerClient outer, List<String> images, DockerClient inner) {
        ExecutorService executor = Executors.newFixedThreadPool(images.size());
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (String image : images) {
                copies.add(executor.submit(() -> {
                    int tagStart = image.lastIndexOf(':');
                    SaveImagesCmd save = outer.saveImagesCmd()
                            .withImage(image.substring(0, tagStart), image.substring(tagStart + 1));
                    try (InputStream archive = save.exec()) {
                        inner.loadImageAsyncCmd(archive).start().awaitMessage();
                    }
                    return null;
                }));
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Failed to copy " + images + " in parallel", e);
        } finally {
            executor.shutdownNow();
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
