package io.github.dindjunit.core.internal;

import java.util.Arrays;
import java.util.List;

/** The last lines of a container log, for error messages. */
public final class LogTail {

    private LogTail() {
    }

    /**
     * Returns the last lines of a log, each indented, or a note that the log is empty.
     *
     * @param log the whole log
     * @param maxLines how many lines to keep at most
     * @return the kept lines, joined by new lines
     */
    public static String of(String log, int maxLines) {
        List<String> lines = Arrays.asList(log.strip().split("\\R"));
        if (log.isBlank()) {
            return "    (the container wrote no log)";
        }
        List<String> kept = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
        StringBuilder tail = new StringBuilder();
        if (kept.size() < lines.size()) {
            tail.append("    (").append(lines.size() - kept.size()).append(" earlier lines left out)\n");
        }
        for (String line : kept) {
            tail.append("    ").append(line).append('\n');
        }
        return tail.toString().stripTrailing();
    }
}
