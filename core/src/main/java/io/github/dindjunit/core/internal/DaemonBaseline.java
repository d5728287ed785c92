package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PruneType;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images, networks and volumes of a daemon right after it started. {@link #restore} brings the daemon back
 * to that state, which is much cheaper than starting a new one.
 *
 * <p>Restoring removes every container, and every image, network and volume that was not there at the start,
 * and all build cache. It does not bring back images that were removed, nor undo swarm membership, plugins or
 * changes to the daemon's configuration.
 */
public final class DaemonBaseline {

    /** Removing an image can fail while other images still depend on it; each pass removes a layer of them. */
    private static final int MAX_IMAGE_PASSES = 5;

    private static final Logger LOGGER = LoggerFactory.getLogger(DaemonBaseline.class);

    /** How many removal requests run at once; the daemon serializes some of them anyway. */
    private static final int PARALLEL_REQUESTS = 4;

    private static final ThreadFactory RESET_THREADS = task -> {
        Thread thread = new Thread(task, "dind-junit-reset");
        thread.setDaemon(true);
        return thread;
    };

    private final Set<String> imageIds;
    private final Set<String> networkIds;
    private final Set<String> volumeNames;

    private DaemonBaseline(Set<String> imageIds, Set<String> networkIds, Set<String> volumeNames) {
        this.imageIds = imageIds;
        this.networkIds = networkIds;
        this.volumeNames = volumeNames;
    }

    /**
     * Records the images, networks and volumes that a daemon contains now.
     *
     * @param docker the daemon's client
     */
    public static DaemonBaseline capture(DockerClient docker) {
        return new DaemonBaseline(imageIds(docker), networkIds(docker), volumeNames(docker));
    }

    /**
     * Removes everything that was added since {@link #capture}.
     *
     * @param docker the daemon's client
     * @return what was removed, for the log
     * @throws IllegalStateException if an image, network or volume could not be removed
     */
    public Removed restore(DockerClient docker) {
        long startedAt = System.nanoTime();
        ExecutorService executor = Executors.newFixedThreadPool(PARALLEL_REQUESTS, RESET_THREADS);
        try {
            // The daemon does the slow part of each removal (stopping processes, deleting layers, iptables), so
            // independent removals run side by side. Containers go first because they use the rest.
            List<Container> containers = docker.listContainersCmd().withShowAll(true).exec();
            runAll(executor, containers, container -> removeContainer(docker, container.getId()));
            long containersRemovedAt = System.nanoTime();

            List<String> networks = networkIds(docker).stream().filter(id -> !networkIds.contains(id)).toList();
            List<String> volumes = volumeNames(docker).stream().filter(name -> !volumeNames.contains(name)).toList();
            List<Runnable> removals = new ArrayList<>();
            networks.forEach(network -> removals.add(() -> docker.removeNetworkCmd(network).exec()));
            volumes.forEach(volume -> removals.add(() -> docker.removeVolumeCmd(volume).exec()));
            removals.add(() -> pruneBuildCache(docker));
            runAll(executor, removals, Runnable::run);
            long volumesRemovedAt = System.nanoTime();

            int images = removeAddedImages(docker, executor);
            long imagesRemovedAt = System.nanoTime();

            LOGGER.debug("Restored daemon: containers {} ms, networks, volumes and build cache {} ms, images {} ms",
                    millis(containersRemovedAt - startedAt), millis(volumesRemovedAt - containersRemovedAt),
                    millis(imagesRemovedAt - volumesRemovedAt));
            return new Removed(containers.size(), images, networks.size(), volumes.size());
        } finally {
            executor.shutdownNow();
        }
    }

    /** Runs the action on every item in parallel and waits for all; the first failure is thrown. */
    private static <T> void runAll(ExecutorService executor, List<T> items, Consumer<T> action) {
        List<CompletableFuture<Void>> futures = items.stream()
                .map(item -> CompletableFuture.runAsync(() -> action.accept(item), executor))
                .toList();
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * Removes the images added since the capture. Removing a tagged image also removes its untagged parents, so
     * the first pass removes only images that no other image is built on. Later passes catch what is left.
     */
    private int removeAddedImages(DockerClient docker, ExecutorService executor) {
        AtomicInteger removed = new AtomicInteger();
        List<String> topLevel = docker.listImagesCmd().exec().stream()
                .map(Image::getId)
                .filter(id -> !imageIds.contains(id))
                .toList();
        runAll(executor, topLevel, image -> {
            if (removeImage(docker, image)) {
                removed.incrementAndGet();
            }
        });

        for (int pass = 0; pass < MAX_IMAGE_PASSES; pass++) {
            Set<String> added = imageIds(docker);
            added.removeAll(imageIds);
            if (added.isEmpty()) {
                return removed.get();
            }
            for (String image : added) {
                if (removeImage(docker, image)) {
                    removed.incrementAndGet();
                }
            }
        }
        Set<String> left = imageIds(docker);
        left.removeAll(imageIds);
        if (!left.isEmpty()) {
            throw new IllegalStateException("Failed to remove images " + left + " from the daemon after "
                    + MAX_IMAGE_PASSES + " passes; they may still be used by one another");
        }
        return removed.get();
    }

    /** Removes an image; returns {@code false} if it is gone already or another image still depends on it. */
    private static boolean removeImage(DockerClient docker, String imageId) {
        try {
            docker.removeImageCmd(imageId).withForce(true).exec();
            return true;
        } catch (NotFoundException | ConflictException e) {
            return false;
        }
    }

    private static void removeContainer(DockerClient docker, String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Removed meanwhile, for example because it was started with --rm.
        }
    }

    /**
     * Removes all build cache, not only the dangling part. docker-java's prune command cannot send
     * {@code all=true}, so this posts to the endpoint itself.
     */
    private static void pruneBuildCache(DockerClient docker) {
        if (!(BorrowedClients.unwrap(docker) instanceof DockerClientImpl implementation)) {
            docker.pruneCmd(PruneType.BUILD).exec();
            return;
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/build/prune?all=true")
                .build();
        try (DockerHttpClient.Response response = implementation.getHttpClient().execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("Failed to prune the build cache: the daemon returned HTTP status "
                        + response.getStatusCode());
            }
        }
    }

    private static Set<String> imageIds(DockerClient docker) {
        return docker.listImagesCmd().withShowAll(true).exec().stream()
                .map(Image::getId)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<String> networkIds(DockerClient docker) {
        return docker.listNetworksCmd().exec().stream()
                .map(Network::getId)
                .collect(Collectors.toSet());
    }

    private static Set<String> volumeNames(DockerClient docker) {
        @Nullable List<InspectVolumeResponse> volumes = docker.listVolumesCmd().exec().getVolumes();
        if (volumes == null) {
            return Set.of();
        }
        return volumes.stream()
                .map(InspectVolumeResponse::getName)
                .collect(Collectors.toSet());
    }

    /**
     * How much one {@link #restore} removed.
     *
     * @param containers containers removed, running or not
     * @param images images removed, tagged or not
     * @param networks networks removed
     * @param volumes volumes removed
     */
    public record Removed(int containers, int images, int networks, int volumes) {

        @Override
        public String toString() {
            return containers + " containers, " + images + " images, " + networks + " networks, " + volumes
                    + " volumes";
        }
    }
}
