package io.github.dindjunit.jupiter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared daemons of one test run, one per image, kept in the root context's store. JUnit closes them at
 * the end of the run.
 */
@SuppressWarnings("deprecation") // CloseableResource keeps JUnit 5.10 to 5.12 working.
final class SharedDaemons implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final DaemonSlots slots;
    private final Map<DockerImageName, SharedDaemon> daemons = new LinkedHashMap<>();
    private boolean closed;

    SharedDaemons(DaemonSlots slots) {
        this.slots = slots;
    }

    /**
     * Returns the shared daemon for an image, creating it (not yet started) on first use. The start-up timeout
     * of the class that creates it applies.
     */
    synchronized SharedDaemon forSettings(DaemonSettings settings) {
        if (closed) {
            throw new IllegalStateException("The test run has ended, so its shared daemons are gone");
        }
        return daemons.computeIfAbsent(settings.image(), image -> new SharedDaemon(settings, slots));
    }

    @Override
    public void close() {
        List<SharedDaemon> toStop;
        synchronized (this) {
            closed = true;
            toStop = new ArrayList<>(daemons.values());
            daemons.clear();
        }
        RuntimeException failure = null;
        for (SharedDaemon daemon : toStop) {
            try {
                daemon.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
