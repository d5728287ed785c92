package io.github.dindjunit.jupiter;

import io.github.dindjunit.jupiter.DaemonSettings.Setting;
import io.github.dindjunit.jupiter.DaemonSettings.Sources;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The settings of one declaration that decide when its daemon exists, resolved from the annotation and JUnit
 * configuration parameters, in that order. Neither has an environment variable.
 *
 * @param scope the scope in force, never {@link DaemonScope#INFERRED}
 * @param scopeSource where the scope came from, for messages
 * @param disabledWithoutDocker whether to skip rather than fail when no Docker engine is reachable
 * @param disabledWithoutDockerSource where that came from, for messages
 */
record LifecycleSettings(DaemonScope scope, String scopeSource, boolean disabledWithoutDocker,
        String disabledWithoutDockerSource) {

    private static final String SCOPE_NAMES = Arrays.stream(DaemonScope.values())
            .filter(scope -> scope != DaemonScope.INFERRED)
            .map(scope -> scope.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));

    /**
     * Resolves the settings of one declaration.
     *
     * @param annotation the {@code @DinD}
     * @param onMethod whether it is written on a test method, where the scope is always per method
     * @param declaredOn the class or method that carries it, for error messages
     * @param configurationParameters JUnit's configuration parameters, which include system properties
     * @throws ExtensionConfigurationException if a value is invalid; the message names it and its source
     */
    static LifecycleSettings resolve(DinD annotation, boolean onMethod, String declaredOn,
            Function<String, Optional<String>> configurationParameters) {
        Sources sources = new Sources(declaredOn, configurationParameters, Map.of());

        DaemonScope scope;
        String scopeSource;
        if (onMethod) {
            scope = DaemonScope.PER_METHOD;
            scopeSource = "@DinD on " + declaredOn;
        } else {
            String attribute = annotation.scope() == DaemonScope.INFERRED ? "" : annotation.scope().name();
            Setting setting = sources.find("scope", attribute, DinD.SCOPE_PROPERTY, DaemonScope.PER_CLASS.name());
            scope = parseScope(setting);
            scopeSource = setting.source();
        }

        Setting disabled = sources.find("disabledWithoutDocker", annotation.disabledWithoutDocker() ? "true" : "",
                DinD.DISABLED_WITHOUT_DOCKER_PROPERTY, "false");
        return new LifecycleSettings(scope, scopeSource, parseBoolean(disabled), disabled.source());
    }

    private static DaemonScope parseScope(Setting setting) {
        String name = setting.value().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            DaemonScope scope = DaemonScope.valueOf(name);
            if (scope != DaemonScope.INFERRED) {
                return scope;
            }
        } catch (IllegalArgumentException e) {
            // Reported below together with the accepted names.
        }
        throw new ExtensionConfigurationException(String.format(
                "Invalid DinD scope '%s' in %s: expected one of %s.", setting.value(), setting.source(),
                SCOPE_NAMES));
    }

    private static boolean parseBoolean(Setting setting) {
        String value = setting.value().toLowerCase(Locale.ROOT);
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw new ExtensionConfigurationException(String.format(
                "Invalid value '%s' in %s: expected true or false.", setting.value(), setting.source()));
    }
}
