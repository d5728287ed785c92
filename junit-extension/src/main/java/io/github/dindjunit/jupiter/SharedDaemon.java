package io.github.dindjunit.jupiter;

import io.github.dindjunit.core.DaemonStartupException;
import io.github.dindjunit.core.internal.DaemonBaseline;
import io.github.dindjunit.core.internal.Durations;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon that classes of {@link DaemonScope#SHARED} scope with one image use, for a whole test run.
 *
 * <p>Classes take a {@link Lease} for as long as they run. The first lease starts the daemon. A later lease
 * taken while no other lease is open first resets the daemon to its {@link DaemonBaseline}. A lease taken
 * while others are open joins them, so a reset never runs while a class uses the daemon. The daemon holds a
 * {@link DaemonSlots slot} only while leases are open.
 */
final class SharedDaemon {

    private static final Logger LOGGER = LoggerFactory.getLogger(SharedDaemon.class);

    private final DaemonSettings settings;
    private final DaemonSlots slots;

    private @Nullable StartedDaemon daemon;
    private @Nullable DaemonBaseline baseline;
    private @Nullable RuntimeException startFailure;
    private DaemonSlots.@Nullable Slot slot;
    private int leases;
    private int starts;

    SharedDaemon(DaemonSettings settings, DaemonSlots slots) {
        this.settings = settings;
        this.slots = slots;
    }

    /**
     * Opens a lease, starting or resetting the daemon first if no other lease is open.
     *
     * @param reserve the reserve of the enclosing scope, if any; see {@link DaemonSlots#acquire}
     * @param user the class that takes the lease, for the log
     * @throws DaemonStartupException if the daemon fails to start, now or earlier in the run
     */
    Lease lease(DaemonSlots.@Nullable Reserve reserve, String user) {
        synchronized (this) {
            if (leases > 0) {
                leases++;
                return new Lease(current());
            }
        }

        // Waiting for a slot happens outside the monitor, because a nested class with a lease must still be
        // able to open another one while this thread waits.
        DaemonSlots.Slot acquired = slots.acquire(reserve, "the shared daemon of " + user);
        synchronized (this) {
            if (leases > 0) {
                acquired.release();
                leases++;
                return new Lease(current());
            }
            try {
                prepare(user);
            } catch (RuntimeException e) {
                acquired.release();
                throw e;
            }
            slot = acquired;
            leases = 1;
            return new Lease(current());
        }
    }

    /** Returns how many times the daemon was started in this run: once, unless a reset failed. */
    synchronized int starts() {
        return starts;
    }

    private StartedDaemon current() {
        StartedDaemon current = daemon;
        if (current == null) {
            throw new IllegalStateException("The shared daemon is not running");
        }
        return current;
    }

    private void prepare(String user) {
        if (startFailure != null) {
            throw new DaemonStartupException("The shared DinD daemon of image " + settings.image()
                    + " failed to start earlier in this test run, so " + user + " cannot use it. The cause"
                    + " below says why.", startFailure);
        }
        StartedDaemon current = daemon;
        if (current == null) {
            start();
            return;
        }
        long resetStartedAt = System.nanoTime();
        try {
            DaemonBaseline.Removed removed = baseline().restore(current.client());
            LOGGER.info("Reset the shared DinD daemon {} for {} in {}: removed {}", current.handle(), user,
                    Durations.format(Duration.ofNanos(System.nanoTime() - resetStartedAt)), removed);
        } catch (RuntimeException e) {
            LOGGER.warn("Failed to reset the shared DinD daemon {} for {}; replacing it with a new one",
                    current.handle(), user, e);
            daemon = null;
            current.close();
            start();
        }
    }

    private void start() {
        try {
            StartedDaemon started = StartedDaemon.start(settings);
            daemon = started;
            starts++;
            baseline = DaemonBaseline.capture(started.client());
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private DaemonBaseline baseline() {
        DaemonBaseline current = baseline;
        if (current == null) {
            throw new IllegalStateException("The shared daemon has no baseline");
        }
        return current;
    }

    private synchronized void release() {
        leases--;
        if (leases == 0) {
            DaemonSlots.Slot slotToRelease = slot;
            slot = null;
            if (slotToRelease != null) {
                slotToRelease.release();
            }
        }
    }

    /** Stops the daemon at the end of the run. */
    synchronized void stop() {
        StartedDaemon current = daemon;
        daemon = null;
        if (current != null) {
            current.close();
        }
    }

    /**
     * One class's use of the shared daemon, kept in that class's store so that JUnit closes it when the class
     * ends, whatever the outcome.
     */
    @SuppressWarnings("deprecation") // CloseableResource keeps JUnit 5.10 to 5.12 working.
    final class Lease implements org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource,
            AutoCloseable {

        private final StartedDaemon daemon;
        private boolean closed;

        private Lease(StartedDaemon daemon) {
            this.daemon = daemon;
        }

        StartedDaemon daemon() {
            return daemon;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release();
        }
    }
}
