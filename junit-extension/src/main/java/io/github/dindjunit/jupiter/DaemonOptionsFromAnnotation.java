package io.github.dindjunit.jupiter;

import io.github.dindjunit.core.DaemonOptions;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Builds {@link DaemonOptions} from the attributes of {@link DinD}, naming the attribute when one is invalid. */
final class DaemonOptionsFromAnnotation {

    private DaemonOptionsFromAnnotation() {
    }

    static DaemonOptions read(DinD annotation, String declaredOn) {
        DaemonOptions options = DaemonOptions.defaults()
                .withIptablesLegacy(annotation.iptablesLegacy())
                .withDataDirectory(annotation.dataDirectory());
        options = apply(options, "preload", declaredOn, o -> o.withPreloadedImages(annotation.preload()));
        options = apply(options, "registryMirrors", declaredOn,
                o -> o.withRegistryMirrors(annotation.registryMirrors()));
        options = apply(options, "insecureRegistries", declaredOn,
                o -> o.withInsecureRegistries(annotation.insecureRegistries()));
        options = apply(options, "daemonFlags", declaredOn, o -> o.withDaemonFlags(annotation.daemonFlags()));
        options = apply(options, "innerPorts", declaredOn, o -> o.withInnerPorts(annotation.innerPorts()));
        if (annotation.mtu() != 0) {
            options = apply(options, "mtu", declaredOn, o -> o.withMtu(annotation.mtu()));
        }
        return options;
    }

    private static DaemonOptions apply(DaemonOptions options, String attribute, String declaredOn,
            UnaryOperator<DaemonOptions> change) {
        try {
            return change.apply(options);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(
                    "@DinD(" + attribute + ") on " + declaredOn + ": " + e.getMessage(), e);
        }
    }
}
