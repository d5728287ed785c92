package io.github.dindjunit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results as a plain-text table and as the Markdown page {@code docs/benchmarks.md}. */
final class Report {

    static final String REPORT_FILE = "benchmarks.md";

    /** The goals: this library within 1.25 times the floor, and at least 3 times faster than the recipe. */
    private static final double MAX_RATIO_TO_FLOOR = 1.25;
    private static final double MIN_SPEED_UP_OVER_RECIPE = 3.0;

    /** The goal of the shared scope: a reset after a typical class costs at most this share of a cold start. */
    private static final double MAX_RESET_TO_COLD_START = 0.10;

    /** The workload taken as a typical class in the reset goal. */
    private static final ResetContender.Workload TYPICAL_WORKLOAD = ResetContender.Workload.LIGHT;

    /** Prose that explains the profile; it is kept beside the code and copied into the page as it is. */
    private static final String ANALYSIS_RESOURCE = "where-the-time-goes.md";

    /** Figures of image preloading, measured by hand with PreloadMeasurement; the page repeats them. */
    private static final String PRELOAD_RESOURCE = "image-preloading.md";

    private final Settings settings;
    private final MachineFacts facts;
    private final String loadBefore;
    private final String loadAfter;
    private final RunResult firstStart;
    private final List<ImageResults> images;
    private final Map<String, Duration> tls;
    private final MemoryProbe.Result memory;
    private final Duration totalTime;

    Report(Settings settings, MachineFacts facts, String loadBefore, String loadAfter, RunResult firstStart,
            List<ImageResults> images, Map<String, Duration> tls, MemoryProbe.Result memory, Duration totalTime) {
        this.settings = settings;
        this.facts = facts;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.firstStart = firstStart;
        this.images = images;
        this.tls = tls;
        this.memory = memory;
        this.totalTime = totalTime;
    }

    /** Returns the table of ready times and the two goals, for the console. */
    String table() {
        StringBuilder text = new StringBuilder();
        for (ImageResults results : images) {
            text.append(String.format(Locale.ROOT, "%n%s%n%-24s %10s %10s %10s %9s %12s%n", results.image(),
                    "contender", "median", "min", "max", "x floor", "recipe / it"));
            for (Samples samples : results.startups()) {
                Summary ready = samples.readySummary();
                text.append(String.format(Locale.ROOT, "%-24s %10s %10s %10s %9.2f %12.2f%n",
                        samples.contender().name(), Summary.millis(ready.median()), Summary.millis(ready.min()),
                        Summary.millis(ready.max()), ratioToFloor(results, samples),
                        speedUpOverRecipe(results, samples)));
            }
            text.append(String.format(Locale.ROOT, "%s%n%s%n", floorGoal(results), recipeGoal(results)));
            results.rootless().ifPresent(rootless -> text.append(rootlessComparison(results, rootless)).append('\n'));
            text.append(String.format(Locale.ROOT, "%-24s %10s %10s %10s %14s%n", "reset", "median", "min", "max",
                    "÷ cold start"));
            for (Samples samples : results.resets()) {
                Summary reset = samples.readySummary();
                text.append(String.format(Locale.ROOT, "%-24s %10s %10s %10s %14.3f%n", samples.contender().name(),
                        Summary.millis(reset.median()), Summary.millis(reset.min()), Summary.millis(reset.max()),
                        resetToColdStart(results, samples)));
            }
            text.append(resetGoal(results)).append('\n');
        }
        return text.toString();
    }

    String markdown() {
        StringBuilder page = new StringBuilder();
        page.append("# Start-up benchmark\n\n")
                .append("How long a test waits for a ready DinD client with this library, compared side by side")
                .append(" with the least the machine needs and with the recipe people write by hand. This page")
                .append(" is written by the benchmark; rerun it rather than edit the numbers.\n\n");
        appendRun(page);
        for (ImageResults results : images) {
            page.append("## ").append(results.image()).append("\n\n");
            appendResults(page, results);
            appendTeardown(page, results);
            appendReset(page, results);
            appendFirstRun(page, results);
            appendProfile(page, results);
        }
        appendFirstStart(page);
        appendJvmWork(page);
        page.append(resource(ANALYSIS_RESOURCE)).append('\n');
        page.append(resource(PRELOAD_RESOURCE).replaceFirst("(?s)^<!--.*?-->\\s*", "")).append('\n');
        appendMemory(page);
        return page.toString();
    }

    private void appendRun(StringBuilder page) {
        page.append("## How it was run\n\n")
                .append("```\n").append(settings.command()).append("\n```\n\n")
                .append("- Machine: ").append(facts.cores()).append(" cores, ")
                .append(gibibytes(facts.memoryBytes())).append(" memory, ").append(facts.kernel()).append('\n')
                .append("- Docker engine: ").append(facts.dockerVersion()).append('\n')
                .append("- JVM: ").append(facts.java()).append('\n')
                .append("- Images: ").append(String.join(", ", settings.images()))
                .append(", one after the other; every contender starts the same image. The rootless variant (")
                .append(settings.rootlessImage()).append(") runs only in the rounds of ")
                .append(settings.rootlessBeside()).append(", the image it is built from.\n")
                .append("- ").append(settings.warmups()).append(" warm-up rounds, then ").append(settings.runs())
                .append(" measured rounds. Each round runs every contender once, starting with a different one")
                .append(" each round, so load changes hit all of them alike.\n")
                .append("- Load average (1, 5, 15 min) before: ").append(loadBefore).append(", after: ")
                .append(loadAfter).append(". Other builds shared the machine unless both are near 0.\n")
                .append("- Finished ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" after ")
                .append(Math.round(totalTime.toSeconds() / 6.0) / 10.0).append(" minutes.\n\n");
    }

    private void appendResults(StringBuilder page, ImageResults results) {
        page.append("### Time to a ready client\n\n")
                .append("| contender | from ... to ... | median | min | max | × floor | recipe ÷ it |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Samples samples : results.startups()) {
            Summary ready = samples.readySummary();
            page.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f | %.2f |%n",
                    samples.contender().name(), samples.contender().description(), Summary.millis(ready.median()),
                    Summary.millis(ready.min()), Summary.millis(ready.max()), ratioToFloor(results, samples),
                    speedUpOverRecipe(results, samples)));
        }
        page.append("\n- ").append(floorGoal(results)).append("\n- ").append(recipeGoal(results)).append('\n');
        results.rootless().ifPresent(rootless -> page.append("- ").append(rootlessComparison(results, rootless))
                .append('\n'));
        Samples library = results.library();
        for (Samples samples : results.contenders()) {
            if (!(samples.contender() instanceof JUnitClassContender)) {
                continue;
            }
            page.append("- ").append(samples.contender().name()).append(": ")
                    .append(Summary.millis(samples.readySummary().median()))
                    .append(" per class (median), of which this library's start is ")
                    .append(Summary.millis(library.readySummary().median()))
                    .append(" and its teardown ")
                    .append(Summary.millis(Summary.of(library.teardown()).median())).append(".\n");
        }
        page.append("\n![Box plot of the runs of each contender with ").append(results.image()).append("](")
                .append(results.chartFile()).append(")\n\n");
    }

    private void appendTeardown(StringBuilder page, ImageResults results) {
        page.append("### Teardown\n\n")
                .append("From asking for removal until the container and its volume are gone; each run checks")
                .append(" afterwards that the engine no longer has either.\n\n")
                .append("| contender | median | min | max |\n| --- | ---: | ---: | ---: |\n");
        for (Samples samples : results.startups()) {
            if (samples.hasTeardown()) {
                Summary teardown = Summary.of(samples.teardown());
                page.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", samples.contender().name(),
                        Summary.millis(teardown.median()), Summary.millis(teardown.min()),
                        Summary.millis(teardown.max())));
            }
        }
        page.append('\n');
    }

    private void appendReset(StringBuilder page, ImageResults results) {
        Duration coldStart = results.libraryColdStart();
        page.append("### Shared daemon's reset\n\n")
                .append("With the shared scope, one daemon serves many classes and `DaemonBaseline.restore` brings")
                .append(" it back to its state right after start between two classes. The benchmark keeps one")
                .append(" daemon of this image for each workload, started once outside the timed part. Each run")
                .append(" first makes a class's leftovers again, untimed, then times the reset and checks that it")
                .append(" removed them. The reset replaces a cold start of a fresh daemon per class: this")
                .append(" library's start plus teardown, ").append(Summary.millis(coldStart))
                .append(" (median of each run's sum of the two, from the tables above).\n\n")
                .append("| workload | leftovers | median | min | max | ÷ cold start |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (Samples samples : results.resets()) {
            ResetContender reset = (ResetContender) samples.contender();
            Summary summary = samples.readySummary();
            page.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.3f |%n", reset.workload().label(),
                    reset.workload().leftovers(), Summary.millis(summary.median()), Summary.millis(summary.min()),
                    Summary.millis(summary.max()), resetToColdStart(results, samples)));
        }
        page.append("\n- ").append(resetGoal(results)).append('\n')
                .append("- The light workload is the typical class: it is what a class that tests code driving")
                .append(" Docker leaves when it copies an image in and runs a container to completion, as")
                .append(" `RunContainerExampleTest` does. The heavy workload is the upper end, a class that")
                .append(" builds an image and leaves a container running with its own network and volume; it is")
                .append(" reported so that the goal does not rest on the cheap case alone.\n\n");
    }

    private void appendFirstRun(StringBuilder page, ImageResults results) {
        page.append("### First warm-up run\n\n")
                .append("The first warm-up run of each contender, which the tables above leave out. For the first")
                .append(" image it includes loading the classes that only this contender uses, such as the JUnit")
                .append(" launcher's engine.\n\n")
                .append("| contender | first run |\n| --- | ---: |\n");
        for (Samples samples : results.startups()) {
            page.append("| ").append(samples.contender().name()).append(" | ")
                    .append(Summary.millis(samples.firstRun().ready())).append(" |\n");
        }
        page.append('\n');
    }

    private void appendProfile(StringBuilder page, ImageResults results) {
        Samples profile = results.profile();
        page.append("### Where the time goes\n\n")
                .append("Medians of each step. The floor and the recipe time their own steps; this library's")
                .append(" steps come from ").append(profile.readySummary().count())
                .append(" extra starts of a subclass that records when Testcontainers calls each hook of")
                .append(" `DinDContainer`, after the measured rounds.\n\n");
        for (Samples samples : List.of(results.floor(), results.recipe(), profile)) {
            page.append("| ").append(samples.contender().name()).append(" | median |\n| --- | ---: |\n");
            samples.medianPhases().forEach((phase, duration) ->
                    page.append("| ").append(phase).append(" | ").append(Summary.millis(duration)).append(" |\n"));
            page.append("| **total** | **").append(Summary.millis(samples.readySummary().median()))
                    .append("** |\n\n");
        }
        page.append("How late polling noticed the daemon, from its `API listen on [::]:2376` log line (the")
                .append(" engine's timestamp) to the first successful ping, median (min to max):\n\n");
        for (Samples samples : List.of(results.floor(), profile)) {
            Summary delay = samples.listenToReady();
            if (delay != null) {
                page.append("- ").append(samples.contender().name()).append(": ")
                        .append(Summary.millis(delay.median())).append(" (").append(Summary.millis(delay.min()))
                        .append(" to ").append(Summary.millis(delay.max())).append(")\n");
            }
        }
        page.append('\n');
    }

    private void appendFirstStart(StringBuilder page) {
        ImageResults first = images.get(0);
        page.append("## First daemon in a fresh JVM\n\n")
                .append("The benchmark's very first action is one start of this library with ").append(first.image())
                .append(", before anything else has loaded Testcontainers, docker-java or BouncyCastle, as the")
                .append(" first test class of a build does: ").append(Summary.millis(firstStart.ready()))
                .append(" to a ready client, against a median of ")
                .append(Summary.millis(first.library().readySummary().median()))
                .append(" once the JVM is warm. The difference is class loading and Testcontainers' first")
                .append(" connection to the engine, paid once per JVM.\n\n");
    }

    private void appendJvmWork(StringBuilder page) {
        page.append("## Where the time goes\n\n")
                .append("Done in the JVM, off the critical path while Docker creates the container (median of ")
                .append("repeated runs in a warm JVM):\n\n")
                .append("| step | median |\n| --- | ---: |\n");
        tls.forEach((step, duration) ->
                page.append("| ").append(step).append(" | ").append(Summary.millis(duration)).append(" |\n"));
        page.append('\n');
    }

    private void appendMemory(StringBuilder page) {
        page.append("## Memory\n\n")
                .append("Measured with ").append(settings.images().get(0)).append(".\n\n")
                .append(String.format(Locale.ROOT, "- JVM heap retained per live daemon: %.1f KiB (heap used after"
                        + " a full collection with %d live daemons, minus the same before they started, divided"
                        + " by %d). It holds the container's Testcontainers state, the TLS material and the"
                        + " docker-java client.%n", memory.heapPerDaemonBytes() / 1024.0, memory.daemons(),
                        memory.daemons()))
                .append("- Memory used by one DinD container after it was ready, as its cgroup reports it: ")
                .append(memory.containerMemoryBytes() < 0 ? "unknown" : mebibytes(memory.containerMemoryBytes()))
                .append(" (the memory charged to the container, which leaves out pages of the image's files that")
                .append(" another container read first).\n")
                .append("- Memory of the daemons inside it, from `/proc/PID/smaps_rollup` (private memory is what")
                .append(" each process alone uses; resident memory also counts pages of binaries shared with other")
                .append(" containers of the image):\n\n```\n")
                .append(memory.processes()).append("\n```\n");
    }

    private static double ratioToFloor(ImageResults results, Samples samples) {
        return Summary.ratio(samples.readySummary().median(), results.floor().readySummary().median());
    }

    private static double speedUpOverRecipe(ImageResults results, Samples samples) {
        return Summary.ratio(results.recipe().readySummary().median(), samples.readySummary().median());
    }

    private static String floorGoal(ImageResults results) {
        double ratio = ratioToFloor(results, results.library());
        return String.format(Locale.ROOT, "This library's median is %.2f times the floor's (goal: at most %.2f): %s.",
                ratio, MAX_RATIO_TO_FLOOR, ratio <= MAX_RATIO_TO_FLOOR ? "met" : "NOT met");
    }

    private static double resetToColdStart(ImageResults results, Samples reset) {
        return Summary.ratio(reset.readySummary().median(), results.libraryColdStart());
    }

    private static String resetGoal(ImageResults results) {
        Samples typical = results.resets().stream()
                .filter(samples -> ((ResetContender) samples.contender()).workload() == TYPICAL_WORKLOAD)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No reset with the " + TYPICAL_WORKLOAD.label()));
        double ratio = resetToColdStart(results, typical);
        return String.format(Locale.ROOT, "The reset after a typical class (%s) takes %.1f %% of a cold start"
                + " (goal: at most %.0f %%): %s.", TYPICAL_WORKLOAD.label(), ratio * 100, MAX_RESET_TO_COLD_START * 100,
                ratio <= MAX_RESET_TO_COLD_START ? "met" : "NOT met");
    }

    private static String rootlessComparison(ImageResults results, Samples rootless) {
        Summary ready = rootless.readySummary();
        Summary library = results.library().readySummary();
        return String.format(Locale.ROOT, "Rootless variant ÷ this library: %.2f (median %s against %s for the"
                + " default variant of the same Docker version); teardown %s against %s.",
                Summary.ratio(ready.median(), library.median()), Summary.millis(ready.median()),
                Summary.millis(library.median()), Summary.millis(Summary.of(rootless.teardown()).median()),
                Summary.millis(Summary.of(results.library().teardown()).median()));
    }

    private static String recipeGoal(ImageResults results) {
        double speedUp = speedUpOverRecipe(results, results.library());
        return String.format(Locale.ROOT, "This library is %.2f times faster than the hand-written recipe (goal: at"
                + " least %.1f): %s.", speedUp, MIN_SPEED_UP_OVER_RECIPE,
                speedUp >= MIN_SPEED_UP_OVER_RECIPE ? "met" : "NOT met");
    }

    private static String resource(String name) {
        try (InputStream input = Report.class.getResourceAsStream(name)) {
            if (input == null) {
                throw new IllegalStateException("Missing resource " + name + " beside " + Report.class);
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + name, e);
        }
    }

    private static String gibibytes(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
