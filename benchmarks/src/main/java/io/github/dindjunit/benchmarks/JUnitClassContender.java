package io.github.dindjunit.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.dindjunit.benchmarks.junit.TrivialDinDTest;
import io.github.dindjunit.jupiter.DinD;
import java.time.Duration;
import java.util.Map;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The whole JUnit path: the JUnit Platform launcher runs {@link TrivialDinDTest}, a class with one {@code @DinD}
 * test that pings its daemon. A run is the wall time of {@link Launcher#execute}: discovery, the daemon's
 * start, the test and the teardown, as a build tool pays them per class.
 */
final class JUnitClassContender implements Contender {

    private final Launcher launcher = LauncherFactory.create();
    private final LauncherDiscoveryRequest request;

    JUnitClassContender(String image) {
        this.request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(TrivialDinDTest.class))
                .configurationParameter(DinD.IMAGE_PROPERTY, image)
                .build();
    }

    @Override
    public String name() {
        return "JUnit class";
    }

    @Override
    public String description() {
        return "Launcher.execute of a class with one trivial @DinD test: discovery, start, test, teardown";
    }

    @Override
    public RunResult run() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Stopwatch wall = Stopwatch.start();
        launcher.execute(request, listener);
        Duration elapsed = wall.elapsed();

        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTestsSucceededCount() != 1 || summary.getTotalFailureCount() != 0) {
            StringBuilder failures = new StringBuilder();
            summary.getFailures().forEach(failure -> failures.append(failure.getException()).append('\n'));
            throw new IllegalStateException("Expected one successful test in " + TrivialDinDTest.class.getName()
                    + " but " + summary.getTestsSucceededCount() + " succeeded and "
                    + summary.getTotalFailureCount() + " failed:\n" + failures);
        }
        return new RunResult(elapsed, null, Map.of(), null);
    }
}
