package io.github.dindjunit.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives tests a Docker daemon of their own, running in a privileged Docker-in-Docker container that accepts only
 * mutual TLS, and injects a docker-java client or a {@link io.github.dindjunit.core.DockerDaemon handle} for it.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * @DinD
 * class DeploymentAgentTest {
 *
 *     @Test
 *     void startsNothingOnAnEmptyDaemon(DockerClient docker) {
 *         assertThat(docker.listContainersCmd().withShowAll(true).exec()).isEmpty();
 *     }
 * }
 * }</pre>
 *
 * <h2>Injection</h2>
 * A parameter of type {@code com.github.dockerjava.api.DockerClient} or
 * {@link io.github.dindjunit.core.DockerDaemon} is injected into the constructor, test methods and
 * {@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach} and {@code @AfterAll} methods, and so is a field
 * annotated with {@link InjectDaemon}. The handle gives the endpoint, the environment and certificate files
 * for the Docker CLI, the daemon's log and its container, for example to run the Docker CLI inside it with
 * {@code getContainer().execDocker(...)}. Every injection point that one daemon serves receives
 * the same client and handle. The extension owns them: do not close the client. Asking for another docker-java
 * or dind-junit type fails with a {@code ParameterResolutionException} that lists the supported types.
 *
 * <h2>Scopes</h2>
 * {@link #scope()} chooses how long a daemon lives:
 * <ul>
 *   <li>{@link DaemonScope#PER_CLASS} (the default): one daemon per class, started before its first callback
 *       and removed after its last, whether its tests pass, fail, or {@code @BeforeAll} throws;</li>
 *   <li>{@link DaemonScope#PER_METHOD}: a fresh daemon for every test method invocation, started before
 *       {@code @BeforeEach} methods and removed after {@code @AfterEach} methods. Writing {@code @DinD} on a test
 *       method means the same for that method alone;</li>
 *   <li>{@link DaemonScope#SHARED}: one daemon for every class of the run that requests a shared daemon of the
 *       same image, variant and daemon options, started once, removed at the end of the run, and reset between
 *       classes to its state right after start.</li>
 * </ul>
 * The nearest declaration wins: a test method's own {@code @DinD}, else that of its class, else that of the
 * nearest enclosing class of a {@code @Nested} class. A {@code @Nested} class without {@code @DinD} uses the
 * daemon of its enclosing class; with one, it gets its own, of any scope. Subclasses inherit the annotation.
 * These declarations conflict and fail with an {@code ExtensionConfigurationException} that names them:
 * <ul>
 *   <li>{@code @DinD} on a test method whose class's daemon is per class or shared, since its lifecycle methods
 *       would see two daemons. Move the method into a {@code @Nested} class with its own {@code @DinD}, or make
 *       the class's scope {@code PER_METHOD};</li>
 *   <li>{@code @DinD(scope = PER_CLASS)} or {@code @DinD(scope = SHARED)} on a method;</li>
 *   <li>{@code @DinD} on a method that is not a test method, where JUnit would ignore it.</li>
 * </ul>
 *
 * <h2>Parallel execution</h2>
 * Under JUnit's parallel mode every class still gets its own daemon, and a shared daemon starts once. Classes
 * that use the shared daemon at the same time use it together; it is reset only when no class uses it. At most
 * {@value #MAX_DAEMONS_PROPERTY} daemons serve tests at once (by default, as many as the JVM has processors);
 * further ones wait until one is removed. A shared daemon that no class is using does not count. Each enclosing
 * class with a daemon lends one extra slot to its {@code @Nested} classes, so that nesting cannot deadlock.
 *
 * <h2>Failure diagnostics</h2>
 * When a test or lifecycle method fails, the extension adds the state of the daemon to the test's report
 * entries and logs it at WARN: the last lines of the daemon's log, the inner {@code docker ps -a} and the last
 * lines of each inner container's log. Passing tests get nothing extra.
 *
 * <h2>Rootless</h2>
 * {@code @DinD(variant = DinD.Variant.ROOTLESS)} runs the daemon as an unprivileged user under rootlesskit,
 * following the official {@code docker:<version>-dind-rootless} images; the container is still privileged.
 * Injection, life cycle and clean-up are the same. Its image comes from {@value #ROOTLESS_IMAGE_PROPERTY},
 * then {@value #ROOTLESS_IMAGE_ENVIRONMENT_VARIABLE}, then
 * {@link io.github.dindjunit.core.DinDContainer#DEFAULT_ROOTLESS_IMAGE}, unless {@link #image()} names one.
 *
 * <h2>Settings and precedence</h2>
 * Each setting is taken from the first of these that sets it:
 * <ol>
 *   <li>the attribute of this annotation;</li>
 *   <li>the JUnit configuration parameter, given with {@code -D} on the JVM command line, in
 *       {@code junit-platform.properties} or through the launcher (for the image: {@value #IMAGE_PROPERTY});</li>
 *   <li>the environment variable, for the image ({@value #IMAGE_ENVIRONMENT_VARIABLE}) and the start-up timeout
 *       ({@value #STARTUP_TIMEOUT_ENVIRONMENT_VARIABLE});</li>
 *   <li>the library's default.</li>
 * </ol>
 * An attribute is unset when it has its default value: empty, {@link DaemonScope#INFERRED}, or {@code false}.
 * The cap {@value #MAX_DAEMONS_PROPERTY} applies to the whole run and is only a configuration parameter. An
 * invalid value fails the class with an {@code ExtensionConfigurationException} that names the value and where
 * it came from.
 *
 * <h2>Requirements</h2>
 * A Docker engine that Testcontainers can reach and that allows privileged containers, and the DinD image on
 * it or pullable by it. Without an engine the class fails with a message that says how to provide one, or is
 * skipped when {@link #disabledWithoutDocker()} is set.
 *
 * @see io.github.dindjunit.core.DinDContainer
 * @see io.github.dindjunit.core.DockerDaemon
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DinDExtension.class)
@API(status = EXPERIMENTAL, since = "0.1.0")
public @interface DinD {

    /** The configuration parameter and system property that sets the image: {@value}. */
    String IMAGE_PROPERTY = "dind.image";

    /** The environment variable that sets the image: {@value}. */
    String IMAGE_ENVIRONMENT_VARIABLE = "DIND_IMAGE";

    /** The configuration parameter and system property that sets the start-up timeout: {@value}. */
    String STARTUP_TIMEOUT_PROPERTY = "dind.startup.timeout";

    /** The environment variable that sets the start-up timeout: {@value}. */
    String STARTUP_TIMEOUT_ENVIRONMENT_VARIABLE = "DIND_STARTUP_TIMEOUT";

    /**
     * The configuration parameter and system property that selects the variant, {@code rootful} or
     * {@code rootless}: {@value}.
     */
    String VARIANT_PROPERTY = "dind.variant";

    /** The environment variable that selects the variant, {@code rootful} or {@code rootless}: {@value}. */
    String VARIANT_ENVIRONMENT_VARIABLE = "DIND_VARIANT";

    /** The configuration parameter and system property that sets the image of the rootless variant: {@value}. */
    String ROOTLESS_IMAGE_PROPERTY = "dind.rootless.image";

    /** The environment variable that sets the image of the rootless variant: {@value}. */
    String ROOTLESS_IMAGE_ENVIRONMENT_VARIABLE = "DIND_ROOTLESS_IMAGE";

    /**
     * The configuration parameter and system property that sets the scope of classes whose {@link #scope()} is
     * {@link DaemonScope#INFERRED}: {@value}. Values are the names of {@link DaemonScope}, in any case.
     */
    String SCOPE_PROPERTY = "dind.scope";

    /**
     * The configuration parameter and system property that skips, rather than fails, classes when no Docker
     * engine is reachable: {@value}. Values are {@code true} and {@code false}.
     */
    String DISABLED_WITHOUT_DOCKER_PROPERTY = "dind.disabled.without.docker";

    /**
     * The configuration parameter and system property that sets how many daemons may serve tests at once in one
     * test run: {@value}. A positive whole number; by default the number of processors available to the JVM.
     */
    String MAX_DAEMONS_PROPERTY = "dind.max.daemons";

    /**
     * The image that runs the daemon; it must follow the contract of the official {@code docker:<version>-dind}
     * images, or {@code docker:<version>-dind-rootless} for the rootless variant. Empty means: take it from
     * {@value #IMAGE_PROPERTY}, then {@value #IMAGE_ENVIRONMENT_VARIABLE}, then
     * {@link io.github.dindjunit.core.DinDContainer#DEFAULT_IMAGE}; for the rootless variant from
     * {@value #ROOTLESS_IMAGE_PROPERTY}, then {@value #ROOTLESS_IMAGE_ENVIRONMENT_VARIABLE}, then
     * {@link io.github.dindjunit.core.DinDContainer#DEFAULT_ROOTLESS_IMAGE}.
     *
     * @return an image reference such as {@code docker:29.7.2-dind}, or empty
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    String image() default "";

    /**
     * How long to wait for the daemon to respond to an authenticated ping before the class fails, as a whole
     * number and a unit ({@code 90 s}, {@code 500 ms}, {@code 2 m}) or an ISO-8601 duration ({@code PT90S}).
     * Empty means: take it from {@value #STARTUP_TIMEOUT_PROPERTY}, then
     * {@value #STARTUP_TIMEOUT_ENVIRONMENT_VARIABLE}, then
     * {@link io.github.dindjunit.core.DinDContainer#DEFAULT_STARTUP_TIMEOUT} (60 seconds).
     *
     * @return a positive duration, or empty
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    String startupTimeout() default "";

    /**
     * Whether dockerd runs as root or as an unprivileged user inside the container. {@link Variant#INFERRED}
     * means: take it from {@value #VARIANT_PROPERTY}, then {@value #VARIANT_ENVIRONMENT_VARIABLE}, then
     * {@link Variant#ROOTFUL}.
     *
     * @return the variant, or {@link Variant#INFERRED}
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    Variant variant() default Variant.INFERRED;

    /** The variants of the {@code docker:dind} image contract. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    enum Variant {

        /**
         * The variant that {@value DinD#VARIANT_PROPERTY} sets, else {@value DinD#VARIANT_ENVIRONMENT_VARIABLE},
         * else {@link #ROOTFUL}. Both are written {@code rootful} or {@code rootless}.
         */
        INFERRED,

        /** dockerd runs as root inside the container, as in the official {@code docker:<version>-dind} images. */
        ROOTFUL,

        /**
         * dockerd runs as the image's unprivileged user under rootlesskit, as in the official
         * {@code docker:<version>-dind-rootless} images, keeping its data in
         * {@code /home/rootless/.local/share/docker}.
         */
        ROOTLESS
    }

    /**
     * How long the daemon lives and which tests share it. {@link DaemonScope#INFERRED} means: take it from
     * {@value #SCOPE_PROPERTY}, else {@link DaemonScope#PER_CLASS}; on a test method it means
     * {@link DaemonScope#PER_METHOD}.
     *
     * @return the scope
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    DaemonScope scope() default DaemonScope.INFERRED;

    /**
     * Whether to skip the class or method, rather than fail it, when no Docker engine is reachable. The reason
     * for skipping appears in the report. {@code false} means: take it from
     * {@value #DISABLED_WITHOUT_DOCKER_PROPERTY}, else fail.
     *
     * @return {@code true} to skip without an engine
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    boolean disabledWithoutDocker() default false;

    /**
     * Images to copy from the Docker engine that runs the DinD container into the daemon before the class's first
     * test, streamed from one engine to the other without temporary files. Images the daemon already has with the
     * same ID are skipped. An image that the outer engine lacks fails the class with a message that names the
     * engine; nothing is pulled.
     *
     * @return image references such as {@code busybox:1.37}, or none. A reference that does not follow Docker's
     *     reference grammar fails the class before a daemon starts.
     * @see io.github.dindjunit.core.DaemonOptions#withPreloadedImages(String...)
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    String[] preload() default {};

    /**
     * Registry mirrors for the daemon's pulls from Docker Hub ({@code dockerd --registry-mirror}).
     *
     * @return {@code http} or {@code https} URLs without a path, or none
     * @see io.github.dindjunit.core.DaemonOptions#withRegistryMirrors(String...)
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    String[] registryMirrors() default {};

    /**
     * Registries the daemon may reach over plain HTTP ({@code dockerd --insecure-registry}).
     *
     * @return hosts with an optional port, or IPv4 or IPv6 networks in CIDR notation, or none. An invalid entry
     *     fails the class before a daemon starts.
     * @see io.github.dindjunit.core.DaemonOptions#withInsecureRegistries(String...)
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    String[] insecureRegistries() default {};

    /**
     * The MTU of the daemon's default bridge. 0 means the MTU of the DinD container's own {@code eth0}, so that
     * inner containers never send packets larger than the outer network carries.
     *
     * @return from 68 to 65535, or 0
     * @see io.github.dindjunit.core.DaemonOptions#withMtu(int)
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    int mtu() default 0;

    /**
     * Extra {@code dockerd} flags, such as {@code "--log-level=debug"}. {@code dockerd} itself, {@code -H},
     * {@code --host} and {@code --tls...} are rejected, because the container sets the address and TLS that its
     * client relies on.
     *
     * @return flags and their values, or none
     * @see io.github.dindjunit.core.DaemonOptions#withDaemonFlags(String...)
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    String[] daemonFlags() default {};

    /**
     * Whether the daemon uses {@code iptables-legacy} instead of {@code iptables-nft}, by setting
     * {@code DOCKER_IPTABLES_LEGACY=1}; hosts whose kernel lacks nf_tables need it.
     *
     * @return {@code true} for the legacy backend
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    boolean iptablesLegacy() default false;

    /**
     * The place of {@code /var/lib/docker}: an anonymous volume (the default) or a tmpfs in memory, which is
     * faster for tests that write many layers.
     *
     * @return the place of the data directory
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    io.github.dindjunit.core.DaemonOptions.DataDirectory dataDirectory()
            default io.github.dindjunit.core.DaemonOptions.DataDirectory.VOLUME;

    /**
     * How many ports the DinD container publishes for Testcontainers containers that run on the daemon (see
     * {@link io.github.dindjunit.core.DinDContainer#prepareInnerContainer}); each exposed port of such a container
     * takes one while the container runs.
     *
     * @return from 0 (the default) to 100
     * @see io.github.dindjunit.core.DaemonOptions#withInnerPorts(int)
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    int innerPorts() default 0;
}
