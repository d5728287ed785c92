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
 * Gives the annotated test class its own Docker daemon, running in a privileged Docker-in-Docker container
 * that accepts only mutual TLS, and injects a docker-java client for it.
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
 * A parameter of type {@code com.github.dockerjava.api.DockerClient} is injected into the constructor, test
 * methods and {@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach} and {@code @AfterAll} methods. Every
 * parameter of one class receives the same client. The extension owns it: do not close it. A parameter of type
 * {@link io.github.dindjunit.core.DinDContainer} receives the container behind that client, for example to run
 * the Docker CLI inside it with {@code execDocker}; do not stop it. Asking for another
 * docker-java or dind-junit type fails with a {@code ParameterResolutionException} that lists the supported
 * types.
 *
 * <h2>Life cycle</h2>
 * The daemon starts before the class's first callback and is removed after its last, whether its tests pass,
 * fail, or {@code @BeforeAll} throws. The client is closed first, then the container is removed together with
 * its {@code /var/lib/docker} volume. Each class gets a daemon of its own, with a certificate authority of its
 * own. {@code @Nested} classes use the daemon of the nearest enclosing class that carries {@code @DinD},
 * unless they carry {@code @DinD} themselves. Subclasses of an annotated class inherit the annotation.
 *
 * <h2>Settings and precedence</h2>
 * Each setting is taken from the first of these that sets it:
 * <ol>
 *   <li>the attribute of this annotation;</li>
 *   <li>the JUnit configuration parameter, given with {@code -D} on the JVM command line, in
 *       {@code junit-platform.properties} or through the launcher (for the image: {@value #IMAGE_PROPERTY});</li>
 *   <li>the environment variable (for the image: {@value #IMAGE_ENVIRONMENT_VARIABLE});</li>
 *   <li>the library's default.</li>
 * </ol>
 * An invalid value fails the class with an {@code ExtensionConfigurationException} that names the value and
 * where it came from.
 *
 * <h2>Requirements</h2>
 * A Docker engine that Testcontainers can reach and that allows privileged containers, and the DinD image on
 * it or pullable by it.
 *
 * @see io.github.dindjunit.core.DinDContainer
 */
@Target(ElementType.TYPE)
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
     * The image that runs the daemon; it must follow the contract of the official {@code docker:<version>-dind}
     * images. Empty means: take it from {@value #IMAGE_PROPERTY}, then {@value #IMAGE_ENVIRONMENT_VARIABLE},
     * then {@link io.github.dindjunit.core.DinDContainer#DEFAULT_IMAGE}.
     *
     * @return an image reference such as {@code docker:29.7.2-dind}, or empty
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    String image() default "";

    /**
     * How long to wait for the daemon to answer an authenticated ping before the class fails, as a whole
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
     * Images to copy from the Docker engine that runs the DinD container into the daemon before the class's first
     * test, streamed from one engine to the other without temporary files. Images the daemon already has with the
     * same ID are skipped. An image that the outer engine lacks fails the class with a message that names the
     * engine; nothing is pulled.
     *
     * @return image references such as {@code busybox:1.37}, or none
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
     * @return hosts with an optional port, or IPv4 networks in CIDR notation, or none
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
