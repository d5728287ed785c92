package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.dindjunit.core.DaemonStartupException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Pulls a DinD image that is missing from the engine, once and without retries.
 *
 * <p>Testcontainers retries a failed pull until its pull timeout, two minutes by default, and then reports a
 * generic fetch failure. A DinD image that cannot be pulled is nearly always a wrong name or a registry that
 * is out of reach, where retrying only delays the error, so this pulls once and reports the engine's own
 * message. Testcontainers' client applies the same registry credentials as its own pull would.
 */
public final class ImagePull {

    private static final Logger LOGGER = LoggerFactory.getLogger(ImagePull.class);

    private ImagePull() {
    }

    /**
     * Makes sure the image is on the engine, pulling it if it is not.
     *
     * @param engine Testcontainers' client for the engine
     * @param image the image, after Testcontainers' image name substitution
     * @param timeout how long the pull may take
     * @throws DaemonStartupException if the pull fails or times out; the message names the image
     */
    public static void ensurePresent(DockerClient engine, DockerImageName image, Duration timeout) {
        String reference = image.asCanonicalNameString();
        try {
            engine.inspectImageCmd(reference).exec();
            return;
        } catch (NotFoundException e) {
            LOGGER.info("Pulling DinD image {}, which is not on the Docker engine", reference);
        }

        long startedAt = System.nanoTime();
        try {
            boolean completed = engine.pullImageCmd(image.getUnversionedPart())
                    .withTag(image.getVersionPart())
                    .start()
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!completed) {
                throw failed(reference, "the pull did not finish within " + Durations.format(timeout), null);
            }
        } catch (DockerException | DockerClientException e) {
            throw failed(reference, String.valueOf(e.getMessage()).strip(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(reference, "the pull was interrupted", e);
        }
        LOGGER.info("Pulled DinD image {} in {}", reference,
                Durations.format(Duration.ofNanos(System.nanoTime() - startedAt)));
    }

    private static DaemonStartupException failed(String reference, String reason, @Nullable Throwable cause) {
        return new DaemonStartupException(String.format(
                "Failed to pull DinD image %s, which is not on the Docker engine: %s. Check the image name, log in"
                        + " to its registry, or load the image onto the engine (docker pull, docker load) before"
                        + " the tests run.",
                reference, reason), cause);
    }
}
