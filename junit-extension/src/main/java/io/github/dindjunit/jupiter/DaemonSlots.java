package io.github.dindjunit.jupiter;

import io.github.dindjunit.core.internal.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cap on daemons that serve tests at once in one test run, set by {@value DinD#MAX_DAEMONS_PROPERTY}.
 * A daemon takes a slot before its container is created and returns it after the container is removed.
 *
 * <p>Waiting goes through {@link ForkJoinPool#managedBlock}, so that JUnit's parallel executor, a fork-join
 * pool, can run other tests on a spare thread meanwhile.
 */
final class DaemonSlots {

    private static final Logger LOGGER = LoggerFactory.getLogger(DaemonSlots.class);

    private final int max;
    private final Object lock = new Object();
    private int takenSlots;

    DaemonSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("Invalid maximum " + max + ": it must be at least 1");
        }
        this.max = max;
    }

    /**
     * Reads the cap from {@value DinD#MAX_DAEMONS_PROPERTY}, or uses the number of processors available to
     * the JVM: starting a daemon keeps about one processor busy for a second or two.
     *
     * @throws ExtensionConfigurationException if the parameter is not a positive whole number
     */
    static DaemonSlots fromConfiguration(Function<String, Optional<String>> configurationParameters) {
        Optional<String> value = configurationParameters.apply(DinD.MAX_DAEMONS_PROPERTY);
        if (value.isEmpty()) {
            return new DaemonSlots(Runtime.getRuntime().availableProcessors());
        }
        try {
            int max = Integer.parseInt(value.get().strip());
            if (max >= 1) {
                return new DaemonSlots(max);
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ExtensionConfigurationException(String.format(
                "Invalid value '%s' in configuration parameter %s: expected a positive whole number, such as 2.",
                value.get(), DinD.MAX_DAEMONS_PROPERTY));
    }

    int max() {
        return max;
    }

    /** Returns how many slots are taken now. */
    int taken() {
        synchronized (lock) {
            return takenSlots;
        }
    }

    /**
     * Takes a slot, waiting until one is free.
     *
     * @param reserve the reserve of the nearest enclosing scope that has a daemon, or {@code null} if there is
     *     none. When all slots are taken, the daemon takes this reserve instead of waiting for a slot, because
     *     the enclosing scope could not end, and free its slot, before this daemon has started
     * @param daemonDescription what the slot is for, for the log
     * @return the slot, to be released once the daemon is removed
     */
    Slot acquire(@Nullable Reserve reserve, String daemonDescription) {
        if (tryAcquire()) {
            return new Slot(this::release);
        }
        if (reserve != null) {
            LOGGER.debug("All {} daemon slots are taken, so the daemon of {} uses the reserve of its enclosing scope",
                    max, daemonDescription);
            block(reserve.blocker(), daemonDescription);
            return new Slot(reserve::release);
        }

        long waitingSince = System.nanoTime();
        LOGGER.info("Waiting to start the daemon of {}: {} of {} daemons are running ({} = {})", daemonDescription,
                taken(), max, DinD.MAX_DAEMONS_PROPERTY, max);
        block(new SlotBlocker(), daemonDescription);
        LOGGER.debug("Waited {} to start the daemon of {}",
                Durations.format(Duration.ofNanos(System.nanoTime() - waitingSince)), daemonDescription);
        return new Slot(this::release);
    }

    private static void block(ForkJoinPool.ManagedBlocker blocker, String daemonDescription) {
        try {
            ForkJoinPool.managedBlock(blocker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to start the daemon of "
                    + daemonDescription, e);
        }
    }

    private boolean tryAcquire() {
        synchronized (lock) {
            if (takenSlots < max) {
                takenSlots++;
                return true;
            }
            return false;
        }
    }

    private void release() {
        synchronized (lock) {
            takenSlots--;
            lock.notifyAll();
        }
    }

    /** One taken slot. Releasing it a second time does nothing. */
    static final class Slot {

        private final Runnable release;
        private boolean released;

        private Slot(Runnable release) {
            this.release = release;
        }

        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release.run();
        }
    }

    /**
     * One extra slot that a scope with a daemon lends to the scopes it encloses, one daemon at a time. It lets a
     * {@code @Nested} class start its own daemon when all slots are taken by enclosing classes, which would
     * otherwise wait for each other forever.
     */
    static final class Reserve {

        private final Semaphore permit = new Semaphore(1);

        private ForkJoinPool.ManagedBlocker blocker() {
            return new ForkJoinPool.ManagedBlocker() {
                private boolean acquired;

                @Override
                public boolean block() throws InterruptedException {
                    permit.acquire();
                    acquired = true;
                    return true;
                }

                @Override
                public boolean isReleasable() {
                    if (!acquired) {
                        acquired = permit.tryAcquire();
                    }
                    return acquired;
                }
            };
        }

        private void release() {
            permit.release();
        }
    }

    private final class SlotBlocker implements ForkJoinPool.ManagedBlocker {

        private boolean acquired;

        @Override
        public boolean block() throws InterruptedException {
            synchronized (lock) {
                while (takenSlots >= max) {
                    lock.wait();
                }
                takenSlots++;
            }
            acquired = true;
            return true;
        }

        @Override
        public boolean isReleasable() {
            if (!acquired) {
                acquired = tryAcquire();
            }
            return acquired;
        }
    }
}
