package io.github.dindjunit.jupiter;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DockerDaemon;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Sets fields annotated with {@link InjectDaemon}. */
final class FieldInjection {

    private FieldInjection() {
    }

    /**
     * Checks every annotated field of a class, static or not, so that a mistake fails the class once.
     *
     * @throws ExtensionConfigurationException if a field is final or of an unsupported type
     */
    static void check(Class<?> testClass) {
        for (Field field : annotatedFields(testClass, field -> true)) {
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException(String.format(
                        "@InjectDaemon field %s must not be final: remove the final modifier.", describe(field)));
            }
            if (field.getType() != DockerClient.class && field.getType() != DockerDaemon.class) {
                throw new ExtensionConfigurationException(String.format(
                        "@InjectDaemon field %s has type %s, which cannot be injected: the supported types are %s.",
                        describe(field), field.getType().getName(), DinDExtension.SUPPORTED_TYPES));
            }
        }
    }

    static List<Field> staticFields(Class<?> testClass) {
        return annotatedFields(testClass, FieldInjection::isStatic);
    }

    static void injectStatic(Class<?> testClass, Supplier<StartedDaemon> daemon) {
        for (Field field : staticFields(testClass)) {
            set(field, null, daemon.get());
        }
    }

    static void injectInstance(Object testInstance, Supplier<StartedDaemon> daemon) {
        for (Field field : annotatedFields(testInstance.getClass(), field -> !isStatic(field))) {
            set(field, testInstance, daemon.get());
        }
    }

    static String describe(Field field) {
        return field.getDeclaringClass().getName() + "." + field.getName();
    }

    private static void set(Field field, Object target, StartedDaemon daemon) {
        Object value = field.getType() == DockerDaemon.class ? daemon.handle() : daemon.client();
        try {
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("Failed to inject the daemon into @InjectDaemon field "
                    + describe(field) + ": " + e.getMessage(), e);
        }
    }

    private static List<Field> annotatedFields(Class<?> testClass, Predicate<Field> filter) {
        return ReflectionSupport.findFields(testClass,
                field -> AnnotationSupport.isAnnotated(field, InjectDaemon.class) && filter.test(field),
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static boolean isStatic(Field field) {
        return Modifier.isStatic(field.getModifiers());
    }
}
