package io.github.dindjunit.benchmarks;

import io.github.dindjunit.core.DinDContainer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Container.ExecResult;

/**
 * Measures what a live daemon costs: the JVM heap that stays reachable per started {@link DinDContainer}, and
 * the resident memory of the processes inside one container.
 */
final class MemoryProbe {

    /** How often to collect garbage before reading the heap, so that the reading settles. */
    private static final int COLLECTIONS = 3;

    /**
     * Prints the resident, proportional and private memory of dockerd and containerd from
     * {@code /proc/PID/smaps_rollup}. Private memory is what the process alone uses. Resident memory also
     * counts the pages of binaries and libraries that it shares with other containers of the same image.
     */
    private static final String DAEMON_MEMORY_SCRIPT = """
            for dir in /proc/[0-9]*; do
              name=$(cat "$dir/comm" 2>/dev/null) || continue
              case "$name" in
                dockerd|containerd)
                  awk -v name="$name" '/^(Rss|Pss|Private_Clean|Private_Dirty):/ { kib[$1] = $2 }
                    END { printf "%-10s resident %6d KiB, proportional %6d KiB, private %6d KiB\\n", name,
                          kib["Rss:"], kib["Pss:"], kib["Private_Clean:"] + kib["Private_Dirty:"] }' \
                    "$dir/smaps_rollup" ;;
              esac
            done
            """;

    private MemoryProbe() {
    }

    /**
     * The results.
     *
     * @param daemons how many daemons were live at once
     * @param heapPerDaemonBytes heap used after a full collection with the daemons live, minus the same
     *     without them, divided by {@code daemons}
     * @param processes the memory of dockerd and containerd inside one container, after it was ready
     * @param containerMemoryBytes the memory that the container's cgroup reports as used, or -1 if unknown
     */
    record Result(int daemons, long heapPerDaemonBytes, String processes, long containerMemoryBytes) {
    }

    static Result measure(String image, int daemons) throws Exception {
        long before = usedHeapAfterCollection();
        List<DinDContainer> live = new ArrayList<>();
        try {
            for (int i = 0; i < daemons; i++) {
                DinDContainer daemon = new DinDContainer(image).withLabel(OuterEngine.BENCHMARK_LABEL, "memory");
                live.add(daemon);
                daemon.start();
            }
            long after = usedHeapAfterCollection();

            DinDContainer first = live.get(0);
            ExecResult processes = first.execInContainer("sh", "-c", DAEMON_MEMORY_SCRIPT);
            ExecResult cgroup = first.execInContainer("sh", "-c",
                    "cat /sys/fs/cgroup/memory.current 2>/dev/null"
                            + " || cat /sys/fs/cgroup/memory/memory.usage_in_bytes");
            return new Result(daemons, (after - before) / daemons, processes.getStdout().strip(),
                    parseOrUnknown(cgroup.getStdout()));
        } finally {
            live.forEach(DinDContainer::stop);
        }
    }

    private static long usedHeapAfterCollection() throws InterruptedException {
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long parseOrUnknown(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
