package io.github.dindjunit.jupiter;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The {@link DinD} that governs a test or class: the nearest one, looking first at the test method, then at its
 * class, then at the classes that enclose a {@code @Nested} class.
 *
 * @param annotation the annotation
 * @param context the extension context of the method or class that carries it
 * @param lifecycle its scope and its behaviour without an engine
 */
record Declaration(DinD annotation, ExtensionContext context, LifecycleSettings lifecycle) {

    /**
     * Finds the nearest declaration, starting at {@code context} and going up to the engine.
     *
     * @throws ExtensionConfigurationException if the declaration's settings are invalid
     */
    static Optional<Declaration> nearest(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
                current = current.get().getParent()) {
            Optional<Declaration> declaration = at(current.get());
            if (declaration.isPresent()) {
                return declaration;
            }
        }
        return Optional.empty();
    }

    /** Finds the nearest declaration on a class, skipping any on the test method. */
    static Optional<Declaration> nearestOnClass(ExtensionContext context) {
        Optional<ExtensionContext> classContext = Optional.of(context);
        while (classContext.isPresent() && !isClassContext(classContext.get())) {
            classContext = classContext.get().getParent();
        }
        return classContext.flatMap(Declaration::nearest);
    }

    /** Returns the declaration carried by the element of exactly this context. */
    static Optional<Declaration> at(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        if (element.isEmpty()) {
            return Optional.empty();
        }
        boolean onMethod = element.get() instanceof Method;
        return AnnotationSupport.findAnnotation(element.get(), DinD.class).map(annotation -> {
            String declaredOn = describe(element.get());
            LifecycleSettings lifecycle = LifecycleSettings.resolve(annotation, onMethod, declaredOn,
                    context::getConfigurationParameter);
            return new Declaration(annotation, context, lifecycle);
        });
    }

    /** Returns the scope in force. */
    DaemonScope scope() {
        return lifecycle.scope();
    }

    /** Returns whether the annotation is on a method rather than a class. */
    boolean onMethod() {
        return context.getElement().filter(Method.class::isInstance).isPresent();
    }

    /** Returns the class or method that carries the annotation, such as {@code com.example.AgentTest}. */
    String declaredOn() {
        return describe(context.getElement().orElseThrow());
    }

    /** Describes the declaration for messages, such as {@code @DinD(scope = SHARED) on class com.example.AgentTest}. */
    String describe() {
        String scope = annotation.scope() == DaemonScope.INFERRED ? "" : "(scope = " + annotation.scope().name() + ")";
        String kind = onMethod() ? "method " : "class ";
        return "@DinD" + scope + " on " + kind + declaredOn();
    }

    static boolean isClassContext(ExtensionContext context) {
        return context.getElement().filter(Class.class::isInstance).isPresent();
    }

    static String describe(AnnotatedElement element) {
        if (element instanceof Method method) {
            return method.getDeclaringClass().getName() + "." + method.getName() + "()";
        }
        if (element instanceof Class<?> type) {
            return type.getName();
        }
        return element.toString();
    }
}
