package io.github.dindjunit.jupiter;

import io.github.dindjunit.core.DaemonOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.utility.DockerImageName;

/**
 * The shared daemons of one test run, one per image, variant and set of daemon options, kept in the root
 * context's store. JUnit closes them at the end of the run.
 */
@SuppressWarnings("deprecation") // CloseableResource keeps JUnit 5.10 to 5.12 working.
final class SharedDaemons implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final DaemonSlots slots;
    private final Map<Key, SharedDaemon> daemons = new LinkedHashMap<>();
    private boolean closed;

    SharedDaemons(DaemonSlots slots) {
        this.slots = slots;
    }

    /**
     * Returns the shared daemon for an image, variant and set of daemon options, creating it (not yet started)
     * on first use. Classes that differ in any of them, such as in the images to preload, get daemons of their
     * own, because a running daemon cannot take other options. The start-up timeout of the class that creates
     * it applies.
     */
    synchronized SharedDaemon forSettings(DaemonSettings settings) {
        if (closed) {
            throw new IllegalStateException("The test run has ended, so its shared daemons are gone");
        }
        Key key = new Key(settings.image(), settings.rootless(), settings.options());
        return daemons.computeIfAbsent(key, unused -> new SharedDaemon(settings, slots));
    }

    /** The settings that two classes must share to use one shared daemon. */
    private record Key(DockerImageName image, boolean rootless, DaemonOptions options) {
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
