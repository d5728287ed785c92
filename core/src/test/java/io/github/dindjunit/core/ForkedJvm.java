package io.github.dindjunit.core;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A JVM with this test's class path that runs {@link ForkedDaemonMain}. */
final class ForkedJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;
    private final Path errorLog;

    private ForkedJvm(Process process, Path errorLog) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.errorLog = errorLog;
    }

    /**
     * Starts {@link ForkedDaemonMain} with the given arguments.
     *
     * @param commandPrefix words before {@code java}, such as an {@code unshare} call, or none
     * @param environment variables to set or, with a {@code null} value, to remove
     */
    static ForkedJvm start(List<String> commandPrefix, Map<String, String> environment, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(commandPrefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForkedDaemonMain.class.getName());
        command.addAll(List.of(arguments));

        Path errorLog = Files.createTempFile("dind-junit-forked-jvm", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(errorLog.toFile())
                .directory(new File(System.getProperty("user.dir")));
        builder.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        return new ForkedJvm(builder.start(), errorLog);
    }

    /** Waits for the next line that starts with the prefix and returns the rest of it. */
    String awaitLine(String prefix, Duration timeout) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String next = output.readLine(); next != null; next = output.readLine()) {
                    if (next.startsWith(prefix)) {
                        return next.substring(prefix.length());
                    }
                }
                throw new IllegalStateException("Forked JVM ended without printing '" + prefix + "': "
                        + errorLogTail());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Forked JVM printed no '" + prefix + "' within " + timeout + ": "
                    + errorLogTail(), e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Kills the JVM with SIGKILL, as a crash or an impatient CI runner would, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits until the JVM exits and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Forked JVM did not exit within " + timeout + ": " + errorLogTail());
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    private String errorLogTail() {
        try {
            List<String> lines = Files.readAllLines(errorLog, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no error log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        output.close();
        Files.deleteIfExists(errorLog);
    }
}
