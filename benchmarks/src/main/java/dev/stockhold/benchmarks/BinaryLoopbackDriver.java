package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.gateway.binary.BinaryServer;
import dev.stockhold.gateway.binary.client.StockholdClient;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Throughput of the binary protocol through the whole server over loopback: a real engine (ledger, ring,
 * responder) behind a {@link BinaryServer}, driven by raw {@link StockholdClient}s that keep a window of
 * requests in flight (closed loop) and let the client batch them into frames.
 * <p>
 * Usage: {@code java <JVM flags> -cp benchmarks/target/benchmarks.jar dev.stockhold.benchmarks.BinaryLoopbackDriver
 * [--mix lock|read] [--connections 1] [--window 4096] [--seconds 5] [--warmup 3] [--runs 3]
 * [--wait LOW_CPU|BALANCED|LOW_LATENCY] [--layout SINGLE|STAGED]} (the server's defaults unless given).
 * The lock mix is 2-line locks, each followed by the release of its order, so the ledger's state stays
 * the same size. Latency is per request, from send to answer, including the time spent queued in the
 * window (so it grows with the window).
 */
public final class BinaryLoopbackDriver
{
    private static final int SKUS = 1000;

    private BinaryLoopbackDriver()
    {
    }

    /** Runs the benchmark and prints one line per run, then the medians. */
    public static void main(final String[] args) throws Exception
    {
        final Options options = Options.parse(args);
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
            seedStock(server.port());
            final double[] rates = new double[options.runs];
            final List<Histogram> latencies = new ArrayList<>();
            for (int run = 0; run < options.runs; run++)
            {
                final Result result = run(server.port(), options, run);
                rates[run] = result.commandsPerSecond;
                latencies.add(result.latency);
                System.out.printf("run %d: %,.0f commands/s, errors %d, latency us p50 %.0f p99 %.0f p99.9 %.0f"
                        + " max %.0f; per command: server event loop %.2f us CPU %.1f B allocated,"
                        + " engine threads %.2f us CPU %.1f B, client threads %.2f us CPU%n",
                    run + 1, result.commandsPerSecond, result.errors, micros(result.latency, 50),
                    micros(result.latency, 99), micros(result.latency, 99.9), result.latency.getMaxValue() / 1000.0,
                    result.cpuMicros[0], result.bytes[0], result.cpuMicros[1], result.bytes[1], result.cpuMicros[2]);
            }
            Arrays.sort(rates);
            System.out.printf("median of %d runs: %,.0f commands/s (mix %s, %d connection(s), window %d, wait %s,"
                    + " layout %s)%n", options.runs, rates[options.runs / 2], options.mix, options.connections,
                options.window, options.wait, options.layout);
        }
    }

    private static double micros(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static void seedStock(final int port) throws Exception
    {
        try (StockholdClient client = StockholdClient.connect("127.0.0.1", port))
        {
            final Command set = new Command().setStock();
            for (int i = 0; i < SKUS; i++)
            {
                set.items.add(sku(i), "WH1", 1_000_000_000L, Command.ABSENT, Command.ABSENT, Command.ABSENT);
                set.items.add(sku(i), "WH2", 1_000_000_000L, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            }
            if (!client.submit(set).get().isOk())
            {
                throw new IllegalStateException("seeding stock failed");
            }
        }
    }

    private static String sku(final int i)
    {
        return "SKU-" + i;
    }

    private static Result run(final int port, final Options options, final int run) throws Exception
    {
        final Connection[] connections = new Connection[options.connections];
        for (int i = 0; i < connections.length; i++)
        {
            connections[i] = new Connection(port, options, run * 100 + i);
        }
        for (final Connection connection : connections)
        {
            connection.start();
        }
        final ServerThreads threads = new ServerThreads();
        Thread.sleep(options.warmupSeconds * 1000L);
        long completedAtStart = 0;
        for (final Connection connection : connections)
        {
            connection.latency.getIntervalHistogram();
            completedAtStart += connection.completed.get();
        }
        threads.mark();
        final long startNanos = System.nanoTime();
        Thread.sleep(options.seconds * 1000L);
        long completed = -completedAtStart;
        long errors = 0;
        final Histogram latency = new Histogram(3);
        for (final Connection connection : connections)
        {
            latency.add(connection.latency.getIntervalHistogram());
            completed += connection.completed.get();
            errors += connection.errors;
        }
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        final long[][] used = threads.usedSinceMark();
        for (final Connection connection : connections)
        {
            connection.stop();
        }
        final double[] cpuMicros = new double[3];
        final double[] bytes = new double[3];
        for (int group = 0; group < 3; group++)
        {
            cpuMicros[group] = used[0][group] / 1000.0 / completed;
            bytes[group] = (double)used[1][group] / completed;
        }
        return new Result(completed / seconds, errors, latency, cpuMicros, bytes);
    }

    /** One client connection and the thread that keeps its window full. */
    private static final class Connection implements Runnable
    {
        private final Options options;
        private final String prefix;
        private final StockholdClient client;
        private final Recorder latency = new Recorder(3);
        private final AtomicLong completed = new AtomicLong();
        private final long[] sentAtNanos;
        private final int mask;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long errors;

        Connection(final int port, final Options options, final int id) throws Exception
        {
            this.options = options;
            this.prefix = "O" + id + "-";
            final int slots = Integer.highestOneBit(options.window * 2 - 1) * 2;
            this.sentAtNanos = new long[slots];
            this.mask = slots - 1;
            this.client = StockholdClient.connect("127.0.0.1", port, this::onReply);
            this.thread = new Thread(this, "driver-" + id);
        }

        void start()
        {
            thread.start();
        }

        private void onReply(final long correlationId, final int templateId, final int errorWireCode)
        {
            latency.recordValue(System.nanoTime() - sentAtNanos[(int)(correlationId & mask)]);
            if (errorWireCode != 0)
            {
                errors++;
            }
            completed.lazySet(completed.get() + 1);
        }

        @Override
        public void run()
        {
            final Command command = new Command();
            final String[] skus = new String[SKUS];
            for (int i = 0; i < SKUS; i++)
            {
                skus[i] = sku(i);
            }
            String orderId = null;
            long sent = 0;
            while (running)
            {
                if (sent - completed.get() >= options.window)
                {
                    // Window full: sleep briefly rather than spin, the server needs the cores.
                    LockSupport.parkNanos(20_000);
                    continue;
                }
                final int k = (int)((sent >> 1) % SKUS);
                if (options.mix.equals("read"))
                {
                    command.getStock(skus[k], "WH1");
                }
                else if ((sent & 1) == 0)
                {
                    orderId = prefix + (sent >> 1);
                    command.lock(orderId, null, 0, false, false);
                    command.lines.add(skus[k], "WH1", 1).add(skus[(k + 1) % SKUS], null, 1);
                }
                else
                {
                    command.settle(CommandType.RELEASE, orderId);
                }
                command.correlationId = sent;
                sentAtNanos[(int)(sent & mask)] = System.nanoTime();
                if (!client.send(command))
                {
                    throw new IllegalStateException("connection lost");
                }
                sent++;
            }
        }

        void stop() throws InterruptedException
        {
            running = false;
            thread.join();
            client.close();
        }
    }

    /**
     * CPU time and bytes allocated by the server's event loop threads, the engine's stage threads (their
     * names depend on which stages exist) and the client's threads, via the JVM's per-thread counters.
     */
    private static final class ServerThreads
    {
        private static final String[] PATTERNS = {
            "stockhold-binary.*", "stockhold-(engine|journal|ledger|responder|stage-.*)",
            "(stockhold-client|driver-).*"};
        private final com.sun.management.ThreadMXBean bean =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        private final long[][] ids = new long[PATTERNS.length][];
        private final long[] cpuMarks = new long[PATTERNS.length];
        private final long[] byteMarks = new long[PATTERNS.length];

        ServerThreads()
        {
            for (int group = 0; group < PATTERNS.length; group++)
            {
                final String pattern = PATTERNS[group];
                ids[group] = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().matches(pattern)).mapToLong(Thread::getId).toArray();
            }
        }

        void mark()
        {
            for (int group = 0; group < ids.length; group++)
            {
                cpuMarks[group] = cpu(ids[group]);
                byteMarks[group] = allocated(ids[group]);
            }
        }

        /** @return CPU nanoseconds [0] and bytes [1] per thread group since {@link #mark()}. */
        long[][] usedSinceMark()
        {
            final long[][] used = new long[2][ids.length];
            for (int group = 0; group < ids.length; group++)
            {
                used[0][group] = cpu(ids[group]) - cpuMarks[group];
                used[1][group] = allocated(ids[group]) - byteMarks[group];
            }
            return used;
        }

        private long cpu(final long[] threadIds)
        {
            long sum = 0;
            for (final long id : threadIds)
            {
                sum += Math.max(0, bean.getThreadCpuTime(id));
            }
            return sum;
        }

        private long allocated(final long[] threadIds)
        {
            return threadIds.length == 0 ? 0 : Arrays.stream(bean.getThreadAllocatedBytes(threadIds)).sum();
        }
    }

    private static final class Result
    {
        final double commandsPerSecond;
        final long errors;
        final Histogram latency;
        /** Per command, for the server event loop, engine and client thread groups. */
        final double[] cpuMicros;
        final double[] bytes;

        Result(final double commandsPerSecond, final long errors, final Histogram latency, final double[] cpuMicros,
            final double[] bytes)
        {
            this.commandsPerSecond = commandsPerSecond;
            this.errors = errors;
            this.latency = latency;
            this.cpuMicros = cpuMicros;
            this.bytes = bytes;
        }
    }

    private static final class Options
    {
        String mix = "lock";
        int connections = 1;
        int window = 4096;
        int seconds = 5;
        int warmupSeconds = 3;
        int runs = 3;
        WaitPreset wait = WaitPreset.LOW_CPU;
        ThreadLayout layout = ThreadLayout.forThisMachine();

        static Options parse(final String[] args)
        {
            final Options options = new Options();
            for (int i = 0; i + 1 < args.length; i += 2)
            {
                final String value = args[i + 1];
                switch (args[i])
                {
                    case "--mix" -> options.mix = value;
                    case "--connections" -> options.connections = Integer.parseInt(value);
                    case "--window" -> options.window = Integer.parseInt(value);
                    case "--seconds" -> options.seconds = Integer.parseInt(value);
                    case "--warmup" -> options.warmupSeconds = Integer.parseInt(value);
                    case "--runs" -> options.runs = Integer.parseInt(value);
                    case "--wait" -> options.wait = WaitPreset.valueOf(value);
                    case "--layout" -> options.layout = ThreadLayout.valueOf(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return options;
        }
    }
}
