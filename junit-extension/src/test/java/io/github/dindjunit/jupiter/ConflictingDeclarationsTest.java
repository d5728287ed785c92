package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.github.dockerjava.api.DockerClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.Events;

/** Every fixture here is rejected before a daemon starts. */
class ConflictingDeclarationsTest {

    @Test
    void methodDeclarationInSharedClassIsRejected() {
        assertRejected(Map.of(), MethodInSharedClass.class,
                "@DinD on method " + MethodInSharedClass.class.getName() + ".test() conflicts with @DinD(scope ="
                        + " SHARED) on class " + MethodInSharedClass.class.getName() + ", whose scope is SHARED"
                        + " (from @DinD(scope) on " + MethodInSharedClass.class.getName() + ")",
                "Remove @DinD from the method, set @DinD(scope = PER_METHOD) on "
                        + MethodInSharedClass.class.getName() + ", or move the method into a @Nested class with"
                        + " its own @DinD.");
    }

    @Test
    void methodDeclarationInPerClassClassIsRejected() {
        assertRejected(Map.of(), MethodInPerClassClass.class,
                "conflicts with @DinD on class " + MethodInPerClassClass.class.getName()
                        + ", whose scope is PER_CLASS (from the default)",
                "move the method into a @Nested class with its own @DinD");
    }

    @Test
    void scopeFromConfigurationIsNamedInConflict() {
        assertRejected(Map.of(DinD.SCOPE_PROPERTY, "shared"), MethodInPerClassClass.class,
                "whose scope is SHARED (from configuration parameter dind.scope)");
    }

    @Test
    void sharedScopeOnMethodIsRejected() {
        assertRejected(Map.of(), SharedScopeOnMethod.class,
                "@DinD(scope = SHARED) on method " + SharedScopeOnMethod.class.getName() + ".test() conflicts"
                        + " with its place",
                "Remove the scope attribute, or write @DinD(scope = SHARED) on the class instead.");
    }

    @Test
    void declarationOnLifecycleMethodIsRejected() {
        assertRejected(Map.of(), OnLifecycleMethod.class,
                "@DinD on method " + OnLifecycleMethod.class.getName() + ".setUp() has no effect because it is"
                        + " not a test method");
    }

    @Test
    void injectDaemonWithoutDinDIsRejected() {
        assertRejected(Map.of(), FieldWithoutDinD.class,
                FieldWithoutDinD.class.getName() + " has @InjectDaemon fields but no @DinD applies to it:"
                        + " annotate the class with @DinD.");
    }

    @Test
    void injectDaemonOnUnsupportedTypeIsRejected() {
        assertRejected(Map.of(), UnsupportedFieldType.class,
                "@InjectDaemon field " + UnsupportedFieldType.class.getName() + ".name has type java.lang.String,"
                        + " which cannot be injected: the supported types are"
                        + " com.github.dockerjava.api.DockerClient and io.github.dindjunit.core.DockerDaemon.");
    }

    @Test
    void finalInjectDaemonFieldIsRejected() {
        assertRejected(Map.of(), FinalField.class,
                "@InjectDaemon field " + FinalField.class.getName() + ".docker must not be final");
    }

    @Test
    void staticFieldWithPerMethodScopeIsRejected() {
        assertRejected(Map.of(), StaticFieldPerMethod.class,
                "Static @InjectDaemon field " + StaticFieldPerMethod.class.getName() + ".docker cannot hold the"
                        + " daemon of @DinD(scope = PER_METHOD) on class " + StaticFieldPerMethod.class.getName(),
                "make the field an instance field");
    }

    @Test
    void invalidScopeParameterIsRejected() {
        assertRejected(Map.of(DinD.SCOPE_PROPERTY, "per-suite"), MethodInPerClassClass.class,
                "Invalid DinD scope 'per-suite' in configuration parameter dind.scope: expected one of per_class,"
                        + " per_method, shared.");
    }

    private static void assertRejected(Map<String, String> parameters, Class<?> fixture, String... fragments) {
        Events events = TestKit.run(parameters, fixture).allEvents();

        events.assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class),
                message(text -> {
                    for (String fragment : fragments) {
                        if (!text.contains(fragment)) {
                            return false;
                        }
                    }
                    return true;
                })));
        assertThat(events.succeeded().filter(event -> event.getTestDescriptor().isTest()).count())
                .as("tests that passed").isZero();
        assertThat(OuterEngine.labelledContainers()).isEmpty();
    }

    @DinD(scope = DaemonScope.SHARED)
    static class MethodInSharedClass {

        @DinD
        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD
    static class MethodInPerClassClass {

        @DinD
        @Test
        void test(DockerClient docker) {
        }
    }

    static class SharedScopeOnMethod {

        @DinD(scope = DaemonScope.SHARED)
        @Test
        void test(DockerClient docker) {
        }
    }

    @DinD
    static class OnLifecycleMethod {

        @DinD
        @BeforeEach
        void setUp() {
        }

        @Test
        void test() {
        }
    }

    static class FieldWithoutDinD {

        @InjectDaemon
        DockerClient docker;

        @Test
        void test() {
        }
    }

    @DinD
    static class UnsupportedFieldType {

        @InjectDaemon
        String name;

        @Test
        void test() {
        }
    }

    @DinD
    static class FinalField {

        @InjectDaemon
        final DockerClient docker = null;

        @Test
        void test() {
        }
    }

    @DinD(scope = DaemonScope.PER_METHOD)
    static class StaticFieldPerMethod {

        @InjectDaemon
        static DockerClient docker;

        @Test
        void test() {
        }
    }
}
