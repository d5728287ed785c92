package io.github.dindjunit.jupiter;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Rejects combinations of {@link DinD} declarations that cannot work, naming them and the fix. */
final class DeclarationRules {

    private DeclarationRules() {
    }

    /**
     * Checks every {@code @DinD} on the methods of a class against the class's own declaration, so that a
     * conflict fails the class once rather than each of its tests.
     *
     * @param classContext the context of the class
     * @throws ExtensionConfigurationException if two declarations conflict
     */
    static void checkClass(ExtensionContext classContext) {
        Class<?> testClass = classContext.getRequiredTestClass();
        Optional<Declaration> classDeclaration = Declaration.nearest(classContext);
        List<Method> annotated = ReflectionSupport.findMethods(testClass,
                method -> AnnotationSupport.isAnnotated(method, DinD.class), HierarchyTraversalMode.TOP_DOWN);
        for (Method method : annotated) {
            DinD annotation = AnnotationSupport.findAnnotation(method, DinD.class).orElseThrow();
            if (!AnnotationSupport.isAnnotated(method, Testable.class)) {
                throw new ExtensionConfigurationException(String.format(
                        "@DinD on method %s has no effect because it is not a test method. Write @DinD on a"
                                + " @Test, @RepeatedTest, @ParameterizedTest, @TestFactory or @TestTemplate"
                                + " method, or on the class.", Declaration.describe(method)));
            }
            checkMethod(annotation, method, classDeclaration);
        }
    }

    /**
     * Checks the {@code @DinD} on a test method, if there is one, against the declaration of its class.
     *
     * @param methodContext the context of the test method
     * @throws ExtensionConfigurationException if the two conflict
     */
    static void checkMethod(ExtensionContext methodContext) {
        Optional<Method> method = methodContext.getTestMethod();
        if (method.isEmpty()) {
            return;
        }
        Optional<DinD> annotation = AnnotationSupport.findAnnotation(method.get(), DinD.class);
        if (annotation.isPresent()) {
            checkMethod(annotation.get(), method.get(), Declaration.nearestOnClass(methodContext));
        }
    }

    private static void checkMethod(DinD annotation, Method method, Optional<Declaration> classDeclaration) {
        String methodName = Declaration.describe(method);
        DaemonScope written = annotation.scope();
        if (written == DaemonScope.PER_CLASS || written == DaemonScope.SHARED) {
            throw new ExtensionConfigurationException(String.format(
                    "@DinD(scope = %s) on method %s conflicts with its place: a daemon declared on a test method"
                            + " always lives for one invocation of that method. Remove the scope attribute, or"
                            + " write @DinD(scope = %s) on the class instead.", written, methodName, written));
        }
        if (classDeclaration.isEmpty()) {
            return;
        }
        Declaration enclosing = classDeclaration.get();
        DaemonScope classScope = enclosing.scope();
        if (classScope == DaemonScope.PER_CLASS || classScope == DaemonScope.SHARED) {
            throw new ExtensionConfigurationException(String.format(
                    "@DinD on method %s conflicts with %s, whose scope is %s (from %s): the method's"
                            + " @BeforeEach and @AfterEach methods would see its own daemon while @BeforeAll"
                            + " methods and static fields see the class's. Remove @DinD from the method, set"
                            + " @DinD(scope = PER_METHOD) on %s, or move the method into a @Nested class with"
                            + " its own @DinD.",
                    methodName, enclosing.describe(), classScope, enclosing.lifecycle().scopeSource(),
                    enclosing.declaredOn()));
        }
    }
}
