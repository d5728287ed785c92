package io.github.dindjunit.examples.compatibility;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs every example against each daemon version that the build names in {@value #IMAGES_PROPERTY}: by
 * default Docker 20.10, Docker 26.1, and Docker 26.1 refusing API versions below 1.44 as Docker 29 does.
 */
class ImageCompatibilityTest {

    static final String IMAGES_PROPERTY = "dind.compatibility.images";

    private static final String[] EXAMPLES = {
        "io.github.dindjunit.examples.RunContainerExampleTest",
        "io.github.dindjunit.examples.BuildImageExampleTest",
        "io.github.dindjunit.examples.SecurityOptionsExampleTest",
    };

    static Stream<String> images() {
        String images = System.getProperty(IMAGES_PROPERTY);
        if (images == null || images.isBlank()) {
            throw new IllegalStateException("System property " + IMAGES_PROPERTY + " is not set: run the tests"
                    + " through Maven, which sets it to images that scripts/test-images.sh builds");
        }
        return Arrays.stream(images.split(",")).map(String::strip);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void examplesPassOn(String image) {
        ClassSelector[] selectors = Arrays.stream(EXAMPLES)
                .map(name -> selectClass(name))
                .toArray(ClassSelector[]::new);

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("dind.image", image)
                .selectors(selectors)
                .execute();

        results.allEvents().assertThatEvents().doNotHave(finishedWithFailure());
        results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
    }
}
