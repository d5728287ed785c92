package io.github.dindjunit.jupiter;

import io.github.dindjunit.core.DaemonOptions;
import io.github.dindjunit.core.DinDContainer;
import io.github.dindjunit.core.internal.DockerReferences;
import io.github.dindjunit.core.internal.Durations;
import io.github.dindjunit.core.internal.ReservedSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.testcontainers.utility.DockerImageName;

/**
 * The settings of one daemon, resolved from the annotation, JUnit configuration parameters and environment
 * variables, in that order.
 *
 * @param image the image that runs the daemon
 * @param startupTimeout how long to wait for the daemon
 * @param rootless whether the daemon runs rootless
 * @param options the inner daemon's options, from the annotation alone
 */
record DaemonSettings(DockerImageName image, Duration startupTimeout, boolean rootless, DaemonOptions options) {

    /**
     * Resolves the settings for one annotated class.
     *
     * @param annotation the {@code @DinD} that applies
     * @param annotatedClass the class that carries it, for error messages
     * @param configurationParameters JUnit's configuration parameters, which include system properties
     * @param environment the environment variables to consult; tests pass their own map
     * @throws ExtensionConfigurationException if a value is invalid; the message names it and its source
     */
    static DaemonSettings resolve(DinD annotation, Class<?> annotatedClass,
            Function<String, Optional<String>> configurationParameters, Map<String, String> environment) {
        return resolve(annotation, annotatedClass.getName(), configurationParameters, environment);
    }

    /**
     * Resolves the settings for one declaration, on a class or a method.
     *
     * @param annotation the {@code @DinD} that applies
     * @param declaredOn the class or method that carries it, for error messages
     * @param configurationParameters JUnit's configuration parameters, which include system properties
     * @param environment the environment variables to consult; tests pass their own map
     * @throws ExtensionConfigurationException if a value is invalid; the message names it and its source
     */
    static DaemonSettings resolve(DinD annotation, String declaredOn,
            Function<String, Optional<String>> configurationParameters, Map<String, String> environment) {
        Sources sources = new Sources(declaredOn, configurationParameters, environment);

        Setting variant = sources.find("variant", VariantSetting.annotationValue(annotation), DinD.VARIANT_PROPERTY,
                DinD.VARIANT_ENVIRONMENT_VARIABLE, VariantSetting.DEFAULT_VALUE);
        boolean rootless = VariantSetting.isRootless(variant);
        Setting image = rootless
                ? sources.find("image", annotation.image(), DinD.ROOTLESS_IMAGE_PROPERTY,
                        DinD.ROOTLESS_IMAGE_ENVIRONMENT_VARIABLE, DinDContainer.DEFAULT_ROOTLESS_IMAGE)
                : sources.find("image", annotation.image(), DinD.IMAGE_PROPERTY,
                        DinD.IMAGE_ENVIRONMENT_VARIABLE, DinDContainer.DEFAULT_IMAGE);
        Setting timeout = sources.find("startupTimeout", annotation.startupTimeout(), DinD.STARTUP_TIMEOUT_PROPERTY,
                DinD.STARTUP_TIMEOUT_ENVIRONMENT_VARIABLE, Durations.format(DinDContainer.DEFAULT_STARTUP_TIMEOUT));

        DockerImageName parsedImage = parseImage(image);
        DaemonOptions options = DaemonOptionsFromAnnotation.read(annotation, declaredOn);
        try {
            ReservedSettings.checkDataDirectory(parsedImage.asCanonicalNameString(), rootless,
                    options.dataDirectory());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@DinD(dataDirectory) on " + declaredOn + " with the variant"
                    + " from " + variant.source() + ": " + e.getMessage(), e);
        }
        return new DaemonSettings(parsedImage, parseTimeout(timeout), rootless, options);
    }

    private static DockerImageName parseImage(Setting setting) {
        String problem = DockerReferences.imageReferenceProblem(setting.value());
        if (problem != null) {
            throw new ExtensionConfigurationException(String.format(
                    "Invalid DinD image '%s' in %s: %s. Give an image reference such as '%s'.",
                    setting.value(), setting.source(), problem, DinDContainer.DEFAULT_IMAGE));
        }
        return DockerImageName.parse(setting.value());
    }

    private static Duration parseTimeout(Setting setting) {
        Duration timeout;
        try {
            timeout = Durations.parse(setting.value());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(String.format(
                    "Invalid DinD start-up timeout '%s' in %s: expected %s.",
                    setting.value(), setting.source(), Durations.FORMAT), e);
        }
        if (timeout.compareTo(DinDContainer.MAX_STARTUP_TIMEOUT) > 0) {
            throw new ExtensionConfigurationException(String.format(
                    "Invalid DinD start-up timeout '%s' in %s: it must be at most %s.",
                    setting.value(), setting.source(), Durations.format(DinDContainer.MAX_STARTUP_TIMEOUT)));
        }
        return timeout;
    }

    /** A setting's value and where it came from. */
    record Setting(String value, String source) {
    }

    /**
     * The places a setting can come from, consulted in order of precedence.
     *
     * @param declaredOn the class or method that carries the annotation, for error messages
     */
    record Sources(String declaredOn, Function<String, Optional<String>> configurationParameters,
            Map<String, String> environment) {

        Setting find(String attribute, String annotationValue, String property, String environmentVariable,
                String defaultValue) {
            if (!annotationValue.isEmpty()) {
                return nonBlank(annotationValue, "@DinD(" + attribute + ") on " + declaredOn);
            }
            Optional<String> parameter = configurationParameters.apply(property);
            if (parameter.isPresent()) {
                return nonBlank(parameter.get(), "configuration parameter " + property);
            }
            String variable = environment.get(environmentVariable);
            if (variable != null) {
                return nonBlank(variable, "environment variable " + environmentVariable);
            }
            return new Setting(defaultValue, "the default");
        }

        /** Finds a setting that has no environment variable. */
        Setting find(String attribute, String annotationValue, String property, String defaultValue) {
            if (!annotationValue.isEmpty()) {
                return nonBlank(annotationValue, "@DinD(" + attribute + ") on " + declaredOn);
            }
            Optional<String> parameter = configurationParameters.apply(property);
            if (parameter.isPresent()) {
                return nonBlank(parameter.get(), "configuration parameter " + property);
            }
            return new Setting(defaultValue, "the default");
        }

        private static Setting nonBlank(String value, String source) {
            if (value.isBlank()) {
                throw new ExtensionConfigurationException(
                        "Invalid blank value in " + source + ": set a value or remove the setting.");
            }
            return new Setting(value.strip(), source);
        }
    }
}
