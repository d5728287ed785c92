/**
 * A side-by-side start-up benchmark: a DinD daemon started with docker-java alone, by the recipe people write
 * by hand with Testcontainers, by this library, and through a whole JUnit class. {@link
 * io.github.dindjunit.benchmarks.StartupBenchmark} runs it and writes {@code docs/benchmarks.md}.
 */
@NullMarked
package io.github.dindjunit.benchmarks;

import org.jspecify.annotations.NullMarked;
