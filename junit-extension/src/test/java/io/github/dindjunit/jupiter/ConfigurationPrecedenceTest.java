package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The order of precedence: annotation attribute, then configuration parameter, then environment variable (where
 * the setting has one), then default. {@link DaemonSettingsTest} covers the environment variables.
 */
class ConfigurationPrecedenceTest {

    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    private static final Function<String, Optional<String>> NO_PARAMETERS = key -> Optional.empty();

    @Test
    void scopeDefaultsToPerClass() {
        LifecycleSettings settings = resolve(Plain.class, NO_PARAMETERS);

        assertThat(settings.scope()).isEqualTo(DaemonScope.PER_CLASS);
        assertThat(settings.scopeSource()).isEqualTo("the default");
        assertThat(settings.disabledWithoutDocker()).isFalse();
    }

    @Test
    void configurationParameterOverridesDefault() {
        LifecycleSettings settings = resolve(Plain.class, parameters(Map.of(DinD.SCOPE_PROPERTY, "Per_Method",
                DinD.DISABLED_WITHOUT_DOCKER_PROPERTY, "TRUE")));

        assertThat(settings.scope()).isEqualTo(DaemonScope.PER_METHOD);
        assertThat(settings.scopeSource()).isEqualTo("configuration parameter dind.scope");
        assertThat(settings.disabledWithoutDocker()).isTrue();
    }

    @Test
    void annotationOverridesConfigurationParameter() {
        LifecycleSettings settings = resolve(Configured.class, parameters(Map.of(DinD.SCOPE_PROPERTY, "per_method",
                DinD.DISABLED_WITHOUT_DOCKER_PROPERTY, "false")));

        assertThat(settings.scope()).isEqualTo(DaemonScope.SHARED);
        assertThat(settings.scopeSource()).isEqualTo("@DinD(scope) on " + Configured.class.getName());
        assertThat(settings.disabledWithoutDocker()).isTrue();
    }

    @Test
    void invalidBooleanNamesValueAndSource() {
        assertThatThrownBy(() -> resolve(Plain.class, parameters(Map.of(DinD.DISABLED_WITHOUT_DOCKER_PROPERTY,
                "yes"))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Invalid value 'yes' in configuration parameter dind.disabled.without.docker: expected"
                        + " true or false.");
    }

    @Test
    void inferredScopeIsNotAValidParameter() {
        assertThatThrownBy(() -> resolve(Plain.class, parameters(Map.of(DinD.SCOPE_PROPERTY, "inferred"))))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Invalid DinD scope 'inferred' in configuration parameter dind.scope: expected one of"
                        + " per_class, per_method, shared.");
    }

    @Test
    void maxDaemonsDefaultsToProcessorCount() {
        assertThat(DaemonSlots.fromConfiguration(NO_PARAMETERS).max())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(DaemonSlots.fromConfiguration(parameters(Map.of(DinD.MAX_DAEMONS_PROPERTY, " 3 "))).max())
                .isEqualTo(3);
    }

    @Test
    void invalidMaxDaemonsNamesValue() {
        for (String invalid : new String[] {"0", "-1", "two", ""}) {
            assertThatThrownBy(() -> DaemonSlots.fromConfiguration(parameters(Map.of(DinD.MAX_DAEMONS_PROPERTY,
                    invalid))))
                    .as("value '%s'", invalid)
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessage("Invalid value '" + invalid + "' in configuration parameter dind.max.daemons:"
                            + " expected a positive whole number, such as 2.");
        }
    }

    @Test
    void scopeParameterAppliesThroughEngine() {
        SEEN.clear();

        TestKit.run(Map.of(DinD.SCOPE_PROPERTY, "per_method"), TwoMethods.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(2));

        assertThat(SEEN.get("first")).isNotEqualTo(SEEN.get("second"));
    }

    @Test
    void scopeAttributeBeatsParameterThroughEngine() {
        SEEN.clear();

        TestKit.run(Map.of(DinD.SCOPE_PROPERTY, "per_method"), TwoMethodsPerClass.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(2));

        assertThat(SEEN.get("first")).isEqualTo(SEEN.get("second"));
    }

    @Test
    void imageAttributeBeatsParameterThroughEngine() {
        SEEN.clear();

        TestKit.run(Map.of(DinD.IMAGE_PROPERTY, "dind-junit/dind:trixie"), OlderImage.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        assertThat(SEEN.get("version")).startsWith("20.10.");
    }

    private static Function<String, Optional<String>> parameters(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }

    private static LifecycleSettings resolve(Class<?> annotated, Function<String, Optional<String>> parameters) {
        return LifecycleSettings.resolve(annotated.getAnnotation(DinD.class), false, annotated.getName(), parameters);
    }

    @DinD
    static class Plain {
    }

    @DinD(scope = DaemonScope.SHARED, disabledWithoutDocker = true)
    static class Configured {
    }

    @DinD
    static class TwoMethods {

        @Test
        void first(DockerClient docker) {
            SEEN.put("first", docker.infoCmd().exec().getId());
        }

        @Test
        void second(DockerClient docker) {
            SEEN.put("second", docker.infoCmd().exec().getId());
        }
    }

    @DinD(scope = DaemonScope.PER_CLASS)
    static class TwoMethodsPerClass {

        @Test
        void first(DockerClient docker) {
            SEEN.put("first", docker.infoCmd().exec().getId());
        }

        @Test
        void second(DockerClient docker) {
            SEEN.put("second", docker.infoCmd().exec().getId());
        }
    }

    /** Docker 20.10, which scripts/test-images.sh builds beside the build's default test image. */
    @DinD(image = "dind-junit/dind:bookworm")
    static class OlderImage {

        @Test
        void test(DockerClient docker) {
            SEEN.put("version", docker.versionCmd().exec().getVersion());
        }
    }
}
