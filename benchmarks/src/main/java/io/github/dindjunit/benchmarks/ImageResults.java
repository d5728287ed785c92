package io.github.dindjunit.benchmarks;

import java.util.List;

/**
 * The results for one DinD image.
 *
 * @param image the image that every contender started
 * @param contenders the measured runs, in the order of {@link StartupBenchmark#contenders}: the floor, the
 *     recipe, this library, then the rest
 * @param profile the extra starts of {@link ProfiledDinDContainer}
 */
record ImageResults(String image, List<Samples> contenders, Samples profile) {

    Samples floor() {
        return contenders.get(0);
    }

    Samples recipe() {
        return contenders.get(1);
    }

    Samples library() {
        return contenders.get(2);
    }

    /** Returns the chart's file name, made from the image name, such as {@code benchmarks-dind-trixie.png}. */
    String chartFile() {
        String name = image.substring(image.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9.-]+", "-");
        return "benchmarks-" + name + ".png";
    }
}
