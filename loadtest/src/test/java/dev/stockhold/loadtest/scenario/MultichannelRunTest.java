package dev.stockhold.loadtest.scenario;

import dev.stockhold.gateway.crash.ServerProcess;
import dev.stockhold.loadtest.LoadTestCli;
import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.run.LoadRun;
import dev.stockhold.loadtest.run.RunSettings;
import dev.stockhold.loadtest.workload.ChannelCatalog;
import dev.stockhold.loadtest.workload.ChannelOptions;
import dev.stockhold.loadtest.workload.WorkloadConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code multichannel} scenario against the real server in a child process: channels, kits, listings and
 * allocations set up over HTTP, orders by listing from every channel, and an audit that recomputes every
 * published quantity; then the same audit must catch a server changed behind the harness's back.
 */
class MultichannelRunTest
{
    private static final long SEED = 7;

    @Test
    void ordersByListingFromEveryChannelKeepEveryPublishedQuantityByTheFormula(@TempDir final Path data,
        @TempDir final Path out) throws Exception
    {
        System.out.println("seed " + SEED);
        // Little stock per cell, so buffers, percentages, caps and allocations all bite, and some locks are refused.
        final WorkloadConfig workload = new WorkloadConfig(120, 3, 1.1, 40, 3, 3, 0.5, 0.2, 0.15, 0.05, 1, 900,
            0.3, WorkloadConfig.defaultChannels(), SEED, "M" + System.nanoTime());
        final ChannelOptions options = new ChannelOptions(3, 12, 0.2, 8, 40);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Report report;
        try (ServerProcess server = ServerProcess.start("multichannel", data, List.of()).awaitReady();
             PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            final String url = "http://127.0.0.1:" + server.httpPort();
            final RunSettings settings = new RunSettings(url, 200, Duration.ofSeconds(3), Duration.ofSeconds(1), 4, 16,
                0, workload, out, options);
            report = new LoadRun(Scenarios.byName("multichannel"), settings, print).run();
            System.out.print(bytes.toString(StandardCharsets.UTF_8) + report.summary());
            assertTrue(report.passed(), report.summary());
            assertTrue(report.summary().contains("[PASS] every listing's published quantity by the formula: 396"
                + " listings recomputed"), report.summary());
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("set up 5 channels, 12 kits, 396 listings,"
                + " 40 allocations"), bytes.toString(StandardCharsets.UTF_8));
            final Matcher refusals = Pattern.compile("(\\d+) refused \\(insufficient stock\\)")
                .matcher(report.summary());
            assertTrue(refusals.find() && Long.parseLong(refusals.group(1)) > 0, "the popular cells ran out: "
                + report.summary());

            final ChannelCatalog catalog = new ChannelCatalog(workload, options);
            final ChannelAudit audit = new ChannelAudit(new ChannelHttp(url), catalog, workload);
            assertTrue(audit.run().published().isEmpty());
            // Behind the harness's back: a listing rebound to another SKU, an allocation raised above what was set.
            final ChannelCatalog.Listing listing = catalog.listings().get(0);
            assertEquals(200, server.send("PUT", "/v1/channels/" + listing.channel() + "/listings/"
                + listing.listingId(), "{\"sku\":\"" + workload.sku(workload.skus() - 1) + "\"}").statusCode());
            final ChannelCatalog.Allocation allocation = catalog.allocations().get(catalog.allocations().size() - 1);
            assertEquals(200, server.send("PUT", "/v1/channels/" + allocation.channel() + "/allocations/"
                + allocation.sku() + "/" + allocation.warehouse(), "{\"units\":" + (allocation.units() + 1) + "}")
                .statusCode());
            final ChannelAudit.Result changed = audit.run();
            assertTrue(changed.published().stream().anyMatch(m -> m.contains(listing.listingId() + ": ")
                && m.contains("bound to " + workload.sku(workload.skus() - 1))), changed.published().toString());
            assertTrue(changed.state().stream().anyMatch(m -> m.startsWith("allocation Allocation[channel="
                + allocation.channel() + ", sku=" + allocation.sku())), changed.state().toString());
        }
    }

    @Test
    void theOptionsAreInTheHelpAndTheBinaryProtocolIsRefused() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(0, LoadTestCli.execute("run", "--help"));
        }
        finally
        {
            System.setOut(original);
        }
        final String help = bytes.toString(StandardCharsets.UTF_8);
        for (final String option : List.of("multichannel", "--listings-per-sku", "--kits", "--kit-share",
            "--allocated-cells", "--allocation-units"))
        {
            assertTrue(help.contains(option), option + " in " + help);
        }
        final WorkloadConfig workload = new WorkloadConfig(10, 1, 1.1, 10, 1, 1, 1, 0, 0, 0, 1, 0, 0,
            WorkloadConfig.defaultChannels(), SEED, "X");
        final RunSettings binary = new RunSettings("sbe://127.0.0.1:7070", 1, Duration.ofSeconds(1), Duration.ZERO, 1,
            1, 0, workload, Path.of("unused"));
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new MultichannelScenario().generator(workload, binary));
        assertTrue(refused.getMessage().contains("http://"), refused.getMessage());
    }
}
