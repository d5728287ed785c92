package io.github.dindjunit.benchmarks;

import com.github.dockerjava.api.model.Version;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the machine for the report: cores, memory, the Docker engine, the JVM and the load. */
record MachineFacts(int cores, long memoryBytes, String dockerVersion, String kernel, String java) {

    static MachineFacts read() {
        Version version = OuterEngine.client().versionCmd().exec();
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getTotalMemorySize()
                : -1;
        return new MachineFacts(
                Runtime.getRuntime().availableProcessors(),
                memory,
                version.getVersion() + " (API " + version.getApiVersion() + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /** Returns the 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or a note that they are unknown. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
