package dev.stockhold.benchmarks;

import dev.stockhold.client.Result;
import dev.stockhold.client.StockholdClient;
import dev.stockhold.client.request.SetStockRequest;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.gateway.binary.BinaryServer;
import dev.stockhold.logging.VersionProvider;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A lean load driver of the binary protocol: N raw client connections, each keeping a window of requests in
 * flight (closed loop: each answer sends the next request, from the client's event loop, so no thread waits
 * or wakes per request and the requests sent while reading a frame of answers go out together in the next
 * frame), writing every request straight into the outgoing frame and reading answers by correlation id, so
 * that the driver allocates nothing per request and spends as little CPU as it can: what it measures is the
 * server. Against a running server ({@code --target host:port})
 * or, without a target, a server in this JVM (a real engine: ledger, ring, responder, no journal, behind a
 * {@link BinaryServer}; CPU and allocation per command are then reported per thread group).
 * <p>
 * The driver seeds the stock itself: {@code --skus} SKUs in warehouses WH1 and WH2, {@code --stock} each. Mix
 * {@code lock} is a lock of {@code --lines} lines (line 1 in WH1, line 2 in any warehouse) followed by the
 * release of that order, so the ledger's state stays the same size; {@code lock-only} never releases (give it
 * enough stock); {@code read} is a GetStock of one cell. Latency is per request, from send to answer,
 * including the time spent queued in the window. Progress goes to stderr every second; each run prints a line,
 * and the last line, {@code RESULT key=value ...}, is the median run, for scripts.
 * <p>
 * This class runs the benchmark: it seeds the stock, starts the connections and measures each run. The
 * command line is {@link DriverOptions}, a connection's loop {@link DriverConnection}, the requests of a mix
 * {@link MixRequests}, and the report {@link RunResult}.
 */
public final class BinaryLoopbackDriver
{
    private static final String[] WAREHOUSES = {"WH1", "WH2"};
    private static final int SEED_BATCH = 500;

    private BinaryLoopbackDriver()
    {
    }

    /** Runs the benchmark and prints one line per run, then the median run. */
    public static void main(final String[] args) throws Exception
    {
        final DriverOptions options;
        try
        {
            options = DriverOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.err.print(DriverOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help)
        {
            System.out.print(DriverOptions.USAGE);
            return;
        }
        if (options.version)
        {
            System.out.println("stockhold " + VersionProvider.version());
            return;
        }
        if (options.host != null)
        {
            drive(options, options.host, options.port, null);
            return;
        }
        final LedgerConfig config = LedgerConfig.defaults().withClosedRetention(60_000, 200_000);
        try (EnginePipeline pipeline = EnginePipeline.builder()
            .ledger(new Ledger(config))
            .responder(new ReplyingResponder(null))
            .waitPreset(options.wait)
            .layout(options.layout)
            .build()
            .start();
            BinaryServer server = new BinaryServer(pipeline, "127.0.0.1", 0).start())
        {
            drive(options, "127.0.0.1", server.port(), server);
        }
    }

    private static void drive(final DriverOptions options, final String host, final int port,
        final BinaryServer inJvm) throws Exception
    {
        seedStock(options, host, port);
        final List<RunResult> results = new ArrayList<>();
        for (int run = 0; run < options.runs; run++)
        {
            final RunResult result = run(options, host, port, run, inJvm != null);
            results.add(result);
            result.print(run);
        }
        RunResult.printMedian(options, results, inJvm != null
            ? ", wait " + options.wait + ", layout " + options.layout : ", target " + host + ":" + port);
    }

    private static StockholdClient.Builder client(final DriverOptions options, final String host, final int port)
        throws IOException
    {
        final StockholdClient.Builder builder = StockholdClient.builder().host(host).port(port)
            .apiKey(options.apiKey).requestTimeout(Duration.ofMinutes(1));
        return options.tlsCa == null ? builder : builder.tls(options.tlsCa);
    }

    private static void seedStock(final DriverOptions options, final String host, final int port)
        throws Exception
    {
        try (StockholdClient client = client(options, host, port).build())
        {
            final List<SetStockRequest> batches = new ArrayList<>();
            SetStockRequest.Builder batch = SetStockRequest.builder();
            int items = 0;
            for (int i = 0; i < options.skus; i++)
            {
                for (final String warehouse : WAREHOUSES)
                {
                    batch.item(sku(i), warehouse, options.stock);
                    if (++items % SEED_BATCH == 0)
                    {
                        batches.add(batch.build());
                        batch = SetStockRequest.builder();
                    }
                }
            }
            if (items % SEED_BATCH != 0)
            {
                batches.add(batch.build());
            }
            for (final SetStockRequest request : batches)
            {
                final Result result = client.submit(request).get();
                if (!result.isOk())
                {
                    throw new IllegalStateException("seeding stock failed: " + result);
                }
            }
        }
    }

    /** @return the name of SKU number {@code i}, as seeded and as the mixes ask for it. */
    static String sku(final int i)
    {
        return "SKU-" + i;
    }

    private static RunResult run(final DriverOptions options, final String host, final int port, final int run,
        final boolean inJvm) throws Exception
    {
        final String prefix = "B" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + "r" + run;
        final DriverConnection[] connections = new DriverConnection[options.connections];
        for (int i = 0; i < connections.length; i++)
        {
            connections[i] = new DriverConnection(options, client(options, host, port), prefix + "c" + i + "-");
        }
        for (final DriverConnection connection : connections)
        {
            connection.start();
        }
        final ServerThreads threads = inJvm ? new ServerThreads() : null;
        progress(connections, options.warmupSeconds, "warmup");
        long completedAtStart = 0;
        for (final DriverConnection connection : connections)
        {
            connection.latency.getIntervalHistogram();
            completedAtStart += connection.completed.get();
        }
        if (threads != null)
        {
            threads.mark();
        }
        final long driverCpuAtStart = ProcessCpu.self();
        final long serverCpuAtStart = ProcessCpu.of(options.serverPid);
        final long startNanos = System.nanoTime();
        final Histogram latency = progress(connections, options.seconds, "run " + (run + 1));
        long completed = -completedAtStart;
        long errors = 0;
        for (final DriverConnection connection : connections)
        {
            latency.add(connection.latency.getIntervalHistogram());
            completed += connection.completed.get();
            errors += connection.errors();
        }
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        final long[][] used = threads == null ? null : threads.usedSinceMark();
        final long serverCpu = ProcessCpu.of(options.serverPid);
        // In one JVM the process holds the server too: the driver's share is its client threads'.
        final double driverCpuMicros = (used != null ? used[0][2] : ProcessCpu.self() - driverCpuAtStart)
            / 1000.0 / completed;
        final double serverCpuMicros = used != null ? (used[0][0] + used[0][1]) / 1000.0 / completed
            : serverCpu < 0 ? Double.NaN : (serverCpu - serverCpuAtStart) / 1000.0 / completed;
        for (final DriverConnection connection : connections)
        {
            connection.stop();
        }
        final String cpu = RunResult.cpuPerCommand(used, completed, seconds, driverCpuMicros, serverCpuMicros);
        return new RunResult(completed / seconds, errors, latency, cpu, driverCpuMicros, serverCpuMicros);
    }

    /** Waits {@code seconds}, printing each second's rate and p99 to stderr; @return an empty histogram. */
    private static Histogram progress(final DriverConnection[] connections, final int seconds,
        final String phase) throws InterruptedException
    {
        long last = completed(connections);
        for (int s = 1; s <= seconds; s++)
        {
            Thread.sleep(1000);
            final long now = completed(connections);
            long errors = 0;
            for (final DriverConnection connection : connections)
            {
                errors += connection.errors();
            }
            System.err.printf("%s %ds: %,d commands/s, errors %d%n", phase, s, now - last, errors);
            last = now;
        }
        return new Histogram(3);
    }

    private static long completed(final DriverConnection[] connections)
    {
        long sum = 0;
        for (final DriverConnection connection : connections)
        {
            sum += connection.completed.get();
        }
        return sum;
    }
}
