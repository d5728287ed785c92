package io.github.dindjunit.jupiter;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DinDContainer;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts one daemon per class annotated with {@link DinD} and injects its client. Registered by the annotation,
 * never by users, so it stays package-private.
 */
final class DinDExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(DinDExtension.class);

    private static final String SUPPORTED_TYPES = DockerClient.class.getName() + ", " + DinDContainer.class.getName();

    private final Map<String, String> environment;

    DinDExtension() {
        this(System.getenv());
    }

    DinDExtension(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        daemon(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        // Other docker-java and dind-junit types are claimed too, so that asking for one fails with a message
        // that lists what is supported rather than JUnit's generic "no resolver" error.
        return type == DockerClient.class || type == DinDContainer.class || isOwnOrDockerJavaType(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        if (parameter.getType() == DockerClient.class) {
            return daemon(extensionContext).client();
        }
        if (parameter.getType() == DinDContainer.class) {
            return daemon(extensionContext).container();
        }
        String name = parameter.isNamePresent()
                ? "'" + parameter.getName() + "'"
                : "at index " + parameterContext.getIndex();
        throw new ParameterResolutionException(String.format(
                "@DinD cannot inject parameter %s of type %s into %s: the supported types are %s.",
                name, parameter.getType().getName(), parameterContext.getDeclaringExecutable(), SUPPORTED_TYPES));
    }

    private StartedDaemon daemon(ExtensionContext context) {
        ExtensionContext owner = owningContext(context);
        Class<?> annotatedClass = owner.getRequiredTestClass();
        DinD annotation = AnnotationSupport.findAnnotation(annotatedClass, DinD.class).orElseThrow();

        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(StartedDaemon.class,
                key -> StartedDaemon.start(DaemonSettings.resolve(
                        annotation, annotatedClass, owner::getConfigurationParameter, environment)),
                StartedDaemon.class);
    }

    /**
     * Finds the class-level context of the nearest class that carries {@code @DinD}: the test class itself, or
     * for a {@code @Nested} class without its own annotation, an enclosing one.
     */
    private static ExtensionContext owningContext(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
                current = current.get().getParent()) {
            ExtensionContext candidate = current.get();
            boolean classLevel = candidate.getElement().filter(Class.class::isInstance).isPresent();
            if (classLevel && AnnotationSupport.isAnnotated(candidate.getRequiredTestClass(), DinD.class)) {
                return candidate;
            }
        }
        throw new ExtensionConfigurationException("No class annotated with @DinD encloses "
                + context.getUniqueId() + ": register the extension by annotating the test class with @DinD.");
    }

    private static boolean isOwnOrDockerJavaType(Class<?> type) {
        String name = type.getName();
        return name.startsWith("com.github.dockerjava.") || name.startsWith("io.github.dindjunit.");
    }
}
