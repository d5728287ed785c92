package io.github.dindjunit.jupiter;

import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Parses the variant setting, {@code rootful} or {@code rootless} in any letter case, whichever source sets it. */
final class VariantSetting {

    /** The value that applies when no source sets one. */
    static final String DEFAULT_VALUE = "rootful";

    private VariantSetting() {
    }

    /** Returns the annotation's variant as a setting value, or empty for {@link DinD.Variant#INFERRED}. */
    static String annotationValue(DinD annotation) {
        DinD.Variant variant = annotation.variant();
        return variant == DinD.Variant.INFERRED ? "" : variant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns whether the setting selects the rootless variant.
     *
     * @throws ExtensionConfigurationException if the value is neither {@code rootful} nor {@code rootless}
     */
    static boolean isRootless(DaemonSettings.Setting setting) {
        String value = setting.value().toLowerCase(Locale.ROOT);
        if (value.equals("rootless")) {
            return true;
        }
        if (value.equals("rootful")) {
            return false;
        }
        throw new ExtensionConfigurationException(String.format(
                "Invalid DinD variant '%s' in %s: expected 'rootful' or 'rootless'.", setting.value(),
                setting.source()));
    }
}
