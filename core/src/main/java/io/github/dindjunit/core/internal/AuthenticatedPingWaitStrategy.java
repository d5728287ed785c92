package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
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
 * <p>Polls every 10 ms at first, because a daemon with supplied certificates is typically up within a
 * second, and backs off to {@value #MAX_POLL_INTERVAL_MILLIS} ms so that a slow start does not flood the
 * daemon. Fails at once when the container stops running.
 */
public final class AuthenticatedPingWaitStrategy extends AbstractWaitStrategy {

    private static final long MAX_POLL_INTERVAL_MILLIS = 100;

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

        try {
            Awaitility.await()
                    .atMost(startupTimeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(IterativePollInterval.iterative(
                            previous -> min(previous.multipliedBy(3).dividedBy(2), MAX_POLL_INTERVAL_MILLIS),
                            Duration.ofMillis(10)))
                    .pollInSameThread()
                    .until(() -> pingOrCheckRunning(daemon, lastFailure));
        } catch (ConditionTimeoutException e) {
            throw StartupFailures.timedOut(imageName.get(), startupTimeout, waitStrategyTarget.getLogs(),
                    lastFailure.get());
        }

        // Awaitility accepts a condition that turns true during its last, slow evaluation, such as the first TLS
        // handshake of a cold JVM; an answer after the deadline still misses the timeout.
        if (Duration.ofNanos(System.nanoTime() - startedAt).compareTo(startupTimeout) > 0) {
            throw StartupFailures.timedOut(imageName.get(), startupTimeout, waitStrategyTarget.getLogs(),
                    lastFailure.get());
        }
    }

    private boolean pingOrCheckRunning(DockerClient daemon, AtomicReference<@Nullable Throwable> lastFailure) {
        try {
            daemon.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            lastFailure.set(e);
        }

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
