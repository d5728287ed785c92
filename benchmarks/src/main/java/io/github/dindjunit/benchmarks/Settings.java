package io.github.dindjunit.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How the benchmark runs, read from system properties that the benchmarks module's POM sets.
 *
 * @param images the DinD images to compare on, one after the other. Every contender starts each of them, and
 *     each must exist on the engine, because nothing is pulled. Memory is measured with the first.
 * @param warmups rounds run first and left out of the statistics
 * @param runs measured rounds; each round runs every contender once
 * @param profileRuns runs of the profiled library container, after the measured rounds
 * @param memoryDaemons how many daemons are live at once while the heap is measured
 * @param rootlessImage the image of the rootless variant, started with {@code withRootless()}
 * @param rootlessBeside the default variant that the rootless image is built from. The rootless variant runs
 *     only in this image's rounds and is compared with its table.
 * @param reportDirectory where {@code benchmarks.md} and the chart are written
 * @param command the command that produced the report, quoted in it
 */
record Settings(List<String> images, int warmups, int runs, int profileRuns, int memoryDaemons, String rootlessImage,
        String rootlessBeside, Path reportDirectory, String command) {

    static Settings fromSystemProperties() {
        return new Settings(
                images(System.getProperty("benchmark.images",
                        "dind-junit/dind:forky,dind-junit/dind:trixie,dind-junit/dind:bookworm")),
                positive("benchmark.warmups", 2, 0),
                positive("benchmark.runs", 10, 1),
                positive("benchmark.profile.runs", 5, 1),
                positive("benchmark.memory.daemons", 4, 1),
                image("benchmark.rootless.image", "dind-junit/dind:trixie-rootless"),
                image("benchmark.rootless.beside", "dind-junit/dind:trixie"),
                Path.of(System.getProperty("benchmark.report.directory", "docs")).toAbsolutePath().normalize(),
                System.getProperty("benchmark.command", "scripts/benchmark.sh"));
    }

    private static List<String> images(String value) {
        List<String> images = Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
        if (images.isEmpty()) {
            throw new IllegalArgumentException("Invalid benchmark.images '" + value + "': expected one or more"
                    + " image names separated by commas, such as dind-junit/dind:trixie");
        }
        return images;
    }

    private static String image(String property, String defaultValue) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    private static int positive(String property, int defaultValue, int minimum) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + property + " '" + value + "': expected an integer"
                    + " of at least " + minimum, e);
        }
        if (parsed < minimum) {
            throw new IllegalArgumentException("Invalid " + property + " " + parsed + ": it must be at least "
                    + minimum);
        }
        return parsed;
    }
}
