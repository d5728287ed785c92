package io.github.dindjunit.jupiter;

import io.github.dindjunit.core.DaemonStartupException;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Finds the daemon that serves a test or class, and starts it when it does not exist yet. Where it lives
 * depends on the scope of the nearest {@link Declaration}: in the store of the declaring class
 * ({@link DaemonScope#PER_CLASS}), of the running test method ({@link DaemonScope#PER_METHOD}), or in the run's
 * {@link SharedDaemons}, with a lease in the store of the declaring class ({@link DaemonScope#SHARED}).
 */
final class Daemons {

    /**
     * The key of the {@link DaemonSlots.Reserve} of a context whose scope has a daemon. Child contexts find the
     * nearest one through the store's parents.
     */
    private static final String RESERVE = "daemon-slot-reserve";

    private final Map<String, String> environment;

    Daemons(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Returns the daemon that serves the context, starting it if needed.
     *
     * @throws ExtensionConfigurationException if no {@code @DinD} applies, or the daemon is per method and the
     *     context is not a test method's
     * @throws DaemonStartupException if the daemon fails to start or no Docker engine is reachable
     */
    StartedDaemon require(ExtensionContext context) {
        Declaration declaration = Declaration.nearest(context).orElseThrow(() -> new ExtensionConfigurationException(
                "No @DinD applies to " + describe(context) + ": annotate the test class or method with @DinD."));

        switch (declaration.scope()) {
            case PER_METHOD:
                ExtensionContext methodContext = methodContext(context, declaration);
                return methodContext.getStore(DinDExtension.NAMESPACE).getOrComputeIfAbsent(
                        new Key("method", methodContext.getUniqueId()),
                        key -> start(declaration, methodContext), StartedDaemon.class);
            case SHARED:
                ExtensionContext leaseContext = declaration.context();
                return leaseContext.getStore(DinDExtension.NAMESPACE).getOrComputeIfAbsent(
                        new Key("lease", leaseContext.getUniqueId()),
                        key -> lease(declaration, leaseContext), SharedDaemon.Lease.class).daemon();
            default:
                ExtensionContext classContext = declaration.context();
                return classContext.getStore(DinDExtension.NAMESPACE).getOrComputeIfAbsent(
                        new Key("class", classContext.getUniqueId()),
                        key -> start(declaration, classContext), StartedDaemon.class);
        }
    }

    /**
     * Returns the daemon that serves the context if it is running, without starting one. Used to describe a
     * daemon after a failure.
     */
    Optional<StartedDaemon> find(ExtensionContext context) {
        Optional<Declaration> found = Declaration.nearest(context);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Declaration declaration = found.get();
        switch (declaration.scope()) {
            case PER_METHOD:
                if (context.getTestMethod().isEmpty()) {
                    return Optional.empty();
                }
                return Optional.ofNullable(context.getStore(DinDExtension.NAMESPACE).get(
                        new Key("method", context.getUniqueId()), StartedDaemon.class));
            case SHARED:
                return Optional.ofNullable(declaration.context().getStore(DinDExtension.NAMESPACE).get(
                        new Key("lease", declaration.context().getUniqueId()), SharedDaemon.Lease.class))
                        .map(SharedDaemon.Lease::daemon);
            default:
                return Optional.ofNullable(declaration.context().getStore(DinDExtension.NAMESPACE).get(
                        new Key("class", declaration.context().getUniqueId()), StartedDaemon.class));
        }
    }

    private StartedDaemon start(Declaration declaration, ExtensionContext owner) {
        requireEngine(owner, declaration);
        DaemonSettings settings = settings(declaration);

        DaemonSlots.Slot slot = slots(owner).acquire(enclosingReserve(owner), declaration.describe());
        StartedDaemon daemon = StartedDaemon.start(settings, slot::release);
        owner.getStore(DinDExtension.NAMESPACE).put(RESERVE, new DaemonSlots.Reserve());
        return daemon;
    }

    private SharedDaemon.Lease lease(Declaration declaration, ExtensionContext owner) {
        requireEngine(owner, declaration);
        DaemonSettings settings = settings(declaration);

        SharedDaemons shared = owner.getRoot().getStore(DinDExtension.NAMESPACE).getOrComputeIfAbsent(
                SharedDaemons.class, key -> new SharedDaemons(slots(owner)), SharedDaemons.class);
        SharedDaemon.Lease lease = shared.forSettings(settings)
                .lease(enclosingReserve(owner), declaration.declaredOn());
        owner.getStore(DinDExtension.NAMESPACE).put(RESERVE, new DaemonSlots.Reserve());
        return lease;
    }

    private DaemonSettings settings(Declaration declaration) {
        ExtensionContext context = declaration.context();
        return DaemonSettings.resolve(declaration.annotation(), declaration.declaredOn(),
                context::getConfigurationParameter, environment);
    }

    /**
     * Fails unless a Docker engine is reachable; {@code @DinD(disabledWithoutDocker = true)} has skipped the
     * test before this point.
     *
     * @throws DaemonStartupException if no engine is reachable
     */
    static void requireEngine(ExtensionContext context, Declaration declaration) {
        if (EngineAvailability.isAvailable(context)) {
            return;
        }
        throw new DaemonStartupException(String.format(
                "No Docker engine is reachable, so %s cannot start a daemon. Start Docker, or set DOCKER_HOST to"
                        + " the address of a running engine; %s lists the engines that Testcontainers finds. To"
                        + " skip these tests instead of failing them, set @DinD(disabledWithoutDocker = true) or"
                        + " the configuration parameter %s=true.",
                declaration.describe(), EngineAvailability.HELP_URL, DinD.DISABLED_WITHOUT_DOCKER_PROPERTY), null);
    }

    static DaemonSlots slots(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(DinDExtension.NAMESPACE).getOrComputeIfAbsent(DaemonSlots.class,
                key -> DaemonSlots.fromConfiguration(root::getConfigurationParameter), DaemonSlots.class);
    }

    private static ExtensionContext methodContext(ExtensionContext context, Declaration declaration) {
        if (context.getTestMethod().isPresent()) {
            return context;
        }
        throw new ExtensionConfigurationException(String.format(
                "The daemon of %s exists only while a test method runs, so %s cannot use it. Use it in a test"
                        + " method, a @BeforeEach or @AfterEach method or an @InjectDaemon instance field, or"
                        + " set @DinD(scope = PER_CLASS).", declaration.describe(), describe(context)));
    }

    private static DaemonSlots.@Nullable Reserve enclosingReserve(ExtensionContext owner) {
        return owner.getParent()
                .map(parent -> parent.getStore(DinDExtension.NAMESPACE).get(RESERVE, DaemonSlots.Reserve.class))
                .orElse(null);
    }

    private static String describe(ExtensionContext context) {
        return context.getElement().map(Declaration::describe).orElse(context.getUniqueId());
    }

    /**
     * A store key that is unique to one context. The store looks up keys in parent contexts too, so a key
     * without the context's ID would make a nested class find its enclosing class's daemon.
     */
    private record Key(String kind, String uniqueId) {
    }
}
