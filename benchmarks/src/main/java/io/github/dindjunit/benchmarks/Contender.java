package io.github.dindjunit.benchmarks;

/**
 * One way of getting a ready client for a DinD daemon. The benchmark calls {@link #run()} once per round,
 * alternating with the other contenders, so adding a way to compare is one class and one line in
 * {@link StartupBenchmark#contenders}.
 */
interface Contender extends AutoCloseable {

    /** Returns the short name shown in the table and the chart. */
    String name();

    /** Returns what one run measures, from which step to which, for the report. */
    String description();

    /**
     * Starts a daemon, waits until it is ready, tears it down and returns how long each took. Fails if the
     * daemon is not ready or anything it created is left behind.
     */
    RunResult run() throws Exception;

    /** Releases what the contender keeps between runs; the default has nothing to release. */
    @Override
    default void close() {
    }
}
