package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.SaveImagesCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies images from the engine that runs a DinD container (the outer engine) into its daemon, streaming one
 * {@code docker save} of all missing images into one {@code docker load}, without temporary files.
 *
 * <p>One archive of several images beats one stream per image here: layers shared between the images are
 * written and read once, and the inner daemon's load is single-threaded either way.
 */
public final class ImagePreloader {

    private static final Logger LOGGER = LoggerFactory.getLogger(ImagePreloader.class);

    private final DockerClient outer;
    private final URI outerEndpoint;

    /**
     * Creates a preloader that reads images from an outer engine.
     *
     * @param outer the client of the outer engine
     * @param outerEndpoint the outer engine's address, for messages
     */
    public ImagePreloader(DockerClient outer, URI outerEndpoint) {
        this.outer = outer;
        this.outerEndpoint = outerEndpoint;
    }

    /**
     * Copies the images that the inner daemon does not have with the same ID.
     *
     * @param images image references present on the outer engine
     * @param inner the client of the inner daemon
     * @return how many images were copied; the others were present already
     * @throws IllegalArgumentException if an image is not on the outer engine; the message names the engine
     * @throws UncheckedIOException if the stream between the engines fails
     */
    public int preload(List<String> images, DockerClient inner) {
        long startedAt = System.nanoTime();
        Map<String, String> outerIds = outerImageIds(images);

        List<String> missing = new ArrayList<>();
        outerIds.forEach((image, id) -> {
            if (!id.equals(innerImageId(inner, image))) {
                missing.add(image);
            }
        });
        if (missing.isEmpty()) {
            LOGGER.debug("All {} images to preload are in the inner daemon already", images.size());
            return 0;
        }

        SaveImagesCmd save = outer.saveImagesCmd();
        for (String image : missing) {
            // docker-java joins name and tag with ':', so splitting at the last ':' after the last '/' gives the
            // reference back as written, digests ("name@sha256:...") included.
            int tagStart = image.lastIndexOf(':');
            if (tagStart > image.lastIndexOf('/')) {
                save.withImage(image.substring(0, tagStart), image.substring(tagStart + 1));
            } else {
                save.withImage(image, "latest");
            }
        }
        try (InputStream archive = save.exec()) {
            // The daemon tags the images only after it has read the whole archive, and it cancels the load when
            // the client hangs up, so wait for its response instead of closing the request after the upload.
            inner.loadImageAsyncCmd(archive).start().awaitMessage();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to stream images " + missing + " from the outer engine at "
                    + outerEndpoint + " into the DinD daemon", e);
        }

        List<String> notLoaded = missing.stream()
                .filter(image -> !outerIds.get(image).equals(innerImageId(inner, image)))
                .toList();
        if (!notLoaded.isEmpty()) {
            throw new IllegalStateException("Failed to preload images " + notLoaded + " into the DinD daemon: the"
                    + " daemon accepted the archive from the outer engine at " + outerEndpoint + " but does not"
                    + " list them afterwards. Check the daemon's log for load errors, such as a full disk.");
        }
        LOGGER.info("Preloaded {} images into the DinD daemon in {} ({} present already): {}", missing.size(),
                Durations.format(Duration.ofNanos(System.nanoTime() - startedAt)),
                images.size() - missing.size(), missing);
        return missing.size();
    }

    private Map<String, String> outerImageIds(List<String> images) {
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> notFound = new ArrayList<>();
        for (String image : images) {
            try {
                ids.put(image, Objects.requireNonNull(outer.inspectImageCmd(image).exec().getId()));
            } catch (NotFoundException e) {
                notFound.add(image);
            }
        }
        if (!notFound.isEmpty()) {
            throw new IllegalArgumentException(String.format(
                    "Failed to preload %s into the DinD daemon: not found on the outer Docker engine at %s, which"
                            + " Testcontainers uses (DOCKER_HOST or ~/.testcontainers.properties). Preloading"
                            + " copies images from that engine and never pulls: pull or build them there first"
                            + " (docker pull %s), or remove them from the images to preload.",
                    notFound, outerEndpoint, notFound.get(0)));
        }
        return ids;
    }

    private static String innerImageId(DockerClient inner, String image) {
        try {
            return inner.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return "";
        }
    }
}
