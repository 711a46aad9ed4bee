package io.waddle.autoscaler.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** One PNG per trace: a panel per autoscaler, demand (grey) against serving supply (blue). */
final class DemandSupplyChart {
    private DemandSupplyChart() {}

    static void write(
            Path png, String title, Instant day, Duration step, List<ElasticityEngine.Run> runs)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        NumberAxis hours = new NumberAxis("hour of " + day.toString().substring(0, 10) + " (UTC)");
        hours.setRange(0, 24);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(hours);
        plot.setGap(6);
        double stepHours = step.toMillis() / 3_600_000.0;
        for (ElasticityEngine.Run r : runs) {
            XYSeries demand = new XYSeries("demand");
            XYSeries supply = new XYSeries("supply");
            for (int i = 0; i < r.demand().length; i++) {
                demand.add(i * stepHours, r.demand()[i]);
                supply.add(i * stepHours, r.supply()[i]);
            }
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(demand);
            data.addSeries(supply);
            XYStepRenderer renderer = new XYStepRenderer();
            renderer.setSeriesPaint(0, new Color(120, 120, 120));
            renderer.setSeriesPaint(1, new Color(31, 119, 180));
            renderer.setSeriesStroke(0, new BasicStroke(1.2f));
            renderer.setSeriesStroke(1, new BasicStroke(1.6f));
            NumberAxis instances = new NumberAxis(r.autoscaler());
            instances.setAutoRangeIncludesZero(true);
            XYPlot panel = new XYPlot(data, null, instances, renderer);
            panel.setBackgroundPaint(Color.WHITE);
            panel.setRangeGridlinePaint(new Color(220, 220, 220));
            plot.add(panel, 1);
        }
        JFreeChart chart =
                new JFreeChart(
                        title + ": demand (grey) vs serving instances (blue)",
                        JFreeChart.DEFAULT_TITLE_FONT,
                        plot,
                        false);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 230 * runs.size());
    }
}
