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
 * parameter of one class receives the same client. The extension owns it: do not close it. Asking for another
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
}
