package dev.stockhold.loadtest;

import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.run.LoadRun;
import dev.stockhold.loadtest.run.RunSettings;
import dev.stockhold.loadtest.scenario.Scenarios;
import dev.stockhold.loadtest.workload.ChannelOptions;
import dev.stockhold.loadtest.workload.WorkloadConfig;
import dev.stockhold.logging.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code loadtest run}: one scenario against a live server; exit 0 only when the audit and every check pass. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Runs a load scenario against a live server, then audits every cell against the answers it got.",
        "Scenarios: burst-500, flash-sale, steady, soak, multichannel (docs/loadtest.md).",
        "Exit status: 0 when the audit and every check passed, 1 otherwise, 2 for bad arguments."})
final class RunCommand implements Callable<Integer>
{
    @Option(names = "--target", required = true, paramLabel = "URL",
        description = "http://HOST:PORT (HTTP API) or sbe://HOST:PORT (binary protocol); https:// and sbes:// over TLS.")
    String target;

    @Mixin
    TargetAccessOptions targetAccess = new TargetAccessOptions();

    @Option(names = "--scenario", required = true, paramLabel = "NAME",
        description = "burst-500 | flash-sale | steady | soak | multichannel (HTTP only).")
    String scenario;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    static final class Pace
    {
        @Option(names = "--rate", paramLabel = "R", description = "Open loop: R requests per second, latency"
            + " measured from each request's intended time (default 1000 for steady and soak).")
        double rate = -1;

        @Option(names = "--max", description = "Closed loop: as fast as the server answers, --in-flight requests"
            + " outstanding.")
        boolean max;
    }

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
        description = "Measured time, e.g. 30s, 10m (default 30s; soak 10m).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "D", converter = DurationConverter.class, defaultValue = "5s",
        description = "Traffic before measuring, not in the histograms (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "8",
        description = "Connections; HTTP ones are keep-alive and pipelined (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "64",
        description = "Closed loop: requests kept in flight (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--orders", paramLabel = "N",
        description = "burst-500 and flash-sale: number of orders (default 500 and 5000).")
    Integer orders;

    @Option(names = "--skus", paramLabel = "K", description = "SKUs (default 10000; multichannel 1000).")
    Integer skus;

    @Option(names = "--warehouses", paramLabel = "W", defaultValue = "3",
        description = "Warehouses per SKU (default ${DEFAULT-VALUE}).")
    int warehouses;

    @Option(names = "--stock", paramLabel = "N",
        description = "On-hand units seeded per cell (default 100000; flash-sale: 100).")
    Long stock;

    @Option(names = "--zipf", paramLabel = "S", defaultValue = "1.1",
        description = "SKU popularity skew (default ${DEFAULT-VALUE}; 0 = uniform).")
    double zipf;

    @Option(names = "--max-lines", paramLabel = "N", defaultValue = "5",
        description = "Lines per order, 1..N (default ${DEFAULT-VALUE}).")
    int maxLines;

    @Option(names = "--max-quantity", paramLabel = "N", defaultValue = "3",
        description = "Units per line, 1..N (default ${DEFAULT-VALUE}).")
    int maxQuantity;

    @Option(names = "--mix", paramLabel = "D,R,E,C", split = ",", defaultValue = "0.6,0.2,0.1,0.05",
        description = "Shares of orders deducted, released, left to expire, returned after deduct; the rest"
            + " stays locked (default ${DEFAULT-VALUE}).")
    List<Double> mix;

    @Option(names = "--expire-ttl", paramLabel = "SECONDS", defaultValue = "2",
        description = "TTL of orders left to expire (default ${DEFAULT-VALUE}).")
    int expireTtl;

    @Option(names = "--ttl", paramLabel = "SECONDS", defaultValue = "900",
        description = "TTL of other orders, 0 for none (default ${DEFAULT-VALUE}).")
    int ttl;

    @Option(names = "--any-warehouse", paramLabel = "SHARE", defaultValue = "0.3",
        description = "Share of lines without a warehouse, placed by the engine (default ${DEFAULT-VALUE}).")
    double anyWarehouse;

    @Option(names = "--channels", paramLabel = "LIST", split = ",",
        defaultValue = "aliexpress,shopify,amazon,temu,tiktok", description = "Sales channels (default ${DEFAULT-VALUE});"
        + " multichannel configures each, its code prefixed with the run's.")
    List<String> channels;

    @Option(names = "--listings-per-sku", paramLabel = "N", defaultValue = "3",
        description = "multichannel: listings of every SKU and kit, each on another channel (default ${DEFAULT-VALUE}).")
    int listingsPerSku;

    @Option(names = "--kits", paramLabel = "N",
        description = "multichannel: kits of two SKUs, each with its listings (default: one per ten SKUs).")
    Integer kits;

    @Option(names = "--kit-share", paramLabel = "SHARE", defaultValue = "0.1",
        description = "multichannel: share of order lines by a kit's listing (default ${DEFAULT-VALUE}).")
    double kitShare;

    @Option(names = "--allocated-cells", paramLabel = "N", defaultValue = "10",
        description = "multichannel: cells every channel holds an allocation of, the most popular first"
            + " (default ${DEFAULT-VALUE}).")
    int allocatedCells;

    @Option(names = "--allocation-units", paramLabel = "N", defaultValue = "50",
        description = "multichannel: units of each allocation (default ${DEFAULT-VALUE}).")
    long allocationUnits;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: time; printed, re-run with it).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default ./results/<timestamp>).")
    Path out;

    @Override
    public Integer call() throws Exception
    {
        final boolean soak = "soak".equals(scenario);
        final long runSeed = seed != null ? seed : System.nanoTime();
        final String prefix = "R" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(java.util.Locale.ROOT);
        final boolean flash = "flash-sale".equals(scenario);
        if (mix.size() != 4)
        {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--mix takes four shares: deduct,release,expire,return");
        }
        final boolean multichannel = "multichannel".equals(scenario);
        final int skuCount = skus != null ? skus : multichannel ? 1000 : 10_000;
        final WorkloadConfig workload = new WorkloadConfig(skuCount, warehouses, zipf,
            stock != null ? stock : flash ? 100 : 100_000, maxLines, maxQuantity, mix.get(0), mix.get(1), mix.get(2),
            mix.get(3), expireTtl, ttl, anyWarehouse, channels, runSeed, prefix);
        final double rate = pace.max ? 0 : pace.rate > 0 ? pace.rate : 1000;
        final Duration measured = duration != null ? duration : soak ? Duration.ofMinutes(10) : Duration.ofSeconds(30);
        final Path dir = out != null ? out : Path.of("results",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + scenario);
        final int orderCount = orders != null ? orders : flash ? 5000 : 500;
        final ChannelOptions channelOptions = new ChannelOptions(listingsPerSku, kits != null ? kits : skuCount / 10,
            kitShare, allocatedCells, allocationUnits);
        final RunSettings settings = new RunSettings(target, rate, measured, warmup, connections, inFlight,
            orderCount, workload, dir, channelOptions, targetAccess.access());
        final Report report = new LoadRun(Scenarios.byName(scenario), settings, System.out).run();
        System.out.print(report.summary());
        System.out.println("report: " + dir.toAbsolutePath().resolve("report.html"));
        return report.passed() ? 0 : 1;
    }
}
