package io.github.dindjunit.jupiter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dindjunit.core.internal.LeftoverCleanup;
import io.github.dindjunit.jupiter.DinD;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md in step with the code: every attribute of {@code @DinD} and every configuration
 * parameter and environment variable it names must be documented, and the page must name no setting that the
 * code lacks.
 */
class ConfigurationReferenceTest {

    private static final String PAGE = "docs/configuration.md";

    private final String reference = RepositoryFiles.read(PAGE);

    @Test
    void everyAnnotationAttributeIsDocumented() {
        List<String> attributes = Arrays.stream(DinD.class.getDeclaredMethods()).map(Method::getName).toList();

        assertThat(attributes).isNotEmpty();
        assertThat(attributes).allSatisfy(attribute -> assertThat(reference)
                .as("attribute %s in %s", attribute, PAGE)
                .contains("`" + attribute + "`"));
    }

    @Test
    void everyParameterAndVariableIsDocumented() {
        Set<String> names = settingNamesInCode();

        assertThat(names).contains("dind.image", "DIND_IMAGE");
        assertThat(names).allSatisfy(name -> assertThat(reference)
                .as("setting %s in %s", name, PAGE)
                .contains("`" + name + "`"));
    }

    @Test
    void pageNamesNoSettingTheCodeLacks() {
        Matcher names = Pattern.compile("`(dind\\.[a-z.-]+[a-z]|DIND_[A-Z_]+[A-Z])`").matcher(reference);
        Set<String> documented = names.results().map(match -> match.group(1)).collect(Collectors.toSet());

        assertThat(documented).isNotEmpty();
        assertThat(settingNamesInCode()).containsAll(documented);
    }

    /**
     * Returns the names of every configuration parameter, system property and environment variable: the
     * String constants of {@code DinD}, and those of the core classes that read JVM-wide settings.
     */
    private static Set<String> settingNamesInCode() {
        return Stream.of(DinD.class, LeftoverCleanup.class)
                .flatMap(type -> Arrays.stream(type.getDeclaredFields()))
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> Modifier.isPublic(field.getModifiers()) || field.getDeclaringClass().isInterface()
                        || field.getDeclaringClass().isAnnotation())
                .map(ConfigurationReferenceTest::valueOf)
                .filter(value -> value.startsWith("dind.") || value.startsWith("DIND_"))
                .collect(Collectors.toSet());
    }

    private static String valueOf(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Failed to read " + field, e);
        }
    }
}
