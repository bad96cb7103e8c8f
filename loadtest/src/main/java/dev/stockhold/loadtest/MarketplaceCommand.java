package dev.stockhold.loadtest;

import dev.stockhold.loadtest.marketplace.MarketplaceRuns;
import dev.stockhold.loadtest.marketplace.OversellRun;
import dev.stockhold.loadtest.marketplace.PushLatencyRun;
import dev.stockhold.logging.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code loadtest marketplace}: fake marketplaces in this process that a running server pushes channels'
 * quantities to, with shoppers that buy what they show. {@code oversell} counts the sales the server then
 * refuses (shared pool against escrow); {@code latency} measures lock answered → delivery received.
 */
@Command(name = "marketplace", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {"Fake marketplaces receiving a running server's channel pushes (HTTP, signatures checked).",
        "oversell: marketplaces sell what they show; a sale the server refuses is an oversell.",
        "latency: locks at --rate; from each lock's answer to the delivery of its listing's new quantity."})
final class MarketplaceCommand implements Callable<Integer>
{
    @Option(names = "--target", required = true, paramLabel = "URL",
        description = "The server's HTTP API, e.g. http://127.0.0.1:8080 (no API keys).")
    String target;

    @Option(names = "--scenario", defaultValue = "oversell", description = "oversell or latency (default ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--mode", defaultValue = "shared",
        description = "oversell: shared (every channel publishes the pool) or escrow (allocations, percent 0).")
    String mode;

    @Option(names = "--marketplaces", defaultValue = "2", description = "oversell: marketplaces (channels).")
    int marketplaces;

    @Option(names = "--skus", defaultValue = "10", description = "SKUs, one listing each per marketplace.")
    int skus;

    @Option(names = "--stock", defaultValue = "40", description = "oversell: units of each SKU (default ${DEFAULT-VALUE}).")
    long stock;

    @Option(names = "--min-stock", paramLabel = "UNITS",
        description = "oversell: units of the first SKU, rising evenly to --stock over the others, so SKUs sell out"
            + " one after another (default: every SKU has --stock).")
    Long minStock;

    @Option(names = "--buffer", defaultValue = "0", paramLabel = "UNITS",
        description = "oversell: each channel's bufferUnits, units of every pool no channel shows (default ${DEFAULT-VALUE}).")
    long buffer;

    @Option(names = "--rate", defaultValue = "1000",
        description = "oversell: sales per second per marketplace; latency: locks per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--demand", defaultValue = "any", paramLabel = "any|sku",
        description = "oversell: any (a buyer takes any listing still shown, so demand piles onto the last SKUs:"
            + " hostile) or sku (a buyer wants one SKU drawn at random and leaves if it shows none; default ${DEFAULT-VALUE}).")
    String demand;

    @Option(names = "--push-rate", paramLabel = "N",
        description = "Each channel's push ratePerSecond (default: 2 for oversell, unthrottled for latency).")
    Integer pushRate;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
        description = "How long shoppers buy or locks are sent (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Override
    public Integer call() throws Exception
    {
        if (!"any".equals(demand) && !"sku".equals(demand))
        {
            System.err.println("unknown --demand " + demand + ": any or sku");
            return 2;
        }
        return switch (scenario)
        {
            case "oversell" -> MarketplaceRuns.oversell(new OversellRun.Settings(target, "escrow".equals(mode),
                marketplaces, skus, minStock == null ? stock : minStock, stock, buffer, "sku".equals(demand), rate,
                pushRate == null ? 2 : pushRate, duration.toMillis()), System.out) ? 0 : 1;
            case "latency" -> MarketplaceRuns.latency(new PushLatencyRun.Settings(target, rate, skus,
                pushRate == null ? PushLatencyRun.UNTHROTTLED : pushRate, duration.toMillis()), System.out) ? 0 : 1;
            default ->
            {
                System.err.println("unknown scenario " + scenario + ": oversell or latency");
                yield 2;
            }
        };
    }
}
