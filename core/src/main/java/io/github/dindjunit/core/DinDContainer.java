package io.github.dindjunit.core;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.api.model.ContainerConfig;
import io.github.dindjunit.core.internal.AuthenticatedPingWaitStrategy;
import io.github.dindjunit.core.internal.BorrowedClients;
import io.github.dindjunit.core.internal.DaemonVariant;
import io.github.dindjunit.core.internal.DockerReferences;
import io.github.dindjunit.core.internal.Durations;
import io.github.dindjunit.core.internal.ImagePull;
import io.github.dindjunit.core.internal.ImagePreloader;
import io.github.dindjunit.core.internal.InnerDaemonClients;
import io.github.dindjunit.core.internal.LeftoverCleanup;
import io.github.dindjunit.core.internal.Ownership;
import io.github.dindjunit.core.internal.PublishAddress;
import io.github.dindjunit.core.internal.ReservedSettings;
import io.github.dindjunit.core.internal.StartupFailures;
import io.github.dindjunit.core.internal.ReadyWithoutWaiting;
import io.github.dindjunit.core.internal.TlsMaterial;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * A Testcontainers container that runs a Docker daemon inside a privileged container, following the contract
 * of the official {@code docker:<version>-dind} images, and that accepts only mutual TLS.
 *
 * <p>On {@link #start()} it:
 * <ol>
 *   <li>creates a fresh certificate authority in the JVM, a server certificate for every name a client may dial
 *       (the host that Testcontainers reports for mapped ports, {@code localhost}, {@code 127.0.0.1},
 *       {@code ::1} and {@code docker}) and a client certificate, all EC P-256, while the container is being
 *       created;</li>
 *   <li>copies the server files to {@code /certs/server/{ca,cert,key}.pem} before the container starts. Because
 *       {@code /certs/ca/key.pem} does not exist, the image's entrypoint uses them instead of generating its
 *       own. The authority's private key never leaves the JVM;</li>
 *   <li>waits until the daemon responds to a ping over mutual TLS on port {@value #DOCKER_TLS_PORT}, within the
 *       start-up timeout ({@link #DEFAULT_STARTUP_TIMEOUT} unless set with {@link #withStartupTimeout});</li>
 *   <li>offers a docker-java client for the daemon through {@link #getClient()}.</li>
 * </ol>
 *
 * <p>{@code /var/lib/docker} is an anonymous volume, removed together with the container by {@link #stop()}.
 * The client is closed before the container is removed.
 *
 * <p>{@link #withRootless()} selects the rootless variant, the contract of the official
 * {@code docker:<version>-dind-rootless} images: dockerd runs as the image's unprivileged user under
 * rootlesskit, still in a privileged container, and keeps its data in the volume
 * {@code /home/rootless/.local/share/docker}. Everything else works as for the default variant.
 *
 * <p>The container and its volume carry labels that name this JVM's process and host. Before the first daemon
 * of a JVM starts, containers and volumes of ended processes on this host, and those of other hosts older than
 * {@code dind.cleanup.max-age} (six hours by default), are removed, so a killed JVM leaks nothing for long.
 *
 * <p>When the engine is reached through a local socket, port {@value #DOCKER_TLS_PORT} is published only on the
 * address the client dials, not on every interface. Environment settings that would undo TLS
 * ({@code DOCKER_TLS_CERTDIR}, {@code DOCKER_HOST}) and {@code withPrivilegedMode(false)} are rejected by
 * {@link #start()}. An image missing from the engine is pulled once, without retries.
 *
 * <p>The client is built from the endpoint and the TLS material alone. {@code DOCKER_HOST},
 * {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH} and docker-java's property files describe the engine that
 * runs this container, so they never reach the inner client.
 *
 * <pre>{@code
 * try (DinDContainer daemon = new DinDContainer()) {
 *     daemon.start();
 *     String version = daemon.getClient().versionCmd().exec().getVersion();
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public class DinDContainer extends GenericContainer<DinDContainer> {

    /**
     * The image used when none is given: a pinned official tag of the current Docker major version. It is the
     * only place where the default is defined.
     */
    public static final String DEFAULT_IMAGE = "docker:29.7.2-dind";

    /**
     * The image of the rootless variant used when none is given: the rootless tag of {@link #DEFAULT_IMAGE}'s
     * version. It is the only place where this default is defined.
     */
    public static final String DEFAULT_ROOTLESS_IMAGE = "docker:29.7.2-dind-rootless";

    /** The port on which the daemon serves its API with TLS, inside the container. */
    public static final int DOCKER_TLS_PORT = 2376;

    /** The start-up timeout that applies unless {@link #withStartupTimeout} sets another. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The maximum start-up timeout. A daemon that needs longer is broken, and longer durations overflow
     * the nanosecond arithmetic of the readiness polling.
     */
    public static final Duration MAX_STARTUP_TIMEOUT = Duration.ofHours(1);

    /** The label that marks every container this library creates; its value is {@code true}. */
    public static final String LABEL = "io.github.dindjunit";

    private static final Logger LOGGER = LoggerFactory.getLogger(DinDContainer.class);

    /** How much of an underlying failure's message to repeat; some embed whole inspection results. */
    private static final int MAX_CAUSE_LENGTH = 400;

    private @Nullable CompletableFuture<TlsMaterial> pendingTlsMaterial;
    private @Nullable CompletableFuture<SSLContext> pendingClientSslContext;
    private @Nullable DockerClient client;
    private @Nullable DockerClient borrowedClient;
    private @Nullable URI endpoint;
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private boolean ready;
    private @Nullable DaemonStartupException exitBeforeReady;
    private @Nullable String foreignStartCommand;
    private DaemonVariant variant = DaemonVariant.ROOTFUL;
    private @Nullable String daemonSocketPath;
    private @Nullable String publishAddress;
    private final DockerImageName requestedImage;
    private DaemonOptions daemonOptions = DaemonOptions.defaults();
    private final InnerContainers innerContainers = new InnerContainers(this);

    /** Creates a container of {@link #DEFAULT_IMAGE}. */
    public DinDContainer() {
        this(DEFAULT_IMAGE);
    }

    /**
     * Creates a container of the given image.
     *
     * @param image an image that follows the {@code docker:dind} contract, such as {@code docker:29.7.2-dind}
     * @throws IllegalArgumentException if the reference does not follow Docker's reference grammar
     */
    public DinDContainer(String image) {
        this(checkedImageName(image));
    }

    /** Parses a reference, failing on what {@link DockerImageName#parse} would silently drop, such as "x:1:2". */
    private static DockerImageName checkedImageName(String image) {
        String problem = DockerReferences.imageReferenceProblem(image);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid DinD image '" + image + "': " + problem + ". Expected "
                    + DockerReferences.IMAGE_REFERENCE_FORM);
        }
        return DockerImageName.parse(image);
    }

    /**
     * Creates a container of the given image.
     *
     * @param image an image that follows the {@code docker:dind} contract
     */
    public DinDContainer(DockerImageName image) {
        super(image);
        requestedImage = image;
        withPrivilegedMode(true);
        withEnv("DOCKER_TLS_CERTDIR", "/certs");
        withExposedPorts(DOCKER_TLS_PORT);
        withLabel(LABEL, "true");
        Map<String, String> ownerLabels = Ownership.current().labels();
        withLabels(ownerLabels);
        withCreateContainerCmdModifier(create -> addDataVolume(create, ownerLabels));
        withCreateContainerCmdModifier(this::publishOnDialedAddress);
        withCreateContainerCmdModifier(this::applyDaemonOptions);
        withStartupCheckStrategy(new ReadyWithoutWaiting());
        waitingFor(new AuthenticatedPingWaitStrategy(this::getClient, this::getDockerImageName));
        withStartupTimeout(DEFAULT_STARTUP_TIMEOUT);
    }

    /**
     * Sets how long {@link #start()} waits for the daemon to respond to an authenticated ping.
     *
     * @param startupTimeout a positive duration
     * @return this container
     */
    @Override
    public DinDContainer withStartupTimeout(Duration startupTimeout) {
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid start-up timeout " + startupTimeout + ": it must be positive");
        }
        if (startupTimeout.compareTo(MAX_STARTUP_TIMEOUT) > 0) {
            throw new IllegalArgumentException("Invalid start-up timeout " + startupTimeout + ": it must be at most "
                    + MAX_STARTUP_TIMEOUT);
        }
        this.startupTimeout = startupTimeout;
        return super.withStartupTimeout(startupTimeout);
    }

    /**
     * Selects the rootless variant: the image must follow the {@code docker:<version>-dind-rootless} contract,
     * such as {@link #DEFAULT_ROOTLESS_IMAGE}. The container stays privileged, because rootlesskit needs that
     * to create namespaces. The server key is given to the image's user, whose uid and gid come from the
     * image's own {@code /etc/passwd} and {@code /etc/group}.
     *
     * <pre>{@code
     * try (DinDContainer daemon = new DinDContainer(DinDContainer.DEFAULT_ROOTLESS_IMAGE).withRootless()) {
     *     daemon.start();
     * }
     * }</pre>
     *
     * @return this container
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public DinDContainer withRootless() {
        variant = DaemonVariant.ROOTLESS;
        return self();
    }

    /** Returns whether {@link #withRootless()} selected the rootless variant. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public boolean isRootless() {
        return variant == DaemonVariant.ROOTLESS;
    }

    /**
     * Returns the path of the daemon's Unix socket inside the container, for tools run with
     * {@code execInContainer}: {@code /var/run/docker.sock}, or for the rootless variant
     * {@code $XDG_RUNTIME_DIR/docker.sock}, which is {@code /run/user/<uid>/docker.sock} for the uid of the
     * image's user unless the image sets {@code XDG_RUNTIME_DIR}.
     *
     * @throws IllegalStateException if the container is not running
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public String getDaemonSocketPath() {
        String current = daemonSocketPath;
        if (current == null) {
            throw new IllegalStateException("DinD container from image " + getDockerImageName()
                    + " has no daemon socket because it is not running: call start() first");
        }
        return current;
    }

    /**
     * Sets the options of the inner daemon, replacing earlier ones. They take effect at the next
     * {@link #start()}.
     *
     * @param options the options, validated when they were built
     * @return this container
     */
    public DinDContainer withDaemonOptions(DaemonOptions options) {
        this.daemonOptions = java.util.Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * Copies images from the engine that runs this container into the inner daemon before {@link #start()}
     * returns; short for {@code withDaemonOptions(getDaemonOptions().withPreloadedImages(images))}.
     *
     * @param images image references present on the outer engine, such as {@code busybox:1.37}
     * @return this container
     * @see DaemonOptions#withPreloadedImages(String...)
     */
    public DinDContainer withPreloadedImages(String... images) {
        return withDaemonOptions(daemonOptions.withPreloadedImages(images));
    }

    /** Returns the options of the inner daemon. */
    public DaemonOptions getDaemonOptions() {
        return daemonOptions;
    }

    /**
     * Starts the container and waits until its daemon responds over mutual TLS.
     *
     * @throws DaemonStartupException if the daemon is not ready within the start-up timeout, or the container
     *     cannot be created or exits early; the container is removed before this is thrown
     * @throws IllegalArgumentException if the container's environment sets {@code DOCKER_TLS_CERTDIR} to another
     *     value or sets {@code DOCKER_HOST}, privileged mode is off, or the rootless variant is combined with
     *     {@link DaemonOptions.DataDirectory#TMPFS}; nothing has been created then
     */
    @Override
    public void start() {
        long startedAt = System.nanoTime();
        ready = false;
        exitBeforeReady = null;
        foreignStartCommand = null;
        // getDockerImageName() would make Testcontainers resolve, and maybe pull, the image: name it directly.
        String image = requestedImage.asCanonicalNameString();
        ReservedSettings.check(image, getEnvMap(), isPrivilegedMode());
        ReservedSettings.checkDataDirectory(image, variant == DaemonVariant.ROOTLESS, daemonOptions.dataDirectory());
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw StartupFailures.engineUnreachable(image, null);
        }
        LeftoverCleanup.runOncePerJvm(DockerClientFactory.instance().client());
        ImagePull.ensurePresent(DockerClientFactory.instance().client(),
                ImageNameSubstitutor.instance().apply(requestedImage),
                Duration.ofSeconds(TestcontainersConfiguration.getInstance().getImagePullTimeout()));

        try {
            super.start();
        } catch (RuntimeException e) {
            stop();
            throw asStartupException(e);
        }
        redirectInnerPorts();
        preloadImages();
        ready = true;
        LOGGER.info("DinD {} ready in {} at {}", getDockerImageName(),
                Durations.format(Duration.ofNanos(System.nanoTime() - startedAt)), endpoint);
    }

    /**
     * Returns the client for this daemon. The container owns it and closes it in {@link #stop()}, so its
     * {@code close()} throws an {@code UnsupportedOperationException}. For a client that you close yourself,
     * build one from {@link DockerDaemon#exportEnvironment}.
     *
     * @throws IllegalStateException if the container is not running
     */
    public DockerClient getClient() {
        DockerClient current = borrowedClient;
        if (current == null) {
            throw new IllegalStateException("DinD container from image " + getDockerImageName()
                    + " has no client because it is not running: call start() first");
        }
        return current;
    }

    /**
     * Returns the daemon's address as seen from this JVM, such as {@code tcp://localhost:32768}.
     *
     * @throws IllegalStateException if the container is not running
     */
    public URI getDockerHostUri() {
        URI current = endpoint;
        if (current == null) {
            throw new IllegalStateException("DinD container from image " + getDockerImageName()
                    + " has no endpoint because it is not running: call start() first");
        }
        return current;
    }

    /**
     * Runs the Docker CLI inside this container against its own daemon, as {@code docker exec <container> docker
     * ...} would. The CLI talks to the daemon over {@code /var/run/docker.sock} inside the container, so it needs
     * no certificates, and reads registry credentials from {@code /root/.docker/config.json}.
     *
     * @param arguments the CLI's arguments, such as {@code "images", "--format", "{{.Repository}}"}
     * @return the exit code, standard output and standard error
     * @throws IllegalStateException if the container is not running
     */
    public ExecResult execDocker(String... arguments) throws IOException, InterruptedException {
        getClient();
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(Arrays.asList(arguments));
        return execInContainer(command.toArray(String[]::new));
    }

    /**
     * Copies this daemon's client certificate, key and CA certificate into another container, as
     * {@code ca.pem}, {@code cert.pem} and {@code key.pem} in the given directory: the layout that the Docker
     * CLI expects in {@code DOCKER_CERT_PATH}. Call it after this container started and before the other one
     * starts. With {@code DOCKER_HOST=tcp://docker:2376} and {@code DOCKER_TLS_VERIFY=1}, a client on the same
     * network then verifies the daemon by the alias {@code docker}.
     *
     * @param client the container that will talk to this daemon
     * @param directory an absolute directory in that container, such as {@code /certs/client}
     * @throws IllegalStateException if this container is not running
     */
    public void copyClientCertificatesTo(GenericContainer<?> client, String directory) {
        String base = directory.endsWith("/") ? directory : directory + "/";
        clientCertificateFiles().forEach((name, content) -> client.withCopyToContainer(
                Transferable.of(content, name.equals("key.pem") ? 0600 : 0644), base + name));
    }

    /** Returns {@code ca.pem}, {@code cert.pem} and {@code key.pem} of the client, in PEM encoding. */
    Map<String, byte[]> clientCertificateFiles() {
        getClient();
        TlsMaterial material = tlsMaterial();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("ca.pem", material.caCertificatePem());
        files.put("cert.pem", material.client().certificatePem());
        files.put("key.pem", material.client().privateKeyPem());
        return files;
    }

    /**
     * Prepares an ordinary Testcontainers container to run on this daemon instead of the outer engine, isolated
     * from it. Call it after this container started and before the other one starts; then start, use and stop
     * that container as usual. Its {@code getHost()} and {@code getMappedPort()} give an address the test can
     * reach, through the inner ports that {@link DaemonOptions#withInnerPorts(int)} reserves.
     *
     * <p>Its image must be in this daemon (see {@link #withPreloadedImages}), because Testcontainers would pull
     * it through the outer engine. Features that need the outer engine are rejected with an
     * {@code UnsupportedOperationException} that gives the reason: access to the test's host ports, Testcontainers
     * {@code Network}s, bind mounts, reuse and fixed host ports.
     *
     * @param container a container that has not started
     * @param <T> its type
     * @return the same container
     * @throws IllegalStateException if this container is not running
     * @throws UnsupportedOperationException if the container uses a feature that cannot work on this daemon
     */
    public <T extends GenericContainer<?>> T prepareInnerContainer(T container) {
        getClient();
        return innerContainers.prepare(container);
    }

    /** Returns the outer engine's port of each inner port, in order. */
    List<Integer> innerPortsOnOuterEngine() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < daemonOptions.innerPorts(); i++) {
            ports.add(getMappedPort(InnerContainers.FIRST_INNER_PORT + i));
        }
        return ports;
    }

    /** Returns the start-up timeout in force. */
    public Duration getStartupTimeout() {
        return startupTimeout;
    }

    @Override
    protected void configure() {
        super.configure();
        DaemonOptionsSupport.configure(this, daemonOptions);

        // Generate the keys and the client's SSL context while Docker creates the container: each takes
        // tens of milliseconds, which would otherwise add to every start.
        String host = getHost();
        List<String> serverNames = serverNames(host, getNetwork() == null ? List.of() : getNetworkAliases());
        publishAddress = PublishAddress.choose(
                DockerClientFactory.instance().getTransportConfig().getDockerHost(), host).orElse(null);
        pendingTlsMaterial = CompletableFuture.supplyAsync(() -> TlsMaterial.generate(serverNames));
        pendingClientSslContext = pendingTlsMaterial.thenApply(TlsMaterial::clientSslContext);
    }

    @Override
    protected void containerIsCreated(String containerId) {
        super.containerIsCreated(containerId);

        String suggestedImage = isRootless() ? DEFAULT_ROOTLESS_IMAGE : DEFAULT_IMAGE;
        DaemonVariant.InnerDaemon daemon =
                variant.inspect(getDockerClient(), containerId, getDockerImageName(), suggestedImage);
        daemonSocketPath = daemon.socketPath();

        byte[] archive = tlsMaterial().serverFilesArchive(daemon.user().uid(), daemon.user().gid());
        try (ByteArrayInputStream input = new ByteArrayInputStream(archive)) {
            getDockerClient().copyArchiveToContainerCmd(containerId)
                    .withRemotePath("/")
                    .withTarInputStream(input)
                    .exec();
        } catch (IOException e) {
            throw new IllegalStateException("Failed to close an in-memory stream", e);
        }

        byte[] dockerConfig = daemonOptions.dockerConfigJson();
        if (dockerConfig.length > 0) {
            copyFileToContainer(Transferable.of(dockerConfig, 0600), "/root/.docker/config.json");
        }
    }

    @Override
    protected void containerIsStarting(InspectContainerResponse containerInfo) {
        super.containerIsStarting(containerInfo);

        URI address = URI.create("tcp://" + hostForUri(getHost()) + ":" + getMappedPort(DOCKER_TLS_PORT));
        DockerClient owned = InnerDaemonClients.create(address, await(pendingClientSslContext),
                DaemonOptionsSupport.authConfigs(daemonOptions));
        client = owned;
        borrowedClient = BorrowedClients.of(owned, getDockerImageName() + " at " + address);
        endpoint = address;
    }

    @Override
    protected void containerIsStopping(InspectContainerResponse containerInfo) {
        closeClient();
        if (!ready) {
            exitBeforeReady = describeExit();
        }
        super.containerIsStopping(containerInfo);
    }

    @Override
    public void stop() {
        long stoppingAt = System.nanoTime();
        boolean created = getContainerId() != null;

        closeClient();
        super.stop();

        endpoint = null;
        daemonSocketPath = null;
        pendingTlsMaterial = null;
        pendingClientSslContext = null;
        if (created) {
            LOGGER.info("DinD {} stopped and removed in {}", getDockerImageName(),
                    Durations.format(Duration.ofNanos(System.nanoTime() - stoppingAt)));
        }
    }

    /**
     * Returns this daemon's certificates and keys. {@link DockerDaemon} exports the client's files from them,
     * and tests use them to prove what the daemon accepts.
     */
    TlsMaterial tlsMaterial() {
        return await(pendingTlsMaterial);
    }

    private static <T> T await(@Nullable CompletableFuture<T> pending) {
        if (pending == null) {
            throw new IllegalStateException("TLS material is made in configure(), which has not run");
        }
        try {
            return pending.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("Failed to generate TLS material for the DinD daemon", e.getCause());
        }
    }

    private void closeClient() {
        DockerClient current = client;
        client = null;
        borrowedClient = null;
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (IOException e) {
            LOGGER.warn("Failed to close the client of DinD {} at {}", getDockerImageName(), endpoint, e);
        }
    }

    private RuntimeException asStartupException(RuntimeException failure) {
        RuntimeException described = describeFailure(failure);

        // An image that never starts dockerd fails with the output of its own command, or of the MTU wrapper
        // around it, and neither names the cause. The check is made only after a failure, so that an
        // image that starts dockerd through a script of another name still works.
        String startCommand = foreignStartCommand;
        if (startCommand == null || StartupFailures.privilegedRefused(getDockerImageName(), failure) != null) {
            return described;
        }
        return StartupFailures.notDinDImage(getDockerImageName(), startCommand,
                isRootless() ? DEFAULT_ROOTLESS_IMAGE : DEFAULT_IMAGE, described);
    }

    private RuntimeException describeFailure(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DaemonStartupException startupException) {
                return startupException;
            }
        }
        // The engine's refusal of a privileged container is the more precise reason: such a container never ran,
        // although it shows an exit code.
        DaemonStartupException refused = StartupFailures.privilegedRefused(getDockerImageName(), failure);
        if (refused != null) {
            return refused;
        }
        if (exitBeforeReady != null) {
            exitBeforeReady.addSuppressed(failure);
            return exitBeforeReady;
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new DaemonStartupException(String.format(
                "Failed to start a DinD container from image %s: %s. Check that the image exists on the Docker"
                        + " engine or can be pulled, and that the engine allows privileged containers.",
                getDockerImageName(), abbreviate(String.valueOf(root.getMessage()))), failure);
    }

    /**
     * Describes how a container that never became ready ended, while it still exists to be inspected; returns
     * {@code null} if it is still running.
     */
    private @Nullable DaemonStartupException describeExit() {
        try {
            InspectContainerResponse.ContainerState state = getCurrentContainerInfo().getState();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return null;
            }
            return StartupFailures.exitedBeforeReady(getDockerImageName(), state.getExitCodeLong(), getLogs(), null);
        } catch (RuntimeException e) {
            LOGGER.debug("Failed to inspect DinD container {} that did not become ready", getContainerId(), e);
            return null;
        }
    }

    /**
     * Mounts an anonymous volume at the variant's data directory that carries the owner labels, so that a clean-up
     * after a crash finds it. Removing the container with its volumes removes it.
     */
    private void addDataVolume(CreateContainerCmd create, Map<String, String> ownerLabels) {
        if (daemonOptions.dataDirectory() != DaemonOptions.DataDirectory.VOLUME) {
            return;
        }
        HostConfig hostConfig = hostConfig(create);
        List<Mount> mounts = new ArrayList<>(hostConfig.getMounts() == null ? List.of() : hostConfig.getMounts());
        mounts.add(new Mount()
                .withType(MountType.VOLUME)
                .withTarget(variant.dataDirectory())
                .withVolumeOptions(new VolumeOptions().withLabels(ownerLabels)));
        hostConfig.withMounts(mounts);
    }

    /** Publishes the TLS port only on the address that the client dials, when the engine is local. */
    private void publishOnDialedAddress(CreateContainerCmd create) {
        String address = publishAddress;
        if (address == null) {
            return;
        }
        HostConfig hostConfig = hostConfig(create);
        ExposedPort tlsPort = ExposedPort.tcp(DOCKER_TLS_PORT);
        List<PortBinding> bindings = new ArrayList<>();
        if (hostConfig.getPortBindings() != null) {
            hostConfig.getPortBindings().getBindings().forEach((port, hostBindings) -> {
                if (!port.equals(tlsPort) && hostBindings != null) {
                    for (Ports.Binding binding : hostBindings) {
                        bindings.add(new PortBinding(binding, port));
                    }
                }
            });
        }
        bindings.add(new PortBinding(Ports.Binding.bindIp(address), tlsPort));
        hostConfig.withPortBindings(bindings);
    }

    private static HostConfig hostConfig(CreateContainerCmd create) {
        HostConfig hostConfig = create.getHostConfig();
        if (hostConfig == null) {
            hostConfig = new HostConfig();
            create.withHostConfig(hostConfig);
        }
        return hostConfig;
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_CAUSE_LENGTH ? text : text.substring(0, MAX_CAUSE_LENGTH) + " ...";
    }

    static List<String> serverNames(String reportedHost) {
        return serverNames(reportedHost, List.of());
    }

    /** Returns the names the server certificate covers, including the container's aliases on its network. */
    static List<String> serverNames(String reportedHost, List<String> networkAliases) {
        Set<String> names = new LinkedHashSet<>();
        names.add(reportedHost);
        names.addAll(List.of("localhost", "127.0.0.1", "::1", "docker"));
        names.addAll(networkAliases);
        return new ArrayList<>(names);
    }

    private void applyDaemonOptions(CreateContainerCmd create) {
        ContainerConfig image = getDockerClient().inspectImageCmd(create.getImage()).exec().getConfig();
        foreignStartCommand = DaemonCommandLine.startsDockerd(create, image)
                ? null
                : DaemonCommandLine.describeStartCommand(create, image);
        DaemonCommandLine.apply(create, daemonOptions, image);
    }

    private void redirectInnerPorts() {
        if (daemonOptions.innerPorts() == 0) {
            return;
        }
        Map<Integer, Integer> outerPortByContainerPort = new LinkedHashMap<>();
        List<Integer> outerPorts = innerPortsOnOuterEngine();
        for (int i = 0; i < outerPorts.size(); i++) {
            outerPortByContainerPort.put(InnerContainers.FIRST_INNER_PORT + i, outerPorts.get(i));
        }
        try {
            ExecResult result = execInContainer("sh", "-c", InnerContainers.redirectRules(outerPortByContainerPort));
            if (result.getExitCode() != 0) {
                throw new IllegalStateException("iptables exited with code " + result.getExitCode() + ": "
                        + result.getStderr().strip());
            }
        } catch (IOException | RuntimeException e) {
            stop();
            throw new DaemonStartupException("Failed to redirect the inner ports of DinD " + getDockerImageName()
                    + " with iptables: " + e.getMessage() + ". Set inner ports to 0 if the image has no iptables.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new DaemonStartupException("Interrupted while redirecting the inner ports of DinD "
                    + getDockerImageName(), e);
        }
    }

    private void preloadImages() {
        List<String> images = daemonOptions.preloadedImages();
        if (images.isEmpty()) {
            return;
        }
        URI outerEndpoint = DockerClientFactory.instance().getTransportConfig().getDockerHost();
        try {
            new ImagePreloader(getDockerClient(), outerEndpoint).preload(images, getClient());
        } catch (RuntimeException e) {
            stop();
            throw new DaemonStartupException(e.getMessage(), e);
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
