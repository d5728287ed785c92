package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes containers, volumes and networks that a crashed run of the library left on the engine.
 *
 * <p>A resource is a leftover when its labels show that its owner ran on this host and has ended, or, for an
 * owner on another host whose process cannot be checked, when it is older than the maximum age. A resource
 * whose owner runs on this host is never removed, however old. Resources without owner labels, such as those
 * of other tools, are never touched.
 *
 * <p>Normal exits need none of this: Testcontainers removes every container of its session when the JVM exits,
 * through Ryuk or, with Ryuk disabled, through a shutdown hook. This covers the JVMs that are killed.
 */
public final class LeftoverCleanup {

    /** The system property that sets the maximum age of resources of owners on other hosts: {@value}. */
    public static final String MAX_AGE_PROPERTY = "dind.cleanup.max-age";

    /** The environment variable that sets the maximum age when the system property does not: {@value}. */
    public static final String MAX_AGE_ENVIRONMENT_VARIABLE = "DIND_CLEANUP_MAX_AGE";

    /** The system property that turns the clean-up off when {@code false}: {@value}. */
    public static final String ENABLED_PROPERTY = "dind.cleanup.enabled";

    /** The environment variable that turns the clean-up off when {@code false}: {@value}. */
    public static final String ENABLED_ENVIRONMENT_VARIABLE = "DIND_CLEANUP_ENABLED";

    /**
     * The age at which a resource of an owner on another host counts as left over. It is longer than any
     * reasonable test class, because such an owner may still be running.
     */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(6);

    private static final Logger LOGGER = LoggerFactory.getLogger(LeftoverCleanup.class);

    private static final AtomicBoolean DONE_IN_THIS_JVM = new AtomicBoolean();

    private final DockerClient engine;
    private final Ownership self;
    private final Duration maxAge;

    /**
     * Creates a clean-up for one engine.
     *
     * @param engine the engine that runs the DinD containers
     * @param self the ownership of this process, to tell which host is this one
     * @param maxAge the maximum age of resources of owners on other hosts
     */
    public LeftoverCleanup(DockerClient engine, Ownership self, Duration maxAge) {
        this.engine = engine;
        this.self = self;
        this.maxAge = maxAge;
    }

    /**
     * Runs the clean-up the first time it is called in this JVM, with the settings from system properties and
     * environment variables, and does nothing afterwards. Failures are logged, not thrown: a failed clean-up
     * must not stop the daemon that the caller is about to start.
     *
     * @param engine the engine that runs the DinD containers
     */
    public static void runOncePerJvm(DockerClient engine) {
        if (!DONE_IN_THIS_JVM.compareAndSet(false, true)) {
            return;
        }
        try {
            Function<String, @Nullable String> property = System::getProperty;
            Optional<Duration> maxAge = maxAge(property, System.getenv());
            if (maxAge.isEmpty()) {
                LOGGER.debug("Clean-up of DinD leftovers is off");
                return;
            }
            new LeftoverCleanup(engine, Ownership.current(), maxAge.get()).run();
        } catch (RuntimeException e) {
            LOGGER.warn("Failed to remove DinD leftovers of earlier runs; continuing without", e);
        }
    }

    /**
     * Reads the maximum age from the given system properties and environment.
     *
     * @return the maximum age, or empty if the clean-up is turned off
     * @throws IllegalArgumentException if a value is invalid; the message names it and where it came from
     */
    public static Optional<Duration> maxAge(Function<String, @Nullable String> systemProperties,
            Map<String, String> environment) {
        String enabled = firstOf(systemProperties.apply(ENABLED_PROPERTY),
                environment.get(ENABLED_ENVIRONMENT_VARIABLE));
        if (enabled != null && enabled.strip().equalsIgnoreCase("false")) {
            return Optional.empty();
        }

        String fromProperty = systemProperties.apply(MAX_AGE_PROPERTY);
        String source = fromProperty != null ? "system property " + MAX_AGE_PROPERTY
                : "environment variable " + MAX_AGE_ENVIRONMENT_VARIABLE;
        String value = firstOf(fromProperty, environment.get(MAX_AGE_ENVIRONMENT_VARIABLE));
        if (value == null) {
            return Optional.of(DEFAULT_MAX_AGE);
        }
        try {
            return Optional.of(Durations.parse(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.format("Invalid DinD clean-up maximum age '%s' in %s: expected"
                    + " %s.", value, source, Durations.FORMAT), e);
        }
    }

    /**
     * Removes every leftover container with its anonymous volumes, then every leftover volume and network.
     *
     * @return how many resources were removed
     */
    public int run() {
        long startedAt = System.nanoTime();
        int removed = 0;

        List<Container> containers = engine.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(Ownership.PID))
                .exec();
        for (Container container : containers) {
            if (isLeftover(container.getLabels(), "container " + container.getId())
                    && quietly(() -> engine.removeContainerCmd(container.getId())
                            .withForce(true)
                            .withRemoveVolumes(true)
                            .exec())) {
                removed++;
            }
        }

        List<InspectVolumeResponse> volumes = engine.listVolumesCmd()
                .withFilter("label", List.of(Ownership.PID))
                .exec()
                .getVolumes();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            if (isLeftover(volume.getLabels(), "volume " + volume.getName())
                    && quietly(() -> engine.removeVolumeCmd(volume.getName()).exec())) {
                removed++;
            }
        }

        List<Network> networks = engine.listNetworksCmd()
                .withFilter("label", List.of(Ownership.PID))
                .exec();
        for (Network network : networks) {
            if (isLeftover(network.getLabels(), "network " + network.getId())
                    && quietly(() -> engine.removeNetworkCmd(network.getId()).exec())) {
                removed++;
            }
        }

        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        if (removed > 0) {
            LOGGER.info("Removed {} DinD leftovers of ended runs in {}", removed, Durations.format(took));
        } else {
            LOGGER.debug("Found no DinD leftovers of ended runs in {}", Durations.format(took));
        }
        return removed;
    }

    private boolean isLeftover(@Nullable Map<String, String> labels, String description) {
        Optional<Ownership> owner = Ownership.fromLabels(labels);
        if (owner.isEmpty() || owner.get().runId().equals(self.runId())) {
            return false;
        }
        if (owner.get().sameHostAs(self)) {
            boolean ended = owner.get().ownerEnded();
            if (ended) {
                LOGGER.debug("Removing {}: its owner, process {} on this host, has ended", description,
                        owner.get().pid());
            }
            return ended;
        }
        boolean tooOld = owner.get().createdAt().plus(maxAge).isBefore(Instant.now());
        if (tooOld) {
            LOGGER.debug("Removing {} of process {} on host {}: older than {}", description, owner.get().pid(),
                    owner.get().hostName(), Durations.format(maxAge));
        }
        return tooOld;
    }

    /**
     * Runs one removal and returns whether it removed something. Another JVM, Ryuk or Testcontainers' shutdown
     * hook may remove the same resource at the same time, and a volume may still be in use; neither is an error.
     */
    private static boolean quietly(Runnable removal) {
        try {
            removal.run();
            return true;
        } catch (NotFoundException | ConflictException e) {
            LOGGER.debug("Skipped a DinD leftover that is gone or in use: {}", e.getMessage());
            return false;
        }
    }

    private static @Nullable String firstOf(@Nullable String first, @Nullable String second) {
        return first != null ? first : second;
    }
}
