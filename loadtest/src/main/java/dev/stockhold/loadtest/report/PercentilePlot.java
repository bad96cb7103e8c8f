package dev.stockhold.loadtest.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws latency-by-percentile curves as a PNG, like HdrHistogram's plotter: the x axis is
 * {@code log10(1 / (1 - percentile))}, so 90%, 99%, 99.9% ... are evenly spaced and the tail is visible;
 * the y axis is latency in milliseconds. Headless (java.awt without a display).
 */
public final class PercentilePlot
{
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    /** The x axis ends at 99.999%. */
    private static final double MAX_NINES = 5;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e)};

    private final Map<String, Histogram> series = new LinkedHashMap<>();
    private final String title;

    /** @param title the plot's heading. */
    public PercentilePlot(final String title)
    {
        this.title = title;
    }

    /** Adds a curve of a nanosecond histogram; empty histograms are left out. */
    public PercentilePlot add(final String name, final Histogram histogram)
    {
        if (histogram.getTotalCount() > 0)
        {
            series.put(name, histogram);
        }
        return this;
    }

    /** Writes the PNG. */
    public void write(final Path file) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try
        {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            final double maxMillis = niceCeiling(maxMillis());
            axes(g, maxMillis);
            int index = 0;
            for (final Map.Entry<String, Histogram> entry : series.entrySet())
            {
                final Color color = COLORS[index % COLORS.length];
                curve(g, entry.getValue(), maxMillis, color);
                g.setColor(color);
                g.fillRect(LEFT + 15, TOP + 12 + index * 18, 18, 4);
                g.setColor(Color.DARK_GRAY);
                g.drawString(entry.getKey() + String.format("  (n=%d, max %.3f ms)", entry.getValue().getTotalCount(),
                    entry.getValue().getMaxValue() / 1e6), LEFT + 40, TOP + 18 + index * 18);
                index++;
            }
        }
        finally
        {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private double maxMillis()
    {
        double max = 0.001;
        for (final Histogram histogram : series.values())
        {
            max = Math.max(max, histogram.getMaxValue() / 1e6);
        }
        return max;
    }

    private void axes(final Graphics2D g, final double maxMillis)
    {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        final String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int nines = 0; nines <= MAX_NINES; nines++)
        {
            final int x = x(nines);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
            g.setColor(Color.BLACK);
            g.drawString(labels[nines], Math.min(x - 15, WIDTH - 60), HEIGHT - BOTTOM + 18);
        }
        g.drawString("percentile", WIDTH / 2 - 30, HEIGHT - 15);
        for (int i = 0; i <= 5; i++)
        {
            final double value = maxMillis * i / 5;
            final int y = y(value, maxMillis);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setColor(Color.BLACK);
            g.drawString(maxMillis >= 10 ? String.format("%.0f", value) : String.format("%.3f", value), 10, y + 4);
        }
        g.drawString("ms", 10, TOP - 8);
    }

    private void curve(final Graphics2D g, final Histogram histogram, final double maxMillis, final Color color)
    {
        final List<int[]> points = new ArrayList<>();
        for (final HistogramIterationValue value : histogram.percentiles(5))
        {
            final double percentile = Math.min(value.getPercentileLevelIteratedTo(), 100.0);
            final double nines = percentile >= 100.0 ? MAX_NINES : Math.log10(100.0 / (100.0 - percentile));
            if (nines > MAX_NINES)
            {
                break;
            }
            points.add(new int[] {xOf(nines), y(value.getValueIteratedTo() / 1e6, maxMillis)});
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        for (int i = 1; i < points.size(); i++)
        {
            g.drawLine(points.get(i - 1)[0], points.get(i - 1)[1], points.get(i)[0], points.get(i)[1]);
        }
    }

    private static int x(final int nines)
    {
        return xOf(nines);
    }

    private static int xOf(final double nines)
    {
        return LEFT + (int)Math.round((WIDTH - LEFT - RIGHT) * Math.min(nines, MAX_NINES) / MAX_NINES);
    }

    private static int y(final double millis, final double maxMillis)
    {
        return HEIGHT - BOTTOM - (int)Math.round((HEIGHT - TOP - BOTTOM) * Math.min(millis, maxMillis) / maxMillis);
    }

    /** @return 1, 2 or 5 times a power of ten, at least {@code value}. */
    static double niceCeiling(final double value)
    {
        final double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (final double step : new double[] {1, 2, 5, 10})
        {
            if (value <= step * power)
            {
                return step * power;
            }
        }
        return 10 * power;
    }
}
