package io.github.dindjunit.jupiter;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How long a daemon of {@link DinD} lives and which tests share it. See {@link DinD} for the rules that combine
 * scopes of enclosing classes, nested classes and methods.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public enum DaemonScope {

    /**
     * Takes the scope from the configuration parameter {@value DinD#SCOPE_PROPERTY}, or {@link #PER_CLASS} if
     * it is not set. On a test method it means {@link #PER_METHOD}.
     */
    INFERRED,

    /**
     * One daemon per test class, started before its first callback and removed after its last. Every test of
     * the class, and of its {@code @Nested} classes that declare no daemon of their own, uses it.
     */
    PER_CLASS,

    /**
     * One daemon per test method invocation (each repetition of a {@code @RepeatedTest} and each invocation
     * of a {@code @ParameterizedTest} gets its own), started before {@code @BeforeEach} methods and removed
     * after {@code @AfterEach} methods. {@code @BeforeAll} and {@code @AfterAll} methods, static fields and
     * constructors cannot receive it.
     */
    PER_METHOD,

    /**
     * One daemon for every class of the test run that requests a shared daemon of the same image, variant and
     * daemon options (the images to preload, registries, MTU, flags and so on). It starts
     * when the first such class needs it and is removed at the end of the run. Before a class starts using it
     * while no other class does, it is reset to its state right after start: every container, and every image,
     * network and volume that was not there at start, and all build cache are removed.
     *
     * <p>Under parallel execution, classes that run at the same time use it together and see each other's
     * containers, and the reset waits until none uses it.
     */
    SHARED
}
