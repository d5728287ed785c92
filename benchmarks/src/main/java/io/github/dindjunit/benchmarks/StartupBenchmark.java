package io.github.dindjunit.benchmarks;

import io.github.dindjunit.core.internal.TlsMaterial;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every contender in turn, round after round, so that a change in the machine's load hits all of them
 * alike. Then it profiles this library's start, measures memory, prints the table and writes the report.
 */
public final class StartupBenchmark {

    private static final Logger LOGGER = LoggerFactory.getLogger(StartupBenchmark.class);

    /** How often TLS material is generated to time it on its own. */
    private static final int TLS_SAMPLES = 20;

    private StartupBenchmark() {
    }

    /**
     * Runs the benchmark with the settings of {@link Settings#fromSystemProperties()}.
     *
     * @param arguments ignored; settings come from system properties
     */
    public static void main(String[] arguments) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Stopwatch total = Stopwatch.start();
        String loadBefore = MachineFacts.loadAverage();

        // Before anything else touches Testcontainers, docker-java or BouncyCastle: what the first test class
        // of a build pays.
        LOGGER.info("Starting the first daemon in this JVM");
        RunResult firstStart = new LibraryContender(settings.images().get(0)).run();
        MachineFacts facts = MachineFacts.read();

        List<ImageResults> images = new ArrayList<>();
        for (String image : settings.images()) {
            LOGGER.info("Benchmarking {}", image);
            images.add(new ImageResults(image, runRounds(settings, image), profile(settings, image)));
        }
        Map<String, Duration> tls = timeTlsMaterial();
        String memoryImage = settings.images().get(0);
        LOGGER.info("Measuring memory with {} live daemons of {}", settings.memoryDaemons(), memoryImage);
        MemoryProbe.Result memory = MemoryProbe.measure(memoryImage, settings.memoryDaemons());
        String loadAfter = MachineFacts.loadAverage();
        OuterEngine.checkNoContainersLeft();

        Report report = new Report(settings, facts, loadBefore, loadAfter, firstStart, images, tls, memory,
                total.elapsed());
        System.out.println(report.table());
        Files.createDirectories(settings.reportDirectory());
        for (ImageResults results : images) {
            Chart.write(results, settings.reportDirectory().resolve(results.chartFile()));
        }
        Files.writeString(settings.reportDirectory().resolve(Report.REPORT_FILE), report.markdown());
        LOGGER.info("Wrote {} and its charts in {}", Report.REPORT_FILE, settings.reportDirectory());
    }

    /**
     * Returns the contenders in the order of the table. The first is the floor that the others are compared
     * with, the second the hand-written recipe and the third this library. New contenders go after those. The
     * rootless variant runs only beside the image it is built from; the resets run with every image.
     */
    static List<Contender> contenders(Settings settings, String image) {
        List<Contender> contenders = new ArrayList<>(List.of(
                new FloorContender(image),
                new RecipeContender(image),
                new LibraryContender(image),
                new JUnitClassContender(image)));
        if (image.equals(settings.rootlessBeside())) {
            contenders.add(LibraryContender.rootless(settings.rootlessImage()));
        }
        contenders.add(new ResetContender(image, ResetContender.Workload.LIGHT));
        contenders.add(new ResetContender(image, ResetContender.Workload.HEAVY));
        return contenders;
    }

    /** Runs each round's contenders in a rotated order, so that none always runs right after another. */
    private static List<Samples> runRounds(Settings settings, String image) throws Exception {
        List<Contender> contenders = contenders(settings, image);
        List<Samples> results = new ArrayList<>();
        contenders.forEach(contender -> results.add(new Samples(contender)));
        try {
            runRounds(settings, results);
        } finally {
            for (Contender contender : contenders) {
                contender.close();
            }
        }
        return results;
    }

    private static void runRounds(Settings settings, List<Samples> results) throws Exception {
        int rounds = settings.warmups() + settings.runs();
        for (int round = 0; round < rounds; round++) {
            boolean warmup = round < settings.warmups();
            for (int i = 0; i < results.size(); i++) {
                Samples samples = results.get((round + i) % results.size());
                RunResult result = samples.contender().run();
                samples.add(result, warmup);
                LOGGER.info("{} {}/{}: {}: ready {}, teardown {}", warmup ? "warm-up" : "run",
                        warmup ? round + 1 : round - settings.warmups() + 1,
                        warmup ? settings.warmups() : settings.runs(), samples.contender().name(),
                        Summary.millis(result.ready()),
                        result.teardown() == null ? "-" : Summary.millis(result.teardown()));
            }
        }
    }

    private static Samples profile(Settings settings, String image) throws InterruptedException {
        ProfilingContender contender = new ProfilingContender(image);
        Samples samples = new Samples(contender);
        for (int i = 0; i < settings.profileRuns(); i++) {
            samples.add(contender.run(), false);
        }
        LOGGER.info("Profiled {} starts: {}", settings.profileRuns(), samples.medianPhases());
        return samples;
    }

    /** Times the TLS material on its own, as the library makes it for each daemon while Docker creates it. */
    private static Map<String, Duration> timeTlsMaterial() {
        List<Duration> generate = new ArrayList<>();
        List<Duration> sslContext = new ArrayList<>();
        for (int i = 0; i < TLS_SAMPLES; i++) {
            Stopwatch stopwatch = Stopwatch.start();
            TlsMaterial material = TlsMaterial.generate(List.of("localhost", "127.0.0.1", "::1", "docker"));
            generate.add(stopwatch.elapsed());
            material.serverFilesArchive();
            Stopwatch context = Stopwatch.start();
            material.clientSslContext();
            sslContext.add(context.elapsed());
        }
        return Map.of(
                "generate CA, server and client certificates (EC P-256)", Summary.of(generate).median(),
                "build the client's SSL context", Summary.of(sslContext).median());
    }
}
