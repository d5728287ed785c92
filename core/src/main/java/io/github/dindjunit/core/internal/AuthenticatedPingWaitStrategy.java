package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.IterativePollInterval;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until the daemon responds to a ping over mutual TLS. An open port or an {@code API listen on} log line is
 * not enough: only an authenticated response proves that the daemon uses the certificates it was given.
 *
 * <p>Polls every 10 ms at first, because a daemon with supplied certificates is typically up within one or two
 * seconds, and backs off to {@value #MAX_POLL_INTERVAL_MILLIS} ms so that a slow start does not flood the
 * daemon. A failed ping costs one connection attempt through the engine's port mapping, so this cap keeps the
 * delay between the daemon listening and the first successful ping below 50 ms at a few dozen attempts.
 *
 * <p>Fails when the container stops running. Its state is inspected after a failed ping, at most every
 * {@value #CONTAINER_CHECK_INTERVAL_MILLIS} ms, because every inspection is a request to the engine that also
 * runs the starting daemon.
 */
public final class AuthenticatedPingWaitStrategy extends AbstractWaitStrategy {

    private static final long MAX_POLL_INTERVAL_MILLIS = 50;
    private static final long CONTAINER_CHECK_INTERVAL_MILLIS = 250;

    private final Supplier<DockerClient> client;
    private final Supplier<String> imageName;

    /**
     * Creates a strategy that pings through the given client.
     *
     * @param client the client for the daemon, available once the container is starting
     * @param imageName the container's image, for error messages
     */
    public AuthenticatedPingWaitStrategy(Supplier<DockerClient> client, Supplier<String> imageName) {
        this.client = client;
        this.imageName = imageName;
    }

    @Override
    protected void waitUntilReady() {
        DockerClient daemon = client.get();
        AtomicReference<@Nullable Throwable> lastFailure = new AtomicReference<>();
        long startedAt = System.nanoTime();
        AtomicLong nextContainerCheck = new AtomicLong(System.nanoTime());

        try {
            Awaitility.await()
                    .atMost(startupTimeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(IterativePollInterval.iterative(
                            previous -> min(previous.multipliedBy(3).dividedBy(2), MAX_POLL_INTERVAL_MILLIS),
                            Duration.ofMillis(10)))
                    .pollInSameThread()
                    .until(() -> pingOrCheckRunning(daemon, lastFailure, nextContainerCheck));
        } catch (ConditionTimeoutException e) {
            throw StartupFailures.timedOut(imageName.get(), startupTimeout, waitStrategyTarget.getLogs(),
                    lastFailure.get());
        }

        // Awaitility accepts a condition that turns true during its last, slow evaluation, such as the first TLS
        // handshake of a cold JVM; a response after the deadline still misses the timeout.
        if (Duration.ofNanos(System.nanoTime() - startedAt).compareTo(startupTimeout) > 0) {
            throw StartupFailures.timedOut(imageName.get(), startupTimeout, waitStrategyTarget.getLogs(),
                    lastFailure.get());
        }
    }

    private boolean pingOrCheckRunning(DockerClient daemon, AtomicReference<@Nullable Throwable> lastFailure,
            AtomicLong nextContainerCheck) {
        try {
            daemon.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            lastFailure.set(e);
        }

        long now = System.nanoTime();
        if (now - nextContainerCheck.get() < 0) {
            return false;
        }
        nextContainerCheck.set(now + TimeUnit.MILLISECONDS.toNanos(CONTAINER_CHECK_INTERVAL_MILLIS));

        InspectContainerResponse.ContainerState state =
                waitStrategyTarget.getCurrentContainerInfo().getState();
        if (!Boolean.TRUE.equals(state.getRunning())) {
            throw StartupFailures.exitedBeforeReady(imageName.get(), state.getExitCodeLong(),
                    waitStrategyTarget.getLogs(), lastFailure.get());
        }
        return false;
    }

    private static Duration min(Duration interval, long maxMillis) {
        return interval.toMillis() > maxMillis ? Duration.ofMillis(maxMillis) : interval;
    }
}
