package io.github.dindjunit.jupiter;

import io.github.dindjunit.core.internal.Durations;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
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
    private int taken;

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
            return taken;
        }
    }

    /**
     * Takes a slot.
     *
     * @param mayWait {@code false} to take one even if all are taken. The extension passes it when an enclosing
     *     scope already has a daemon, because waiting there could wait forever for that scope to end
     * @param daemonDescription what the slot is for, for the log
     * @return the slot, to be released once the daemon is removed
     */
    Slot acquire(boolean mayWait, String daemonDescription) {
        if (!mayWait) {
            synchronized (lock) {
                taken++;
            }
            return new Slot();
        }
        if (tryAcquire()) {
            return new Slot();
        }

        long waitingSince = System.nanoTime();
        LOGGER.info("Waiting to start the daemon of {}: {} of {} daemons are running ({} = {})", daemonDescription,
                taken(), max, DinD.MAX_DAEMONS_PROPERTY, max);
        try {
            ForkJoinPool.managedBlock(new SlotBlocker());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to start the daemon of "
                    + daemonDescription, e);
        }
        LOGGER.debug("Waited {} to start the daemon of {}",
                Durations.format(Duration.ofNanos(System.nanoTime() - waitingSince)), daemonDescription);
        return new Slot();
    }

    private boolean tryAcquire() {
        synchronized (lock) {
            if (taken < max) {
                taken++;
                return true;
            }
            return false;
        }
    }

    private void release() {
        synchronized (lock) {
            taken--;
            lock.notifyAll();
        }
    }

    /** One taken slot; releasing it a second time does nothing. */
    final class Slot {

        private boolean released;

        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            DaemonSlots.this.release();
        }
    }

    private final class SlotBlocker implements ForkJoinPool.ManagedBlocker {

        private boolean acquired;

        @Override
        public boolean block() throws InterruptedException {
            synchronized (lock) {
                while (taken >= max) {
                    lock.wait();
                }
                taken++;
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
