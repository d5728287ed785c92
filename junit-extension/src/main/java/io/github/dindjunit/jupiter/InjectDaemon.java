package io.github.dindjunit.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects the daemon that {@link DinD} declares into a field of type
 * {@code com.github.dockerjava.api.DockerClient} or {@link io.github.dindjunit.core.DockerDaemon}.
 *
 * <pre>{@code
 * @DinD
 * class DeploymentAgentTest {
 *
 *     @InjectDaemon
 *     DockerClient docker;
 *
 *     @InjectDaemon
 *     DockerDaemon daemon;
 * }
 * }</pre>
 *
 * <p>Instance fields are set before each {@code @BeforeEach} method, and also before {@code @BeforeAll}
 * methods when the class uses {@code @TestInstance(PER_CLASS)}. They always hold the daemon of the running
 * test, the same one a parameter of the test method would receive. Static fields are set before
 * {@code @BeforeAll} methods; they are rejected when the daemon is {@link DaemonScope#PER_METHOD per method}.
 * A field must not be {@code final} and must have one of the two types; otherwise the class fails with an
 * {@code ExtensionConfigurationException}, as it does when no {@code @DinD} applies to the class.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DinDExtension.class)
@API(status = EXPERIMENTAL, since = "0.1.0")
public @interface InjectDaemon {
}
