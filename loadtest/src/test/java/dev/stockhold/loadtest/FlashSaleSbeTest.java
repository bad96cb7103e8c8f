package dev.stockhold.loadtest;

import dev.stockhold.loadtest.server.LocalServer;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short flash sale over the binary protocol against a real engine and server in this process. */
class FlashSaleSbeTest
{
    private static final long SEED = 42;

    @Test
    void flashSaleSellsExactlyTheStockAndWritesTheReport(@TempDir final Path out) throws Exception
    {
        System.out.println("seed " + SEED);
        try (LocalServer server = new LocalServer("127.0.0.1", 0, false))
        {
            final int status = LoadTestCli.execute("run", "--target", server.sbeUrl(), "--scenario", "flash-sale",
                "--orders", "1500", "--stock", "60", "--connections", "8", "--seed", Long.toString(SEED),
                "--out", out.toString());

            assertEquals(0, status, "flash sale audit and checks");
        }
        final String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("[PASS] exactly the stock sold: locked 60, deducted 60, stock 60"), summary);
        assertTrue(summary.contains("[PASS] every other order refused: 1440 refused"), summary);
        assertTrue(summary.contains("[PASS] audit"), summary);
        final BufferedImage png = ImageIO.read(out.resolve("latency.png").toFile());
        assertNotNull(png);
        assertEquals(900, png.getWidth());
        final String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,") && html.contains("<b>PASSED</b>"));
        final HistogramLogReader log = new HistogramLogReader(out.resolve("latency.hlog").toFile());
        long logged = 0;
        for (org.HdrHistogram.Histogram histogram = (org.HdrHistogram.Histogram)log.nextIntervalHistogram();
             histogram != null; histogram = (org.HdrHistogram.Histogram)log.nextIntervalHistogram())
        {
            logged += histogram.getTotalCount();
        }
        assertEquals(1500 + 60, logged, "every lock and every deduct is in the histogram log");
    }
}
