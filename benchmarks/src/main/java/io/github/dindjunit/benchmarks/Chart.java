package io.github.dindjunit.benchmarks;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/** Draws the measured runs as a box plot per contender with JFreeChart and saves it as a PNG file. */
final class Chart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private Chart() {
    }

    static void write(ImageResults results, Path file) throws IOException {
        DefaultBoxAndWhiskerCategoryDataset dataset = new DefaultBoxAndWhiskerCategoryDataset();
        for (Samples samples : results.startups()) {
            dataset.add(seconds(samples.ready()), "ready client", samples.contender().name());
            if (samples.hasTeardown()) {
                dataset.add(seconds(samples.teardown()), "teardown", samples.contender().name());
            }
        }

        JFreeChart chart = ChartFactory.createBoxAndWhiskerChart(
                "DinD start-up with " + results.image() + ", " + results.floor().ready().size() + " runs each",
                null, "seconds", dataset,
                true);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.GRAY);
        BoxAndWhiskerRenderer renderer = (BoxAndWhiskerRenderer) plot.getRenderer();
        renderer.setMeanVisible(false);
        renderer.setMaxOutlierVisible(true);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private static List<Double> seconds(List<Duration> durations) {
        return durations.stream().map(duration -> duration.toNanos() / 1e9).toList();
    }
}
