package io.github.dindjunit.benchmarks;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The times of one run of a contender.
 *
 * @param ready from asking for a daemon until its client got a response to a ping
 * @param teardown from asking for removal until the container and its volume were gone; {@code null} where
 *     the contender measures teardown as part of {@code ready}
 * @param phases the steps inside {@code ready}, in order, where the contender can observe them
 * @param listenToReady from the daemon's {@code API listen on} log line until the first successful ping, which is how
 *     late polling noticed the daemon; {@code null} where the contender does not measure it
 */
record RunResult(Duration ready, @Nullable Duration teardown, Map<String, Duration> phases,
        @Nullable Duration listenToReady) {

    static RunResult of(Duration ready, Duration teardown) {
        return new RunResult(ready, teardown, Map.of(), null);
    }
}
