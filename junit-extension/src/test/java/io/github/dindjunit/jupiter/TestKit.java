package io.github.dindjunit.jupiter;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.Map;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs fixture classes through the Jupiter engine. The test kit ignores system properties by default, so
 * this passes on the image that the build chose; without it, fixtures would ask for the
 * default image, which the test machines do not have and must not pull.
 */
final class TestKit {

    private TestKit() {
    }

    static EngineExecutionResults run(Class<?>... testClasses) {
        return run(Map.of(), testClasses);
    }

    /**
     * Runs fixture classes with extra configuration parameters, such as those that turn on parallel execution.
     * A {@value DinD#IMAGE_PROPERTY} among them replaces the build's image.
     */
    static EngineExecutionResults run(Map<String, String> parameters, Class<?>... testClasses) {
        String image = System.getProperty(DinD.IMAGE_PROPERTY);
        if (image == null) {
            throw new IllegalStateException("System property " + DinD.IMAGE_PROPERTY + " is not set: run the"
                    + " tests through Maven, which sets it to an image that scripts/test-images.sh builds");
        }
        ClassSelector[] selectors = Arrays.stream(testClasses).map(type -> selectClass(type))
                .toArray(ClassSelector[]::new);
        EngineTestKit.Builder engine = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(DinD.IMAGE_PROPERTY, image)
                .configurationParameters(parameters);
        String rootlessImage = System.getProperty(DinD.ROOTLESS_IMAGE_PROPERTY);
        if (rootlessImage != null) {
            engine.configurationParameter(DinD.ROOTLESS_IMAGE_PROPERTY, rootlessImage);
        }
        return engine.selectors(selectors).execute();
    }
}
