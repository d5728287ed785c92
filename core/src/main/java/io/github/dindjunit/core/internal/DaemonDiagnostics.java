package io.github.dindjunit.core.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import io.github.dindjunit.core.DockerDaemon;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Describes what happens inside a daemon, for the report of a failed test: the tail of the daemon's own log,
 * the list that {@code docker ps -a} would print, and the tail of each container's log.
 */
public final class DaemonDiagnostics {

    /** How many lines of each log a section keeps. */
    public static final int LOG_TAIL_LINES = 50;

    /** How many containers get a section for their log; the list of containers names them all. */
    public static final int MAX_CONTAINER_LOGS = 20;

    private static final long LOG_TIMEOUT_SECONDS = 10;

    private DaemonDiagnostics() {
    }

    /**
     * One part of the description.
     *
     * @param key a short stable key, such as {@code dind.containers}, for report entries
     * @param title a heading for people
     * @param text the content, several lines
     */
    public record Section(String key, String title, String text) {
    }

    /**
     * Collects the sections. A part that cannot be read, for example because the daemon has died, becomes a
     * section that gives the reason, so that the rest is still reported.
     *
     * @param daemon the daemon to describe
     * @return the daemon log, the container list and one log section per container, in that order
     */
    public static List<Section> collect(DockerDaemon daemon) {
        List<Section> sections = new ArrayList<>();
        sections.add(daemonLog(daemon));

        List<Container> containers;
        try {
            containers = daemon.getClient().listContainersCmd().withShowAll(true).exec();
        } catch (RuntimeException e) {
            sections.add(new Section("dind.containers", "docker ps -a", "(failed to list containers: " + e + ")"));
            return sections;
        }
        sections.add(new Section("dind.containers", "docker ps -a", table(containers)));

        for (Container container : containers.subList(0, Math.min(containers.size(), MAX_CONTAINER_LOGS))) {
            String name = name(container);
            sections.add(new Section("dind.container." + name + ".log",
                    "docker logs --tail " + LOG_TAIL_LINES + " " + name, containerLog(daemon.getClient(), container)));
        }
        return sections;
    }

    private static Section daemonLog(DockerDaemon daemon) {
        String title = "dockerd log (last " + LOG_TAIL_LINES + " lines)";
        try {
            return new Section("dind.daemon.log", title, LogTail.of(daemon.getLogs(), LOG_TAIL_LINES));
        } catch (RuntimeException e) {
            return new Section("dind.daemon.log", title, "(failed to read the daemon log: " + e + ")");
        }
    }

    /** Formats containers with the columns of {@code docker ps -a}, minus ports, which inner tests rarely map. */
    static String table(List<Container> containers) {
        if (containers.isEmpty()) {
            return "(no containers)";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "NAMES"});
        for (Container container : containers) {
            rows.add(new String[] {
                shortId(container.getId()),
                String.valueOf(container.getImage()),
                "\"" + abbreviate(String.valueOf(container.getCommand()), 30) + "\"",
                Instant.ofEpochSecond(container.getCreated() == null ? 0 : container.getCreated()).toString(),
                String.valueOf(container.getStatus()),
                name(container)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                boolean last = column == row.length - 1;
                table.append(last ? row[column] : String.format(Locale.ROOT, "%-" + (widths[column] + 3) + "s",
                        row[column]));
            }
            table.append('\n');
        }
        return table.toString().stripTrailing();
    }

    private static String containerLog(DockerClient docker, Container container) {
        StringBuilder log = new StringBuilder();
        try {
            docker.logContainerCmd(container.getId())
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(LOG_TAIL_LINES)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    })
                    .awaitCompletion(LOG_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted while reading the log)";
        } catch (RuntimeException e) {
            return "(failed to read the log: " + e + ")";
        }
        return LogTail.of(log.toString(), LOG_TAIL_LINES);
    }

    private static String name(Container container) {
        String[] names = container.getNames();
        if (names == null || names.length == 0) {
            return shortId(container.getId());
        }
        return names[0].startsWith("/") ? names[0].substring(1) : names[0];
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static String abbreviate(String text, int maxLength) {
        return text.length() <= maxLength ? text : text.substring(0, maxLength - 1) + "…";
    }
}
