package dev.stockhold.loadtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short flash sale over the HTTP API against the real server in this process. */
class FlashSaleHttpTest
{
    private static final long SEED = 7;

    @Test
    void flashSaleOverHttpSellsExactlyTheStock(@TempDir final Path out) throws Exception
    {
        System.out.println("seed " + SEED);
        try (HttpServerFixture server = new HttpServerFixture())
        {
            final int status = LoadTestCli.execute("run", "--target", server.url(), "--scenario", "flash-sale",
                "--orders", "600", "--stock", "40", "--connections", "16", "--seed", Long.toString(SEED),
                "--out", out.toString());

            assertEquals(0, status, "flash sale audit and checks");
        }
        final String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("[PASS] exactly the stock sold: locked 40, deducted 40, stock 40"), summary);
        assertTrue(summary.contains("[PASS] every other order refused: 560 refused"), summary);
        assertTrue(summary.contains("[PASS] change feed shows every cell's final state"), summary);
        assertTrue(summary.contains("80 of 80 acknowledged commands synced"), summary);
    }
}
