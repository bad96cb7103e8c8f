package dev.stockhold.gateway.server;

import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.gateway.http.HttpLimits;
import dev.stockhold.journal.SnapshotMode;
import dev.stockhold.logging.Logging;
import dev.stockhold.logging.LoggingOptions;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code stockhold server}: runs the engine with its HTTP (and, once wired, binary) gateway in the
 * foreground until SIGTERM or SIGINT, then stops cleanly (drains the ring, takes a final snapshot) and
 * exits 0.
 */
@Command(name = "stockhold server", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs the stockhold inventory reservation engine with its HTTP/JSON API.",
    footer = {"", "Without API keys in --config the server only binds to a loopback address.",
        "SIGTERM or Ctrl-C: stop accepting, drain the ring, snapshot, exit 0.",
        "After an internal failure (a failed journal write, a broken invariant, a bug) the server answers 503 on",
        "/health and ERR_INTERNAL to every request for a second, then exits with status 70: restart it (systemd",
        "Restart=on-failure); it recovers from its journal. A failed start exits 1 and leaves nothing running."})
public final class StockholdServer implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(StockholdServer.class);

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Journal, snapshots and change log (default: ./data).")
    private Path dataDir = Path.of("data");

    @Option(names = "--http-port", paramLabel = "PORT",
        description = "HTTP/JSON port (default: 8080; 0 = any free port).")
    private int httpPort = 8080;

    @Option(names = "--binary-port", paramLabel = "PORT",
        description = "Binary (SBE) protocol port (default: 7070; -1 turns the binary protocol off).")
    private int binaryPort = 7070;

    @Option(names = "--wait-preset", paramLabel = "PRESET",
        description = "How engine stages wait for work: low_cpu (default; block while idle, about 25 us per wake-up), "
            + "balanced (spin, yield, then sleep 100 us at a time) or low_latency (yield; a core per stage).")
    private WaitPreset waitPreset;

    @Option(names = "--thread-layout", paramLabel = "LAYOUT",
        description = "single (one engine thread journals, applies and answers; the default on 2 processors or "
            + "fewer) or staged (journaler and ledger in parallel, then the responder: one thread each).")
    private ThreadLayout threadLayout;

    @Option(names = "--realtime-priority", paramLabel = "1-99",
        description = "Experimental: run the engine and event-loop threads at this SCHED_FIFO priority, so that no "
            + "other thread delays a request (Linux; needs CAP_SYS_NICE or ulimit -r; low_cpu wait preset only; "
            + "docs/BENCHMARKS.md for its rare stalls). Default: 0, the OS's normal scheduling.")
    private Integer realtimePriority;

    @Option(names = "--snapshot-every", paramLabel = "COMMANDS",
        description = "Snapshot the ledger after this many mutating commands (default: 1000000; 0: never).")
    private Long snapshotEveryCommands;

    @Option(names = "--snapshot-interval", paramLabel = "SECONDS",
        description = "Snapshot the ledger at least this often while commands arrive (default: 600; 0: never).")
    private Long snapshotIntervalSeconds;

    @Option(names = "--snapshot-mode", paramLabel = "MODE",
        description = "background (default: a thread of its own rebuilds the state from the last snapshot and the "
            + "journal and writes it; the engine never pauses) or inline (the engine thread writes its state "
            + "between two commands: a pause of about 0.2 s per million open orders).")
    private SnapshotMode snapshotMode;

    @Option(names = "--replay-target",
        description = "Receive a replay (bin/stockhold loadtest replay): keep the recorded engine times and ticks "
            + "the binary protocol sends and run no ticker. For a throwaway server only.")
    private boolean replayTarget;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to bind to (default: 127.0.0.1).")
    private String bind = "127.0.0.1";

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file: API keys and scopes, warehouse priority, limits, journal mode, snapshots.")
    private Path config;

    @Option(names = "--journal-mode", paramLabel = "MODE",
        description = "mmap (survives a process crash, default), fsync (survives power loss) or none (memory only).")
    private String journalMode;

    @Option(names = "--warehouse-priority", paramLabel = "WH,WH", split = ",",
        description = "Warehouses tried first, in order, for lock lines without a warehouse.")
    private List<String> warehousePriority;

    @Option(names = "--min-free-disk-mb", paramLabel = "MIB",
        description = "Stop (fail-stop, exit 70) when the data disk has less usable space than this, before a write to "
            + "the memory-mapped journal can find it full; a start needs this plus 64 MiB (default: 64; 0: no check).")
    private Long minFreeDiskMb;

    @Option(names = "--max-body-bytes", paramLabel = "BYTES", description = "Largest request body (default: 1 MiB).")
    private Integer maxBodyBytes;

    @Mixin
    private LoggingOptions logging;

    private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";
    /** The exit status after an internal failure: EX_SOFTWARE of sysexits.h. */
    static final int FAIL_STOP_STATUS = 70;
    /**
     * How long a failed server keeps answering ERR_INTERNAL and 503 before it exits: one second, or
     * {@code -Dstockhold.failStopGraceMillis} (a load balancer that should see the 503 first).
     */
    static final long FAIL_STOP_GRACE_MILLIS = Long.getLong("stockhold.failStopGraceMillis", 1_000);

    /** Entry point. */
    public static void main(final String[] args)
    {
        Logging.start();
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null)
        {
            // Netty's default samples one buffer in 128 and records a stack trace for it: about 2,000
            // Throwables a second at 60,000 requests/s. The tests keep it on; -Dio.netty.leakDetection.level
            // turns it back on here.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        System.exit(commandLine().execute(args));
    }

    /** @return the command line of {@code stockhold server}, enum values case-insensitive. */
    static CommandLine commandLine()
    {
        return new CommandLine(new StockholdServer()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        final ServerSettings settings;
        try
        {
            settings = settings();
        }
        catch (final IllegalArgumentException ex)
        {
            // Told like a bad option, with exit code 2, not as a stack trace.
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        final CompletableFuture<Ending> ending = new CompletableFuture<>();
        Signals.onTerminate(() -> ending.complete(Ending.SIGNAL));
        final Server server = Server.start(settings);
        server.failure().onFailure(report -> ending.complete(Ending.FAILURE));
        // A thread of the server that dies of an exception nobody caught is an internal failure too.
        Thread.setDefaultUncaughtExceptionHandler((thread, ex) ->
            server.failure().fail("thread " + thread.getName(), EngineFailure.NO_SEQUENCE, ex));
        LOG.info("event=serving http={}", server.httpAddress());
        if (ending.get() == Ending.FAILURE)
        {
            exitAfterFailure();
        }
        server.close();
        // A failure during an orderly stop still exits non-zero: the last commands may be unanswered.
        return server.failure().isFailed() ? FAIL_STOP_STATUS : 0;
    }

    /** Why the server stops: asked to (SIGTERM, SIGINT), or because its engine failed. */
    private enum Ending
    {
        SIGNAL, FAILURE
    }

    /**
     * Fail-stop: gives in-flight requests a moment to hear their ERR_INTERNAL, then ends the process at once,
     * without a final snapshot or any shutdown hook (the state in memory is not to be trusted), so that a
     * supervisor restarts it on the journal, which is consistent by construction.
     */
    private static void exitAfterFailure() throws InterruptedException
    {
        Thread.sleep(FAIL_STOP_GRACE_MILLIS);
        LOG.error("event=exiting status={} reason=engine_failed", FAIL_STOP_STATUS);
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(FAIL_STOP_STATUS);
    }

    /** @return the settings: defaults, then the config file, then the command line. */
    ServerSettings settings() throws Exception
    {
        ServerSettings settings = ServerSettings.defaults();
        if (config != null)
        {
            settings = ConfigFile.apply(config, settings);
        }
        HttpLimits limits = settings.limits();
        if (maxBodyBytes != null)
        {
            limits = limits.withMaxBodyBytes(maxBodyBytes);
        }
        final SnapshotPolicy snapshots = new SnapshotPolicy(
            snapshotEveryCommands == null ? settings.snapshots().everyCommands() : snapshotEveryCommands,
            snapshotIntervalSeconds == null ? settings.snapshots().interval()
                : Duration.ofSeconds(snapshotIntervalSeconds),
            snapshotMode == null ? settings.snapshots().mode() : snapshotMode);
        final ServerThreads serverThreads = new ServerThreads(
            threadLayout == null ? settings.serverThreads().layout() : threadLayout,
            waitPreset == null ? settings.serverThreads().waitPreset() : waitPreset,
            realtimePriority == null ? settings.serverThreads().realtimePriority() : realtimePriority);
        return new ServerSettings(dataDir, bind, httpPort, binaryPort, settings.keys(),
            warehousePriority == null ? settings.ledger() : settings.ledger().withWarehousePriority(warehousePriority),
            limits,
            journalMode == null ? settings.journalMode()
                : JournalMode.valueOf(journalMode.trim().toUpperCase(java.util.Locale.ROOT)),
            snapshots, settings.changeRetentionDays(), settings.httpThreads(), replayTarget, serverThreads,
            minFreeDiskMb == null ? settings.minFreeDiskBytes() : minFreeDiskMb << 20);
    }
}
