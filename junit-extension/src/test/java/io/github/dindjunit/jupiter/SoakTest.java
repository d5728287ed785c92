package io.github.dindjunit.jupiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs many {@code @DinD} classes, one after another and then in parallel, and checks that they leave no
 * containers, volumes, networks, temporary files, threads or file descriptors behind.
 *
 * <p>The default build runs {@value #DEFAULT_CLASSES} classes each way. {@code scripts/soak.sh} runs all 50
 * by setting the system property {@value #CLASSES_PROPERTY}.
 */
class SoakTest {

    static final String CLASSES_PROPERTY = "dind.soak.classes";

    static final String PARALLELISM_PROPERTY = "dind.soak.parallelism";

    private static final int DEFAULT_CLASSES = 3;

    /** Pooled threads of the JDK and of JUnit's parallel executor, which idle and end on their own. */
    private static final Pattern POOLED_THREADS = Pattern.compile("ForkJoinPool.*-worker-\\d+");

    /** How long threads and connections may take to wind down after the last class has finished. */
    private static final Duration SETTLE_TIME = Duration.ofSeconds(30);

    /**
     * How many more descriptors of sockets to the engine may stay open per class that ran at once.
     * Testcontainers keeps idle connections to the engine in a pool that grows with the number of concurrent
     * users. On the build machines each pooled connection showed up as two socket descriptors. The allowance is
     * per concurrent class, not per class, so a leak of one connection per class still fails the 50-class soak.
     */
    private static final int ENGINE_POOL_ALLOWANCE = 4;

    private static final Predicate<String> TCP = descriptor -> descriptor.contains(" tcp");

    private static final Predicate<String> FILES_AND_PIPES = descriptor -> !descriptor.startsWith("socket:");

    private static final Predicate<String> OTHER_SOCKETS = descriptor -> descriptor.startsWith("socket:")
            && !TCP.test(descriptor);

    private static List<Class<?>> classes;

    @BeforeAll
    static void warmUp() {
        int count = Integer.getInteger(CLASSES_PROPERTY, DEFAULT_CLASSES);
        classes = SoakFixtures.ALL.subList(0, count);

        // The first classes start Testcontainers' long-lived parts, which are no leak: its client, and a pool of
        // idle connections to the engine that grows to the number of classes that ran at once.
        assertAllSucceeded(run(SoakFixtures.ALL.subList(0, parallelism()), true));
    }

    @Test
    void sequentialClassesLeaveNothing() throws IOException {
        Baseline before = Baseline.take();

        EngineExecutionResults results = run(classes, false);

        assertAllSucceeded(results);
        assertNothingLeft(before);
    }

    @Test
    void parallelClassesLeaveNothing() throws IOException {
        Baseline before = Baseline.take();

        EngineExecutionResults results = run(classes, true);

        assertAllSucceeded(results);
        assertNothingLeft(before);
    }

    private static EngineExecutionResults run(List<Class<?>> testClasses, boolean parallel) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(DinD.IMAGE_PROPERTY, System.getProperty(DinD.IMAGE_PROPERTY))
                .selectors(testClasses.stream().map(type -> selectClass(type)).toArray(
                        org.junit.platform.engine.DiscoverySelector[]::new));
        if (parallel) {
            builder.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism",
                            Integer.toString(parallelism()));
        }
        return builder.execute();
    }

    private static int parallelism() {
        return Integer.getInteger(PARALLELISM_PROPERTY, 4);
    }

    private static void assertAllSucceeded(EngineExecutionResults results) {
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.failed(0).aborted(0));
    }

    private static void assertNothingLeft(Baseline before) {
        assertThat(OuterEngine.labelledContainers()).as("containers").isEmpty();
        assertThat(OuterEngine.labelledVolumes()).as("volumes").isEmpty();
        assertThat(OuterEngine.labelledNetworks()).as("networks").isEmpty();

        Awaitility.await("threads and file descriptors back to the baseline")
                .atMost(SETTLE_TIME)
                .pollInterval(Duration.ofMillis(500))
                .pollInSameThread()
                .untilAsserted(() -> {
                    Baseline after = Baseline.take();
                    assertThat(after.temporaryFiles()).as("temporary files").isEqualTo(before.temporaryFiles());
                    assertThat(after.threads()).as("threads").isSubsetOf(before.threads());
                    List<String> opened = new ArrayList<>(after.fileDescriptors());
                    opened.removeAll(before.fileDescriptors());
                    assertThat(after.count(TCP)).as("TCP sockets, such as clients of daemons; opened since: %s", opened)
                            .isLessThanOrEqualTo(before.count(TCP));
                    assertThat(after.count(FILES_AND_PIPES)).as("files and pipes; opened since: %s", opened)
                            .isLessThanOrEqualTo(before.count(FILES_AND_PIPES));
                    assertThat(after.count(OTHER_SOCKETS))
                            .as("unix sockets, such as Testcontainers' pooled connections to the engine; opened"
                                    + " since: %s", opened)
                            .isLessThanOrEqualTo(before.count(OTHER_SOCKETS) + ENGINE_POOL_ALLOWANCE * parallelism());
                });
    }

    /**
     * What this JVM holds: the names of its live threads except idle pool workers, its open file descriptors,
     * and the entries of its temporary directory, which the build points at this module's target directory.
     */
    private record Baseline(Set<String> threads, List<String> fileDescriptors, Set<String> temporaryFiles) {

        static Baseline take() throws IOException {
            Set<String> threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> !POOLED_THREADS.matcher(name).matches())
                    .collect(Collectors.toCollection(TreeSet::new));
            List<String> descriptors;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                descriptors = open.map(Baseline::describe).sorted().toList();
            }
            Set<String> temporaryFiles;
            try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                temporaryFiles = entries.map(path -> path.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            return new Baseline(threads, descriptors, temporaryFiles);
        }

        long count(Predicate<String> kind) {
            return fileDescriptors.stream().filter(kind).count();
        }

        /**
         * Returns what a descriptor refers to: a file's path, or for a socket its inode and, where the kernel
         * lists it, its kind and address, such as {@code socket:[1234] unix /var/run/docker.sock}.
         */
        private static String describe(Path descriptor) {
            String target;
            try {
                target = Files.readSymbolicLink(descriptor).toString();
            } catch (IOException e) {
                return "closed";
            }
            if (!target.startsWith("socket:[")) {
                return target;
            }
            String inode = target.substring("socket:[".length(), target.length() - 1);
            return target + " " + socketDetails(inode);
        }

        private static String socketDetails(String inode) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/net/unix"))) {
                    String[] columns = line.trim().split("\\s+");
                    if (columns.length >= 7 && columns[6].equals(inode)) {
                        return "unix " + (columns.length > 7 ? columns[7] : "(unnamed)");
                    }
                }
                for (String table : List.of("tcp", "tcp6")) {
                    for (String line : Files.readAllLines(Path.of("/proc/self/net/" + table))) {
                        String[] columns = line.trim().split("\\s+");
                        if (columns.length >= 10 && columns[9].equals(inode)) {
                            return table + " to " + columns[2] + " state " + columns[3];
                        }
                    }
                }
            } catch (IOException e) {
                return "(not listed)";
            }
            return "(not listed)";
        }
    }
}
