package io.github.dindjunit.core.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The process that created a container or volume, recorded in its labels so that a later run can tell whether
 * the owner is still alive.
 *
 * <p>A process is identified by its PID and start time, because PIDs are reused. A host is identified by its
 * host name and, on Linux, its boot ID, because two containers on one machine can share a host name pattern and
 * a PID namespace is only meaningful until the next boot.
 *
 * @param runId a random ID made once per JVM
 * @param pid the owner's process ID
 * @param processStart when the owner started, in epoch milliseconds, or {@code null} if the platform hides it
 * @param hostName the owner's host name
 * @param bootId the Linux boot ID of the owner's host, or an empty string elsewhere
 * @param createdAt when the resource was created
 */
public record Ownership(String runId, long pid, @Nullable Long processStart, String hostName, String bootId,
        Instant createdAt) {

    /** The label prefix of every owner label; the bare prefix is the library's marker label. */
    public static final String PREFIX = "io.github.dindjunit";

    /** The label with the random ID of the JVM that created the resource. */
    public static final String RUN_ID = PREFIX + ".run-id";

    /** The label with the owner's process ID. */
    public static final String PID = PREFIX + ".pid";

    /** The label with the owner's start time in epoch milliseconds. */
    public static final String PROCESS_START = PREFIX + ".process-start";

    /** The label with the owner's host name. */
    public static final String HOST = PREFIX + ".host";

    /** The label with the owner's Linux boot ID. */
    public static final String BOOT_ID = PREFIX + ".boot-id";

    /** The label with the creation time in epoch milliseconds. */
    public static final String CREATED = PREFIX + ".created";

    private static final Path BOOT_ID_FILE = Path.of("/proc/sys/kernel/random/boot_id");

    private static final Path HOST_NAME_FILE = Path.of("/proc/sys/kernel/hostname");

    private static final String RUN_ID_OF_THIS_JVM = UUID.randomUUID().toString();

    /** Returns the ownership of a resource that this JVM creates now. */
    public static Ownership current() {
        ProcessHandle self = ProcessHandle.current();
        Long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(null);
        return new Ownership(RUN_ID_OF_THIS_JVM, self.pid(), start, localHostName(), localBootId(), Instant.now());
    }

    /**
     * Reads the ownership from a resource's labels.
     *
     * @return the ownership, or empty if the labels lack the run ID, PID, host or creation time, as on
     *     resources of older versions of the library or of other tools
     */
    public static Optional<Ownership> fromLabels(@Nullable Map<String, String> labels) {
        if (labels == null) {
            return Optional.empty();
        }
        try {
            String runId = labels.get(RUN_ID);
            String pid = labels.get(PID);
            String host = labels.get(HOST);
            String created = labels.get(CREATED);
            if (runId == null || pid == null || host == null || created == null) {
                return Optional.empty();
            }
            String start = labels.get(PROCESS_START);
            return Optional.of(new Ownership(runId, Long.parseLong(pid), start == null ? null : Long.parseLong(start),
                    host, labels.getOrDefault(BOOT_ID, ""), Instant.ofEpochMilli(Long.parseLong(created))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns the labels that record this ownership. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN_ID, runId);
        labels.put(PID, Long.toString(pid));
        if (processStart != null) {
            labels.put(PROCESS_START, Long.toString(processStart));
        }
        labels.put(HOST, hostName);
        labels.put(BOOT_ID, bootId);
        labels.put(CREATED, Long.toString(createdAt.toEpochMilli()));
        return labels;
    }

    /** Tells whether the owner ran on the same host, since the same boot, as {@code other}. */
    public boolean sameHostAs(Ownership other) {
        return hostName.equals(other.hostName) && bootId.equals(other.bootId);
    }

    /**
     * Tells whether the owning process has ended. Only meaningful on the owner's host: the caller checks
     * {@link #sameHostAs} first. A live process with the same PID but another start time is a reused PID, so
     * the owner counts as ended.
     */
    public boolean ownerEnded() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return processStart != null && start.isPresent() && start.get().toEpochMilli() != processStart;
    }

    private static String localHostName() {
        Optional<String> fromKernel = readFirstLine(HOST_NAME_FILE);
        if (fromKernel.isPresent()) {
            return fromKernel.get();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static String localBootId() {
        return readFirstLine(BOOT_ID_FILE).orElse("");
    }

    private static Optional<String> readFirstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
