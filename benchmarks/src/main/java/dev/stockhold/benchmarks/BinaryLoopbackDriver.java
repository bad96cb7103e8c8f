package dev.stockhold.benchmarks;

import dev.stockhold.client.RequestWriter;
import dev.stockhold.client.Result;
import dev.stockhold.client.StockholdClient;
import dev.stockhold.client.request.SetStockRequest;
import dev.stockhold.client.sbe.BooleanType;
import dev.stockhold.client.sbe.GetStockEncoder;
import dev.stockhold.client.sbe.LockEncoder;
import dev.stockhold.client.sbe.MessageHeaderEncoder;
import dev.stockhold.client.sbe.SettleAction;
import dev.stockhold.client.sbe.SettleEncoder;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.ReplyingResponder;
import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.gateway.binary.BinaryServer;
import dev.stockhold.logging.VersionProvider;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

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
 */
public final class BinaryLoopbackDriver
{
    private static final String USAGE = """
        Usage: java -cp benchmarks/target/benchmarks.jar dev.stockhold.benchmarks.BinaryLoopbackDriver [options]
          --target HOST:PORT   a running server's binary port (default: a server in this JVM)
          --api-key SECRET     authenticate every connection (a key with the stock and reservations scopes)
          --tls-ca PEM         connect over TLS, trusting this CA certificate
          --mix lock|lock-only|read   lock then release (default), locks only, or reads
          --lines N            lines per lock, 1 or 2 (default 2)
          --skus K             SKUs to spread the load over (default 1000)
          --stock N            units seeded per SKU and warehouse (default 1000000000)
          --connections N      connections (default 1)
          --window N           requests in flight per connection (default 4096)
          --seconds N          measured seconds per run (default 5)
          --warmup N           seconds before each run's measure (default 3)
          --runs N             runs (default 3)
          --server-pid PID     with --target: also report that process's CPU over each run
          --wait LOW_CPU|BALANCED|LOW_LATENCY, --layout SINGLE|STAGED   the in-JVM server's engine
          --help, --version
        """;
    private static final String[] WAREHOUSES = {"WH1", "WH2"};
    private static final int SEED_BATCH = 500;

    private BinaryLoopbackDriver()
    {
    }

    /** Runs the benchmark and prints one line per run, then the median run. */
    public static void main(final String[] args) throws Exception
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help)
        {
            System.out.print(USAGE);
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

    private static void drive(final Options options, final String host, final int port, final BinaryServer inJvm)
        throws Exception
    {
        seedStock(options, host, port);
        final List<RunResult> results = new ArrayList<>();
        for (int run = 0; run < options.runs; run++)
        {
            final RunResult result = run(options, host, port, run, inJvm != null);
            results.add(result);
            System.out.printf("run %d: %,.0f commands/s, errors %d, latency us p50 %.0f p99 %.0f p99.9 %.0f"
                    + " max %.0f; %s%n",
                run + 1, result.commandsPerSecond, result.errors, micros(result.latency, 50),
                micros(result.latency, 99), micros(result.latency, 99.9), result.latency.getMaxValue() / 1000.0,
                result.cpu);
        }
        results.sort((a, b) -> Double.compare(a.commandsPerSecond, b.commandsPerSecond));
        final RunResult median = results.get(results.size() / 2);
        System.out.printf("median of %d runs: %,.0f commands/s (mix %s, %d line(s), %d connection(s), window %d%s)%n",
            options.runs, median.commandsPerSecond, options.mix, options.lines, options.connections, options.window,
            inJvm != null ? ", wait " + options.wait + ", layout " + options.layout : ", target " + host + ":" + port);
        System.out.printf("RESULT commands_per_s=%.0f p50_us=%.0f p99_us=%.0f p999_us=%.0f errors=%d runs=%d"
                + " mix=%s lines=%d connections=%d window=%d driver_cpu_us=%.2f server_cpu_us=%s%n",
            median.commandsPerSecond, micros(median.latency, 50), micros(median.latency, 99),
            micros(median.latency, 99.9), median.errors, options.runs, options.mix, options.lines,
            options.connections, options.window, median.driverCpuMicros,
            Double.isNaN(median.serverCpuMicros) ? "-" : String.format("%.2f", median.serverCpuMicros));
    }

    private static double micros(final Histogram histogram, final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static StockholdClient.Builder client(final Options options, final String host, final int port)
        throws IOException
    {
        final StockholdClient.Builder builder = StockholdClient.builder().host(host).port(port)
            .apiKey(options.apiKey).requestTimeout(Duration.ofMinutes(1));
        return options.tlsCa == null ? builder : builder.tls(options.tlsCa);
    }

    private static void seedStock(final Options options, final String host, final int port) throws Exception
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

    private static String sku(final int i)
    {
        return "SKU-" + i;
    }

    private static RunResult run(final Options options, final String host, final int port, final int run,
        final boolean inJvm) throws Exception
    {
        final String prefix = "B" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36) + "r" + run;
        final Connection[] connections = new Connection[options.connections];
        for (int i = 0; i < connections.length; i++)
        {
            connections[i] = new Connection(options, client(options, host, port), prefix + "c" + i + "-");
        }
        for (final Connection connection : connections)
        {
            connection.start();
        }
        final ServerThreads threads = inJvm ? new ServerThreads() : null;
        progress(connections, options.warmupSeconds, "warmup");
        long completedAtStart = 0;
        for (final Connection connection : connections)
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
        for (final Connection connection : connections)
        {
            latency.add(connection.latency.getIntervalHistogram());
            completed += connection.completed.get();
            errors += connection.errors;
        }
        final double seconds = (System.nanoTime() - startNanos) / 1e9;
        final long[][] used = threads == null ? null : threads.usedSinceMark();
        final long serverCpu = ProcessCpu.of(options.serverPid);
        // In one JVM the process holds the server too: the driver's share is its client threads'.
        final double driverCpuMicros = (used != null ? used[0][2] : ProcessCpu.self() - driverCpuAtStart)
            / 1000.0 / completed;
        final double serverCpuMicros = used != null ? (used[0][0] + used[0][1]) / 1000.0 / completed
            : serverCpu < 0 ? Double.NaN : (serverCpu - serverCpuAtStart) / 1000.0 / completed;
        for (final Connection connection : connections)
        {
            connection.stop();
        }
        final String cpu;
        if (used != null)
        {
            cpu = String.format("per command: server event loop %.2f us CPU %.1f B allocated, engine threads"
                    + " %.2f us CPU %.1f B, client threads %.2f us CPU %.1f B",
                used[0][0] / 1000.0 / completed, (double)used[1][0] / completed,
                used[0][1] / 1000.0 / completed, (double)used[1][1] / completed,
                used[0][2] / 1000.0 / completed, (double)used[1][2] / completed);
        }
        else
        {
            cpu = String.format("per command: driver process %.2f us CPU (%.0f %% of a core)%s", driverCpuMicros,
                driverCpuMicros * completed / seconds / 1e4, Double.isNaN(serverCpuMicros) ? ""
                    : String.format(", server process %.2f us CPU (%.0f %% of a core)", serverCpuMicros,
                        serverCpuMicros * completed / seconds / 1e4));
        }
        return new RunResult(completed / seconds, errors, latency, cpu, driverCpuMicros, serverCpuMicros);
    }

    /** Waits {@code seconds}, printing each second's rate and p99 to stderr; @return an empty histogram. */
    private static Histogram progress(final Connection[] connections, final int seconds, final String phase)
        throws InterruptedException
    {
        long last = completed(connections);
        for (int s = 1; s <= seconds; s++)
        {
            Thread.sleep(1000);
            final long now = completed(connections);
            long errors = 0;
            for (final Connection connection : connections)
            {
                errors += connection.errors;
            }
            System.err.printf("%s %ds: %,d commands/s, errors %d%n", phase, s, now - last, errors);
            last = now;
        }
        return new Histogram(3);
    }

    private static long completed(final Connection[] connections)
    {
        long sum = 0;
        for (final Connection connection : connections)
        {
            sum += connection.completed.get();
        }
        return sum;
    }

    /**
     * One raw client connection and its window: {@link #start} fills it, then each answer sends the next
     * request. Requests are written field by field into the client's frame; order ids and SKUs are bytes
     * prepared once, so a request allocates nothing.
     */
    private static final class Connection implements RequestWriter
    {
        private static final int LOCK = 0;
        private static final int RELEASE = 1;
        private static final int READ = 2;

        private final Options options;
        private final StockholdClient client;
        private final Recorder latency = new Recorder(3);
        private final AtomicLong completed = new AtomicLong();
        private final long[] sentAtNanos;
        private final int mask;
        private final byte[][] skus;
        private final byte[] anyWarehouse = new byte[0];
        private final byte[] warehouse = "WH1".getBytes(StandardCharsets.US_ASCII);
        private final byte[] orderId = new byte[64];
        private final int prefixLength;
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final LockEncoder lock = new LockEncoder();
        private final SettleEncoder settle = new SettleEncoder();
        private final GetStockEncoder getStock = new GetStockEncoder();
        private final boolean read;
        private final boolean release;
        private int kind;
        private int sku;
        private int orderIdLength;
        private long sent;
        private long order;
        private volatile boolean running = true;
        private volatile long errors;

        Connection(final Options options, final StockholdClient.Builder builder, final String prefix)
            throws IOException
        {
            this.options = options;
            final int slots = Integer.highestOneBit(options.window * 2 - 1) * 2;
            this.sentAtNanos = new long[slots];
            this.mask = slots - 1;
            this.skus = new byte[options.skus][];
            for (int i = 0; i < options.skus; i++)
            {
                skus[i] = sku(i).getBytes(StandardCharsets.US_ASCII);
            }
            final byte[] prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(prefixBytes, 0, orderId, 0, prefixBytes.length);
            this.prefixLength = prefixBytes.length;
            this.read = options.mix.equals("read");
            this.release = options.mix.equals("lock");
            this.client = builder.replyListener(this::onReply).build();
        }

        /** Fills the window; the answers keep it full. */
        void start()
        {
            for (int i = 0; i < options.window; i++)
            {
                sendNext();
            }
        }

        private void onReply(final long correlationId, final int templateId, final int errorWireCode)
        {
            latency.recordValue(System.nanoTime() - sentAtNanos[(int)(correlationId & mask)]);
            if (errorWireCode != 0)
            {
                errors++;
            }
            completed.lazySet(completed.get() + 1);
            if (running)
            {
                sendNext();
            }
        }

        /**
         * Sends the next request of the mix. The event loop calls it for each answer; {@link #start} on the
         * caller's thread while the first answers may already arrive, hence the (uncontended) lock.
         */
        private synchronized void sendNext()
        {
            if (read)
            {
                kind = READ;
                sku = (int)(sent % options.skus);
            }
            else if (release && (sent & 1) == 1)
            {
                kind = RELEASE;
            }
            else
            {
                kind = LOCK;
                sku = (int)(order % options.skus);
                formatOrderId(order++);
            }
            sentAtNanos[(int)(sent & mask)] = System.nanoTime();
            if (!client.send(sent, this))
            {
                running = false;
                System.err.println("connection lost");
                return;
            }
            sent++;
        }

        /** Writes the request {@link #sendNext} chose; called by the client under its lock, on that thread. */
        @Override
        public int write(final long correlationId, final MutableDirectBuffer buffer, final int offset)
        {
            switch (kind)
            {
                case LOCK:
                    lock.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).ttlSeconds(0)
                        .allowPresale(BooleanType.FALSE).allowSplit(BooleanType.FALSE);
                    final LockEncoder.LinesEncoder lines = lock.linesCount(options.lines);
                    lines.next().quantity(1).putSku(skus[sku], 0, skus[sku].length)
                        .putWarehouse(warehouse, 0, warehouse.length).putListing(anyWarehouse, 0, 0);
                    if (options.lines == 2)
                    {
                        final byte[] second = skus[(sku + 1) % skus.length];
                        lines.next().quantity(1).putSku(second, 0, second.length)
                            .putWarehouse(anyWarehouse, 0, 0).putListing(anyWarehouse, 0, 0);
                    }
                    lock.putOrderId(orderId, 0, orderIdLength).putChannel(anyWarehouse, 0, 0)
                        .putIdempotencyKey(anyWarehouse, 0, 0);
                    return MessageHeaderEncoder.ENCODED_LENGTH + lock.encodedLength();
                case RELEASE:
                    settle.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId)
                        .action(SettleAction.RELEASE).linesCount(0);
                    settle.putOrderId(orderId, 0, orderIdLength).putIdempotencyKey(anyWarehouse, 0, 0);
                    return MessageHeaderEncoder.ENCODED_LENGTH + settle.encodedLength();
                default:
                    getStock.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId)
                        .putSku(skus[sku], 0, skus[sku].length).putWarehouse(warehouse, 0, warehouse.length);
                    return MessageHeaderEncoder.ENCODED_LENGTH + getStock.encodedLength();
            }
        }

        /** The order id: the connection's prefix and {@code number} in decimal, written in place. */
        private void formatOrderId(final long number)
        {
            int digits = 1;
            for (long rest = number / 10; rest > 0; rest /= 10)
            {
                digits++;
            }
            long rest = number;
            for (int i = prefixLength + digits - 1; i >= prefixLength; i--)
            {
                orderId[i] = (byte)('0' + rest % 10);
                rest /= 10;
            }
            orderIdLength = prefixLength + digits;
        }

        void stop()
        {
            running = false;
            client.close();
        }
    }

    /** CPU time of whole processes, from /proc: what the driver and a server on this machine each spend. */
    private static final class ProcessCpu
    {
        private static final long NANOS_PER_TICK = 10_000_000L;

        private ProcessCpu()
        {
        }

        /** @return this JVM's CPU nanoseconds. */
        static long self()
        {
            return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        }

        /** @return the CPU nanoseconds (user + system) of process {@code pid}, or -1 without one. */
        static long of(final long pid)
        {
            if (pid <= 0)
            {
                return -1;
            }
            try
            {
                final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // Fields after the command name (which may hold spaces), from field 3: utime is 14, stime 15.
                final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
            }
            catch (final IOException | RuntimeException ex)
            {
                return -1;
            }
        }
    }

    /**
     * CPU time and bytes allocated by the in-JVM server's event loop threads, the engine's stage threads (their
     * names depend on which stages exist) and the client's threads, via the JVM's per-thread counters.
     */
    private static final class ServerThreads
    {
        private static final String[] PATTERNS = {
            "stockhold-binary.*", "stockhold-(engine|journal|ledger|responder|stage-.*)",
            "stockhold-client.*"};
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

    private static final class RunResult
    {
        final double commandsPerSecond;
        final long errors;
        final Histogram latency;
        final String cpu;
        final double driverCpuMicros;
        final double serverCpuMicros;

        RunResult(final double commandsPerSecond, final long errors, final Histogram latency, final String cpu,
            final double driverCpuMicros, final double serverCpuMicros)
        {
            this.commandsPerSecond = commandsPerSecond;
            this.errors = errors;
            this.latency = latency;
            this.cpu = cpu;
            this.driverCpuMicros = driverCpuMicros;
            this.serverCpuMicros = serverCpuMicros;
        }
    }

    private static final class Options
    {
        String host;
        int port;
        String apiKey;
        Path tlsCa;
        String mix = "lock";
        int lines = 2;
        int skus = 1000;
        long stock = 1_000_000_000L;
        int connections = 1;
        int window = 4096;
        int seconds = 5;
        int warmupSeconds = 3;
        int runs = 3;
        long serverPid;
        boolean help;
        boolean version;
        WaitPreset wait = WaitPreset.LOW_CPU;
        ThreadLayout layout = ThreadLayout.forThisMachine();

        static Options parse(final String[] args)
        {
            final Options options = new Options();
            for (int i = 0; i < args.length; i++)
            {
                if (args[i].equals("--help") || args[i].equals("-h"))
                {
                    options.help = true;
                    continue;
                }
                if (args[i].equals("--version") || args[i].equals("-V"))
                {
                    options.version = true;
                    continue;
                }
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                final String value = args[++i];
                try
                {
                    options.set(args[i - 1], value);
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException("option " + args[i - 1] + ": not a number: " + value);
                }
            }
            options.check();
            return options;
        }

        private void set(final String option, final String value)
        {
            switch (option)
            {
                case "--target" ->
                {
                    final int colon = value.lastIndexOf(':');
                    if (colon <= 0)
                    {
                        throw new IllegalArgumentException("--target wants HOST:PORT, got " + value);
                    }
                    host = value.substring(0, colon);
                    port = Integer.parseInt(value.substring(colon + 1));
                }
                case "--api-key" -> apiKey = value;
                case "--tls-ca" -> tlsCa = Path.of(value);
                case "--mix" -> mix = value;
                case "--lines" -> lines = Integer.parseInt(value);
                case "--skus" -> skus = Integer.parseInt(value);
                case "--stock" -> stock = Long.parseLong(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--window" -> window = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmupSeconds = Integer.parseInt(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--server-pid" -> serverPid = Long.parseLong(value);
                case "--wait" -> wait = WaitPreset.valueOf(value);
                case "--layout" -> layout = ThreadLayout.valueOf(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }

        private void check()
        {
            if (!List.of("lock", "lock-only", "read").contains(mix))
            {
                throw new IllegalArgumentException("--mix is lock, lock-only or read, got " + mix);
            }
            if (lines < 1 || lines > 2 || skus < 2 || connections < 1 || window < 1 || seconds < 1 || runs < 1
                || warmupSeconds < 0 || stock < 1)
            {
                throw new IllegalArgumentException("out of range: --lines 1..2, --skus >= 2, --connections,"
                    + " --window, --seconds, --runs, --stock >= 1, --warmup >= 0");
            }
            if (host == null && (apiKey != null || tlsCa != null || serverPid != 0))
            {
                throw new IllegalArgumentException("--api-key, --tls-ca and --server-pid need --target");
            }
        }
    }
}
