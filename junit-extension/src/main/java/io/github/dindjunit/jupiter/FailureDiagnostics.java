package io.github.dindjunit.jupiter;

import io.github.dindjunit.core.internal.DaemonDiagnostics;
import io.github.dindjunit.core.internal.DaemonDiagnostics.Section;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the state of a daemon to the report of a failed test or class, as report entries and as one WARN log
 * message: the tail of the daemon's log, the inner {@code docker ps -a} and the tail of each inner container's
 * log.
 */
final class FailureDiagnostics {

    private static final Logger LOGGER = LoggerFactory.getLogger(DinDExtension.class);

    /** Marks a context whose report already has the diagnostics, when a test and its {@code @AfterEach} fail. */
    private static final String PUBLISHED = "diagnostics-published";

    private FailureDiagnostics() {
    }

    /**
     * Publishes the diagnostics once per context. Aborted tests (failed assumptions) get none, and neither do
     * failures to resolve a parameter or to read the configuration, whose messages already explain them.
     *
     * @param context the context of the failed test, lifecycle method or class
     * @param daemon the daemon that served it
     * @param failure what the test threw
     */
    static void publish(ExtensionContext context, StartedDaemon daemon, Throwable failure) {
        if (failure instanceof TestAbortedException || failure instanceof ParameterResolutionException
                || failure instanceof ExtensionConfigurationException) {
            return;
        }
        ExtensionContext.Store store = context.getStore(DinDExtension.NAMESPACE);
        String marker = PUBLISHED + ":" + context.getUniqueId();
        if (store.get(marker) != null) {
            return;
        }
        store.put(marker, Boolean.TRUE);

        List<Section> sections = DaemonDiagnostics.collect(daemon.handle());
        StringBuilder message = new StringBuilder();
        for (Section section : sections) {
            context.publishReportEntry(section.key(), section.text());
            message.append("\n--- ").append(section.title()).append(" ---\n").append(section.text());
        }
        LOGGER.warn("State of DinD daemon {} after {} failed with {}{}", daemon.handle(),
                context.getElement().map(Declaration::describe).orElse(context.getDisplayName()), failure,
                message);
    }
}
