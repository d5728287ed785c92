package io.github.dindjunit.core;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.lifecycle.Startable;

/**
 * Makes ordinary Testcontainers containers run on the daemon inside a {@link DinDContainer}.
 *
 * <p>Testcontainers talks to one engine per JVM through {@code DockerClientFactory}. A container prepared here
 * uses the inner daemon's client instead and never pulls through the outer engine. Each of its exposed ports is
 * published on one of the daemon's inner ports. An inner port is a port of the DinD container that the outer
 * engine publishes, and an iptables rule inside the DinD container redirects it to the port number that the
 * outer engine chose for it. {@code getHost()} and {@code getMappedPort()} of the prepared container therefore
 * give an address that the test can reach, without any change to the container class.
 */
final class InnerContainers {

    /** The first port of the DinD container that carries an inner port; below Linux's ephemeral range. */
    static final int FIRST_INNER_PORT = 23760;

    /** The label that records which inner ports a container holds, as a comma-separated list of outer ports. */
    static final String PORTS_LABEL = "io.github.dindjunit.inner-ports";

    /** The label that ties an inner container to the Testcontainers object that created it. */
    static final String OWNER_LABEL = "io.github.dindjunit.inner-container";

    /** A prepared container and the label value of the inner containers it creates. */
    private record Owner(WeakReference<GenericContainer<?>> container, String token) {

        boolean stopped() {
            GenericContainer<?> current = container.get();
            return current == null || current.getContainerId() == null;
        }
    }

    /** A port handed out to a container that may not have been created yet. */
    private record Reservation(String owner, long madeAt) {
    }

    /**
     * How long a port handed out stays reserved while its container is being created, which takes milliseconds.
     * After a failed creation, the port is free again once this has passed.
     */
    private static final long RESERVATION_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final DinDContainer daemon;
    private final Map<Integer, Reservation> reservations = new HashMap<>();
    // Weak references by identity: GenericContainer's equals() compares settings, so two containers of the same
    // image and command are equal, and a container the test dropped without stop() counts as stopped.
    private final List<Owner> owners = new ArrayList<>();

    InnerContainers(DinDContainer daemon) {
        this.daemon = daemon;
    }

    /** Returns the iptables rules that send each inner port to the port number the outer engine chose for it. */
    static String redirectRules(Map<Integer, Integer> outerPortByContainerPort) {
        StringBuilder script = new StringBuilder("set -e");
        outerPortByContainerPort.forEach((containerPort, outerPort) -> script
                .append("; iptables -t nat -A PREROUTING -p tcp --dport ").append(containerPort)
                .append(" -j REDIRECT --to-ports ").append(outerPort));
        return script.toString();
    }

    <T extends GenericContainer<?>> T prepare(T container) {
        checkSupported(container);
        DockerClient inner = daemon.getClient();
        setDockerClient(container, inner);

        // The image must come from the inner daemon: Testcontainers would look for it on the outer engine.
        container.withImagePullPolicy(imageName -> false);
        String owner = UUID.randomUUID().toString();
        synchronized (this) {
            owners.add(new Owner(new WeakReference<>(container), owner));
        }
        // Testcontainers starts dependencies before it applies any setting, so this check runs before a feature
        // set after prepare() can reach the outer engine (host access, for example, starts an SSH container there).
        container.dependsOn(new Startable() {
            @Override
            public void start() {
                checkSupported(container);
            }

            @Override
            public void stop() {
            }
        });
        container.withCreateContainerCmdModifier(create -> {
            ensureImage(inner, create.getImage());
            create.getLabels().put(OWNER_LABEL, owner);
            publishOnInnerPorts(create, inner, owner);
        });
        return container;
    }

    private void checkSupported(GenericContainer<?> container) {
        String name = container.getDockerImageName();
        if (container.isHostAccessible()) {
            throw new UnsupportedOperationException(String.format(
                    "Container %s cannot reach the test's host ports (withAccessToHost or"
                            + " Testcontainers.exposeHostPorts) on the daemon inside DinD: Testcontainers forwards"
                            + " them through an SSH container on the outer engine, which the inner network does"
                            + " not reach. Run the service the container needs as an inner container instead.",
                    name));
        }
        if (container.getNetwork() != null) {
            throw new UnsupportedOperationException(String.format(
                    "Container %s cannot join a Testcontainers Network on the daemon inside DinD: Network creates"
                            + " its network on the outer engine. Create one on the inner daemon with"
                            + " daemon.getClient().createNetworkCmd().withName(\"app\").exec() and use"
                            + " withNetworkMode(\"app\") and withNetworkAliases(...).",
                    name));
        }
        if (!container.getBinds().isEmpty()) {
            throw new UnsupportedOperationException(String.format(
                    "Container %s has bind mounts %s, which the daemon inside DinD would resolve in the DinD"
                            + " container's file system, not on this host. Use withCopyFileToContainer(...)"
                            + " instead of withFileSystemBind(...) or withClasspathResourceMapping(...).",
                    name, container.getBinds()));
        }
        if (container.isShouldBeReused()) {
            throw new UnsupportedOperationException(String.format(
                    "Container %s cannot be reused on the daemon inside DinD: the daemon is removed with its"
                            + " test scope. Remove withReuse(true).", name));
        }
        if (!container.getPortBindings().isEmpty()) {
            throw new UnsupportedOperationException(String.format(
                    "Container %s has fixed host ports %s, which would be ports of the DinD container that the"
                            + " test cannot reach. Expose the ports with withExposedPorts(...) and read them with"
                            + " getMappedPort(...).", name, container.getPortBindings()));
        }
    }

    private static void setDockerClient(GenericContainer<?> container, DockerClient client) {
        try {
            Field field = GenericContainer.class.getDeclaredField("dockerClient");
            field.setAccessible(true);
            field.set(container, forTestcontainers(client));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Failed to point " + container.getClass().getName() + " at the daemon"
                    + " inside DinD: this Testcontainers version has no GenericContainer.dockerClient field that"
                    + " can be set", e);
        }
    }

    /**
     * Wraps the daemon's client for a Testcontainers container. {@code GenericContainer.start()} calls
     * {@code authConfig()}, which docker-java's client only returns when a registry user is configured, and a
     * container must not close the client that the daemon owns.
     */
    private static DockerClient forTestcontainers(DockerClient client) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            switch (method.getName()) {
                case "authConfig":
                    return new AuthConfig();
                case "close":
                    return null;
                default:
                    try {
                        return method.invoke(client, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        };
        return (DockerClient) Proxy.newProxyInstance(DockerClient.class.getClassLoader(),
                new Class<?>[] {DockerClient.class}, handler);
    }

    private void ensureImage(DockerClient inner, String image) {
        try {
            inner.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException(String.format(
                    "Image %s is not in the daemon inside DinD %s, and Testcontainers would pull it through the"
                            + " outer engine. Preload it from the outer engine with @DinD(preload = \"%s\") or"
                            + " DinDContainer.withPreloadedImages(\"%s\"), or pull it with"
                            + " daemon.getClient().pullImageCmd(\"%s\").",
                    image, daemon.getDockerImageName(), image, image, image), e);
        }
    }

    private void publishOnInnerPorts(CreateContainerCmd create, DockerClient inner, String owner) {
        ExposedPort[] exposed = create.getExposedPorts();
        if (exposed == null || exposed.length == 0) {
            return;
        }
        List<Integer> ports = allocate(exposed.length, inner, create.getImage(), owner);

        Ports bindings = new Ports();
        for (int i = 0; i < exposed.length; i++) {
            bindings.bind(exposed[i], Ports.Binding.bindPort(ports.get(i)));
        }
        HostConfig hostConfig = create.getHostConfig() == null ? HostConfig.newHostConfig() : create.getHostConfig();
        create.withHostConfig(hostConfig.withPortBindings(bindings));
        create.getLabels().put(PORTS_LABEL, String.join(",", ports.stream().map(String::valueOf).toList()));
    }

    /**
     * Removes the inner containers of prepared containers that were stopped. Their {@code stop()} goes through
     * Testcontainers' engine-wide reaper, which looks for them on the outer engine and so leaves them running.
     */
    private void removeStopped(DockerClient inner) {
        Set<String> removedOwners = new HashSet<>();
        for (Owner entry : owners) {
            if (!entry.stopped()) {
                continue;
            }
            for (Container stopped : inner.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(OWNER_LABEL, entry.token())).exec()) {
                removedOwners.add(entry.token());
                try {
                    inner.removeContainerCmd(stopped.getId()).withForce(true).withRemoveVolumes(true).exec();
                } catch (NotFoundException e) {
                    // Removed in between, which is what this wants.
                }
            }
        }
        owners.removeIf(entry -> entry.container().get() == null);
        reservations.values().removeIf(reservation -> removedOwners.contains(reservation.owner()));
    }

    private synchronized List<Integer> allocate(int count, DockerClient inner, String image, String owner) {
        removeStopped(inner);
        List<Integer> pool = daemon.innerPortsOnOuterEngine();
        Set<Integer> used = new LinkedHashSet<>();
        Set<String> createdOwners = new HashSet<>();
        for (Container container : inner.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(PORTS_LABEL)).exec()) {
            createdOwners.add(container.getLabels().get(OWNER_LABEL));
            if (!"exited".equals(container.getState()) && !"dead".equals(container.getState())) {
                for (String port : container.getLabels().get(PORTS_LABEL).split(",")) {
                    used.add(Integer.valueOf(port));
                }
            }
        }
        // Once a container exists, its labels account for its ports; a reservation only covers the time before.
        long now = System.nanoTime();
        reservations.values().removeIf(reservation -> createdOwners.contains(reservation.owner())
                || now - reservation.madeAt() > RESERVATION_NANOS);
        used.addAll(reservations.keySet());

        List<Integer> free = new ArrayList<>(pool);
        free.removeAll(used);
        if (free.size() < count) {
            throw new IllegalStateException(String.format(
                    "Container %s exposes %d ports, but only %d of the %d inner ports of DinD %s are free. Raise"
                            + " them with @DinD(innerPorts = ...) or DaemonOptions.withInnerPorts(...), or stop"
                            + " inner containers that are no longer needed.",
                    image, count, free.size(), pool.size(), daemon.getDockerImageName()));
        }
        List<Integer> chosen = free.subList(0, count);
        chosen.forEach(port -> reservations.put(port, new Reservation(owner, now)));
        return new ArrayList<>(chosen);
    }
}
