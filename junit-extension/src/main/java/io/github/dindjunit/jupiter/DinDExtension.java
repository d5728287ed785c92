package io.github.dindjunit.jupiter;

import com.github.dockerjava.api.DockerClient;
import io.github.dindjunit.core.DockerDaemon;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the daemons that {@link DinD} declares, injects their clients and handles, skips tests when no engine is
 * reachable and {@code disabledWithoutDocker} is set, and reports a daemon's state when a test fails. Registered
 * by the annotations, never by users, so it stays package-private.
 */
final class DinDExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    static final Namespace NAMESPACE = Namespace.create(DinDExtension.class);

    static final String SUPPORTED_TYPES = DockerClient.class.getName() + " and " + DockerDaemon.class.getName();

    private static final Logger LOGGER = LoggerFactory.getLogger(DinDExtension.class);

    private final Daemons daemons;

    DinDExtension() {
        this(System.getenv());
    }

    DinDExtension(Map<String, String> environment) {
        this.daemons = new Daemons(environment);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Declaration> declaration;
        try {
            declaration = Declaration.at(context);
        } catch (ExtensionConfigurationException e) {
            // JUnit would wrap it in a ConditionEvaluationException; the callbacks report it as it is.
            return ConditionEvaluationResult.enabled("Invalid @DinD settings are reported when the test starts");
        }
        if (declaration.isEmpty() || !declaration.get().lifecycle().disabledWithoutDocker()) {
            return ConditionEvaluationResult.enabled("No @DinD with disabledWithoutDocker here");
        }
        if (EngineAvailability.isAvailable(context)) {
            return ConditionEvaluationResult.enabled("A Docker engine is reachable");
        }
        return ConditionEvaluationResult.disabled(String.format(
                "No Docker engine is reachable, and disabledWithoutDocker (from %s) skips %s without one. Start"
                        + " Docker or set DOCKER_HOST to run it; see %s.",
                declaration.get().lifecycle().disabledWithoutDockerSource(), declaration.get().declaredOn(),
                EngineAvailability.HELP_URL));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Optional<Declaration> declaration = Declaration.nearest(context);
        if (declaration.isEmpty()) {
            throw noDeclaration(testClass);
        }
        DeclarationRules.checkClass(context);
        FieldInjection.check(testClass);
        Daemons.requireEngine(context, declaration.get());

        if (declaration.get().scope() == DaemonScope.PER_METHOD) {
            List<Field> staticFields = FieldInjection.staticFields(testClass);
            if (!staticFields.isEmpty()) {
                throw new ExtensionConfigurationException(String.format(
                        "Static @InjectDaemon field %s cannot hold the daemon of %s, which exists only while a"
                                + " test method runs: make the field an instance field, or set"
                                + " @DinD(scope = PER_CLASS).",
                        FieldInjection.describe(staticFields.get(0)), declaration.get().describe()));
            }
            return;
        }

        StartedDaemon daemon = daemons.require(context);
        FieldInjection.injectStatic(testClass, () -> daemon);
        if (context.getTestInstanceLifecycle().orElse(null) == TestInstance.Lifecycle.PER_CLASS) {
            context.getTestInstances().ifPresent(instances -> instances.getAllInstances()
                    .forEach(instance -> FieldInjection.injectInstance(instance, () -> daemon)));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        DeclarationRules.checkMethod(context);
        Optional<Declaration> declaration = Declaration.nearest(context);
        if (declaration.isEmpty()) {
            // Only an @InjectDaemon field registers the extension without a declaration. JUnit 5.10 registers
            // instance fields' extensions after the class has started, so beforeAll never ran for them.
            throw noDeclaration(context.getRequiredTestClass());
        }
        if (declaration.get().onMethod()) {
            FieldInjection.check(context.getRequiredTestClass());
            Daemons.requireEngine(context, declaration.get());
        }

        StartedDaemon daemon = daemons.require(context);
        context.getRequiredTestInstances().getAllInstances()
                .forEach(instance -> FieldInjection.injectInstance(instance, () -> daemon));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        // Other docker-java and dind-junit types are claimed too, so that asking for one fails with a message
        // that lists what is supported rather than JUnit's generic "no resolver" error.
        return type == DockerClient.class || type == DockerDaemon.class || isOwnOrDockerJavaType(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        String name = parameter.isNamePresent()
                ? "'" + parameter.getName() + "'"
                : "at index " + parameterContext.getIndex();
        if (parameter.getType() != DockerClient.class && parameter.getType() != DockerDaemon.class) {
            throw new ParameterResolutionException(String.format(
                    "@DinD cannot inject parameter %s of type %s into %s: the supported types are %s.",
                    name, parameter.getType().getName(), parameterContext.getDeclaringExecutable(),
                    SUPPORTED_TYPES));
        }

        StartedDaemon daemon;
        try {
            daemon = daemons.require(extensionContext);
        } catch (ExtensionConfigurationException e) {
            throw new ParameterResolutionException(String.format("Cannot inject parameter %s into %s: %s", name,
                    parameterContext.getDeclaringExecutable(), e.getMessage()), e);
        }
        return parameter.getType() == DockerDaemon.class ? daemon.handle() : daemon.client();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw reportFailure(context, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw reportFailure(context, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw reportFailure(context, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw reportFailure(context, throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw reportFailure(context, throwable);
    }

    private static ExtensionConfigurationException noDeclaration(Class<?> testClass) {
        return new ExtensionConfigurationException(String.format(
                "%s has @InjectDaemon fields but no @DinD applies to it: annotate the class with @DinD.",
                testClass.getName()));
    }

    /**
     * Returns the failure to report for a failed test or life-cycle method. If its daemon stopped, the failure
     * is wrapped in one that reports the stop and carries the daemon's log. Otherwise the daemon's state is published as
     * report entries, and the failure is returned as it is. Never starts a daemon.
     */
    private Throwable reportFailure(ExtensionContext context, Throwable failure) {
        Optional<StartedDaemon> daemon;
        try {
            daemon = daemons.find(context);
        } catch (RuntimeException e) {
            LOGGER.debug("Found no daemon to describe for {}", context.getUniqueId(), e);
            return failure;
        }
        if (daemon.isEmpty()) {
            return failure;
        }

        Throwable explained = DaemonStoppedCheck.explain(daemon.get().container(), failure);
        if (explained != failure) {
            return explained;
        }

        try {
            FailureDiagnostics.publish(context, daemon.get(), failure);
        } catch (RuntimeException e) {
            // The test's own failure matters more: keep it, and note why the diagnostics are missing.
            failure.addSuppressed(e);
            LOGGER.warn("Failed to describe DinD daemon {} after {} failed", daemon.get().handle(),
                    context.getUniqueId(), e);
        }
        return failure;
    }

    private static boolean isOwnOrDockerJavaType(Class<?> type) {
        String name = type.getName();
        return name.startsWith("com.github.dockerjava.") || name.startsWith("io.github.dindjunit.");
    }
}
