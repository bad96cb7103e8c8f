package dev.stockhold.loadtest;

import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.run.LoadRun;
import dev.stockhold.loadtest.run.RunSettings;
import dev.stockhold.loadtest.scenario.Scenarios;
import dev.stockhold.loadtest.server.LocalServer;
import dev.stockhold.loadtest.workload.WorkloadConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The steady mix (expiries included) and burst-500 over the binary protocol: progress, summary, audit, sync. */
class SteadyRunTest
{
    private static final long SEED = 99;

    @Test
    void steadyMixPrintsProgressAndPassesTheAuditWithExpiries(@TempDir final Path out) throws Exception
    {
        System.out.println("seed " + SEED);
        final WorkloadConfig workload = new WorkloadConfig(200, 3, 1.1, 1_000, 5, 3, 0.5, 0.2, 0.2, 0.05, 1, 900,
            0.3, WorkloadConfig.defaultChannels(), SEED, "T" + System.nanoTime());
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Report report;
        try (LocalServer server = new LocalServer("127.0.0.1", 0, false);
             PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            final RunSettings settings = new RunSettings(server.sbeUrl(), 300, Duration.ofSeconds(2),
                Duration.ofMillis(500), 4, 16, 0, workload, out);
            report = new LoadRun(Scenarios.byName("steady"), settings, print).run();
        }
        final String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(printed + report.summary());

        assertTrue(report.passed(), report.summary());
        assertTrue(Pattern.compile("\\[\\s+1s] rate\\s+\\d+/s\\s+ok\\s+\\d+.*p50\\s+[\\d.]+ ms\\s+p99\\s+[\\d.]+ ms")
            .matcher(printed).find(), printed);
        assertTrue(report.summary().contains("sync (lock)"), report.summary());
        assertTrue(Pattern.compile("orders read back [1-9]").matcher(report.summary()).find(),
            "expired orders were read back: " + report.summary());
        assertTrue(Files.size(out.resolve("latency.png")) > 1000);
        assertTrue(Files.readString(out.resolve("latency.hgrm")).contains("#[Mean"));
    }

    @Test
    void burstOf500LocksDeductsAndSyncsEveryOrder(@TempDir final Path out) throws Exception
    {
        System.out.println("seed " + SEED);
        try (LocalServer server = new LocalServer("127.0.0.1", 0, false))
        {
            final int status = LoadTestCli.execute("run", "--target", server.sbeUrl(), "--scenario", "burst-500",
                "--skus", "2000", "--seed", Long.toString(SEED), "--out", out.toString());
            assertEquals(0, status);
        }
        final String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.contains("[PASS] every order locked: 500 of 500"), summary);
        assertTrue(summary.contains("[PASS] every order deducted: 500 of 500"), summary);
        assertTrue(summary.contains("[PASS] every lock and deduct synced: 1000 of 1000"), summary);
    }
}
