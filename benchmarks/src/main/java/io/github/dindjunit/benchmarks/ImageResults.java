package io.github.dindjunit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** Returns the contenders that start a daemon per run, in order: all but the resets. */
    List<Samples> startups() {
        return contenders.stream().filter(samples -> !(samples.contender() instanceof ResetContender)).toList();
    }

    /** Returns the resets of the shared daemon, one per workload. */
    List<Samples> resets() {
        return contenders.stream().filter(samples -> samples.contender() instanceof ResetContender).toList();
    }

    /** Returns the rootless variant's runs, if it ran beside this image. */
    Optional<Samples> rootless() {
        return contenders.stream()
                .filter(samples -> samples.contender() instanceof LibraryContender library && library.isRootless())
                .findFirst();
    }

    /**
     * Returns the median of this library's start plus teardown, run by run: what a fresh daemon per class
     * costs, which the shared daemon's reset replaces.
     */
    Duration libraryColdStart() {
        Samples library = library();
        List<Duration> ready = library.ready();
        List<Duration> teardown = library.teardown();
        List<Duration> coldStarts = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            coldStarts.add(ready.get(i).plus(teardown.get(i)));
        }
        return Summary.of(coldStarts).median();
    }

    /** Returns the chart's file name, made from the image name, such as {@code benchmarks-dind-trixie.png}. */
    String chartFile() {
        String name = image.substring(image.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9.-]+", "-");
        return "benchmarks-" + name + ".png";
    }
}
