package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dindjunit.core.DaemonOptions;
import io.github.dindjunit.core.DinDContainer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.testcontainers.utility.DockerImageName;

class DaemonSettingsTest {

    private static final Function<String, Optional<String>> NO_PARAMETERS = key -> Optional.empty();

    @Test
    void defaultsApplyWhenNothingIsSet() {
        DaemonSettings settings = resolve(Plain.class, NO_PARAMETERS, Map.of());

        assertThat(settings.image()).isEqualTo(DockerImageName.parse(DinDContainer.DEFAULT_IMAGE));
        assertThat(settings.startupTimeout()).isEqualTo(DinDContainer.DEFAULT_STARTUP_TIMEOUT);
    }

    @Test
    void environmentOverridesDefault() {
        DaemonSettings settings = resolve(Plain.class, NO_PARAMETERS,
                Map.of("DIND_IMAGE", "from/environment:1", "DIND_STARTUP_TIMEOUT", "2 m"));

        assertThat(settings.image()).isEqualTo(DockerImageName.parse("from/environment:1"));
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void configurationParameterOverridesEnvironment() {
        Map<String, String> parameters = Map.of("dind.image", "from/parameter:1", "dind.startup.timeout", "PT45S");

        DaemonSettings settings = resolve(Plain.class, key -> Optional.ofNullable(parameters.get(key)),
                Map.of("DIND_IMAGE", "from/environment:1", "DIND_STARTUP_TIMEOUT", "2 m"));

        assertThat(settings.image()).isEqualTo(DockerImageName.parse("from/parameter:1"));
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void annotationOverridesEverything() {
        Map<String, String> parameters = Map.of("dind.image", "from/parameter:1", "dind.startup.timeout", "PT45S");

        DaemonSettings settings = resolve(Configured.class, key -> Optional.ofNullable(parameters.get(key)),
                Map.of("DIND_IMAGE", "from/environment:1", "DIND_STARTUP_TIMEOUT", "2 m"));

        assertThat(settings.image()).isEqualTo(DockerImageName.parse("from/annotation:1"));
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void blankEnvironmentVariableIsRejected() {
        assertThatThrownBy(() -> resolve(Plain.class, NO_PARAMETERS, Map.of("DIND_IMAGE", " ")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Invalid blank value in environment variable DIND_IMAGE: set a value or remove the"
                        + " setting.");
    }

    @Test
    void invalidImageNamesValueAndSource() {
        assertThatThrownBy(() -> resolve(Plain.class, NO_PARAMETERS, Map.of("DIND_IMAGE", "Not A Valid:image")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("Invalid DinD image 'Not A Valid:image' in environment variable"
                        + " DIND_IMAGE: ")
                .hasMessageEndingWith("Give an image reference such as 'docker:29.7.2-dind'.");
    }

    @Test
    void tmpfsIsRejectedForRootlessVariant() {
        assertThatThrownBy(() -> resolve(Tmpfs.class, NO_PARAMETERS, Map.of("DIND_VARIANT", "rootless")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@DinD(dataDirectory) on " + Tmpfs.class.getName() + " with the variant from"
                        + " environment variable DIND_VARIANT: Invalid data directory TMPFS for the rootless variant of"
                        + " DinD docker:29.7.2-dind-rootless: ");
    }

    @Test
    void tmpfsIsAcceptedWithRootfulVariant() {
        DaemonSettings settings = resolve(Tmpfs.class, NO_PARAMETERS, Map.of());

        assertThat(settings.options().dataDirectory()).isEqualTo(DaemonOptions.DataDirectory.TMPFS);
    }

    @Test
    void textAfterImageTagIsRejected() {
        assertThatThrownBy(() -> resolve(Plain.class, NO_PARAMETERS, Map.of("DIND_IMAGE", "docker:29-dind:extra")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Invalid DinD image 'docker:29-dind:extra' in environment variable DIND_IMAGE: it has"
                        + " text after its tag or digest. Give an image reference such as 'docker:29.7.2-dind'.");
    }

    @Test
    void invalidTimeoutNamesValueAndSource() {
        assertThatThrownBy(() -> resolve(Plain.class, NO_PARAMETERS, Map.of("DIND_STARTUP_TIMEOUT", "0 s")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("Invalid DinD start-up timeout '0 s' in environment variable"
                        + " DIND_STARTUP_TIMEOUT: expected a positive whole number");
    }

    @Test
    void rootfulIsTheDefaultVariant() {
        DaemonSettings settings = resolve(Plain.class, NO_PARAMETERS, Map.of());

        assertThat(settings.rootless()).isFalse();
    }

    @Test
    void rootlessVariantHasItsOwnDefaultImage() {
        DaemonSettings settings = resolve(Rootless.class, NO_PARAMETERS, Map.of());

        assertThat(settings.rootless()).isTrue();
        assertThat(settings.image()).isEqualTo(DockerImageName.parse(DinDContainer.DEFAULT_ROOTLESS_IMAGE));
    }

    @Test
    void rootlessVariantIgnoresRootfulImageSettings() {
        Map<String, String> parameters = Map.of("dind.image", "rootful/parameter:1");

        DaemonSettings settings = resolve(Rootless.class, key -> Optional.ofNullable(parameters.get(key)),
                Map.of("DIND_IMAGE", "rootful/environment:1"));

        assertThat(settings.image()).isEqualTo(DockerImageName.parse(DinDContainer.DEFAULT_ROOTLESS_IMAGE));
    }

    @Test
    void rootlessImageComesFromEnvironment() {
        DaemonSettings settings = resolve(Rootless.class, NO_PARAMETERS,
                Map.of("DIND_ROOTLESS_IMAGE", "rootless/environment:1", "DIND_IMAGE", "rootful/environment:1"));

        assertThat(settings.image()).isEqualTo(DockerImageName.parse("rootless/environment:1"));
    }

    @Test
    void rootlessImageParameterOverridesEnvironment() {
        Map<String, String> parameters = Map.of("dind.rootless.image", "rootless/parameter:1");

        DaemonSettings settings = resolve(Rootless.class, key -> Optional.ofNullable(parameters.get(key)),
                Map.of("DIND_ROOTLESS_IMAGE", "rootless/environment:1"));

        assertThat(settings.image()).isEqualTo(DockerImageName.parse("rootless/parameter:1"));
    }

    @Test
    void annotationImageAppliesToRootlessVariant() {
        Map<String, String> parameters = Map.of("dind.rootless.image", "rootless/parameter:1");

        DaemonSettings settings = resolve(RootlessWithImage.class, key -> Optional.ofNullable(parameters.get(key)),
                Map.of());

        assertThat(settings.rootless()).isTrue();
        assertThat(settings.image()).isEqualTo(DockerImageName.parse("from/annotation-rootless:1"));
    }

    @Test
    void variantComesFromEnvironment() {
        DaemonSettings settings = resolve(Plain.class, NO_PARAMETERS, Map.of("DIND_VARIANT", "rootless"));

        assertThat(settings.rootless()).isTrue();
    }

    @Test
    void variantParameterOverridesEnvironment() {
        Map<String, String> parameters = Map.of("dind.variant", "ROOTFUL");

        DaemonSettings settings = resolve(Plain.class, key -> Optional.ofNullable(parameters.get(key)),
                Map.of("DIND_VARIANT", "rootless"));

        assertThat(settings.rootless()).isFalse();
    }

    @Test
    void annotationVariantOverridesParameter() {
        Map<String, String> parameters = Map.of("dind.variant", "rootless");

        DaemonSettings settings = resolve(Rootful.class, key -> Optional.ofNullable(parameters.get(key)),
                Map.of("DIND_VARIANT", "rootless"));

        assertThat(settings.rootless()).isFalse();
        assertThat(settings.image()).isEqualTo(DockerImageName.parse(DinDContainer.DEFAULT_IMAGE));
    }

    @Test
    void invalidVariantNamesValueAndSource() {
        Map<String, String> parameters = Map.of("dind.variant", "root-less");

        assertThatThrownBy(() -> resolve(Plain.class, key -> Optional.ofNullable(parameters.get(key)), Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Invalid DinD variant 'root-less' in configuration parameter dind.variant: expected"
                        + " 'rootful' or 'rootless'.");
    }

    @Test
    void hugeTimeoutIsRejected() {
        assertThatThrownBy(() -> resolve(Plain.class, NO_PARAMETERS, Map.of("DIND_STARTUP_TIMEOUT", "999999999999 d")))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("Invalid DinD start-up timeout '999999999999 d' in environment variable"
                        + " DIND_STARTUP_TIMEOUT: it must be at most 3600 s.");
    }

    private static DaemonSettings resolve(Class<?> annotated, Function<String, Optional<String>> parameters,
            Map<String, String> environment) {
        return DaemonSettings.resolve(annotated.getAnnotation(DinD.class), annotated, parameters, environment);
    }

    @DinD
    static class Plain {
    }

    @DinD(image = "from/annotation:1", startupTimeout = "1500 ms")
    static class Configured {
    }

    @DinD(variant = DinD.Variant.ROOTLESS)
    static class Rootless {
    }

    @DinD(variant = DinD.Variant.ROOTFUL)
    static class Rootful {
    }

    @DinD(dataDirectory = DaemonOptions.DataDirectory.TMPFS)
    static class Tmpfs {
    }

    @DinD(variant = DinD.Variant.ROOTLESS, image = "from/annotation-rootless:1")
    static class RootlessWithImage {
    }
}
