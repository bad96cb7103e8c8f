package dev.stockhold.gateway.server;

import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.gateway.http.HttpLimits;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.journal.SnapshotMode;
import dev.stockhold.logging.Logging;
import dev.stockhold.logging.LoggingOptions;
import dev.stockhold.logging.VersionProvider;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code stockhold server}: runs the engine with its HTTP (and, once wired, binary) gateway in the
 * foreground until SIGTERM or SIGINT, then stops cleanly (drains the ring, takes a final snapshot) and
 * exits 0.
 */
@Command(name = "stockhold server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false, usageHelpAutoWidth = true, abbreviateSynopsis = true,
    description = {"Runs the stockhold inventory reservation engine with its HTTP/JSON API.",
        "Every option also comes from an environment variable or the configuration file (--config): the option wins "
            + "over the variable, the variable over the file, the file over the default. Each option's key in the "
            + "file is in brackets; its variable is STOCKHOLD_ and the key in upper snake case (http.port: "
            + "STOCKHOLD_HTTP_PORT). docs/operations.md, \"Configuration\", lists them all.", ""},
    footer = {"", "API keys come from the file (key.<id>.secret, key.<id>.scopes) or the environment "
        + "(STOCKHOLD_KEY_<id>_SECRET, STOCKHOLD_KEY_<id>_SCOPES). Without them the server only binds to a "
        + "loopback address.",
        "SIGTERM or Ctrl-C: stop accepting, drain the ring, snapshot, exit 0.",
        "After an internal failure (a failed journal write, a broken invariant, a bug) the server answers 503 on "
            + "/health and ERR_INTERNAL to every request for a second, then exits with status 70: restart it (systemd "
            + "Restart=on-failure); it recovers from its journal. A failed start exits 1 and leaves nothing running. "
            + "A bad setting exits 2 with one line naming it."})
public final class StockholdServer implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(StockholdServer.class);
    private static final ServerSettings DEFAULTS = ServerSettings.defaults();
    private static final LedgerConfig LEDGER = DEFAULTS.ledger();
    private static final HttpLimits HTTP = DEFAULTS.limits();

    @Option(names = "--config", paramLabel = "FILE",
        description = "Properties file of settings and API keys (config/stockhold.properties is a commented sample). "
            + "Also STOCKHOLD_CONFIG.")
    private Path config;

    // The server.
    @Option(names = "--data-dir", paramLabel = "DIR", descriptionKey = "data.dir", converter = ConfigValues.NotBlank.class,
        description = "[data.dir] Journal, snapshots and change log (default: data, in the working directory).")
    private String dataDir = DEFAULTS.dataDir().toString();

    @Option(names = "--bind", paramLabel = "ADDRESS", descriptionKey = "bind", converter = ConfigValues.NotBlank.class,
        description = "[bind] Address both protocols listen on (default: 127.0.0.1). Other than loopback only with API "
            + "keys.")
    private String bind = DEFAULTS.bind();

    @Option(names = "--http-port", paramLabel = "PORT", descriptionKey = "http.port", converter = ConfigValues.Port.class,
        description = "[http.port] HTTP/JSON port (default: 8080; 0: any free port).")
    private int httpPort = DEFAULTS.httpPort();

    @Option(names = "--binary-port", paramLabel = "PORT", descriptionKey = "binary.port",
        converter = ConfigValues.OptionalPort.class,
        description = "[binary.port] Binary (SBE) protocol port (default: 7070; 0: any free port; -1: off).")
    private int binaryPort = DEFAULTS.binaryPort();

    @Option(names = "--http-threads", paramLabel = "N", descriptionKey = "http.threads",
        converter = ConfigValues.NonNegativeInt.class,
        description = "[http.threads] HTTP event-loop threads (default: 0, one per two processors).")
    private int httpThreads = DEFAULTS.httpThreads();

    // The journal and snapshots.
    @Option(names = "--journal-mode", paramLabel = "MODE", descriptionKey = "journal.mode",
        converter = ConfigValues.JournalModes.class,
        description = "[journal.mode] mmap (survives a process crash; default), fsync (survives power loss) or none "
            + "(memory only).")
    private JournalMode journalMode = DEFAULTS.journalMode();

    @Option(names = "--min-free-disk-mb", paramLabel = "MIB", descriptionKey = "journal.minFreeDiskMb",
        converter = ConfigValues.Mebibytes.class,
        description = "[journal.minFreeDiskMb] Stop (fail-stop, exit 70) when the data disk has less usable space than "
            + "this, before a write to the memory-mapped journal can find it full; a start needs this plus 64 MiB "
            + "(default: 64; 0: no check).")
    private long minFreeDiskMb = DEFAULTS.minFreeDiskBytes() >> 20;

    @Option(names = "--snapshot-every", paramLabel = "COMMANDS", descriptionKey = "snapshot.everyCommands",
        converter = ConfigValues.NonNegativeLong.class,
        description = "[snapshot.everyCommands] Snapshot the ledger after this many mutating commands (default: "
            + "1000000; 0: never).")
    private long snapshotEveryCommands = DEFAULTS.snapshots().everyCommands();

    @Option(names = "--snapshot-interval", paramLabel = "SECONDS", descriptionKey = "snapshot.intervalSeconds",
        converter = ConfigValues.NonNegativeLong.class,
        description = "[snapshot.intervalSeconds] Snapshot the ledger at least this often while commands arrive "
            + "(default: 600; 0: never).")
    private long snapshotIntervalSeconds = DEFAULTS.snapshots().interval().toSeconds();

    @Option(names = "--snapshot-mode", paramLabel = "MODE", descriptionKey = "snapshot.mode",
        converter = ConfigValues.SnapshotModes.class,
        description = "[snapshot.mode] background (default: a thread of its own rebuilds the state from the last "
            + "snapshot and the journal and writes it; the engine never pauses) or inline (the engine thread writes its "
            + "state between two commands: a pause of about 0.2 s per million open orders).")
    private SnapshotMode snapshotMode = DEFAULTS.snapshots().mode();

    @Option(names = "--retention-days", paramLabel = "DAYS", descriptionKey = "retention.days",
        converter = ConfigValues.PositiveInt.class,
        description = "[retention.days] Days of journal files (once a snapshot covers them) and change-feed events "
            + "kept (default: 180).")
    private int retentionDays = DEFAULTS.changeRetentionDays();

    // Threads.
    @Option(names = "--thread-layout", paramLabel = "LAYOUT", descriptionKey = "engine.layout",
        converter = ConfigValues.Layouts.class,
        description = "[engine.layout] single (one engine thread journals, applies and answers; the default on 2 "
            + "processors or fewer) or staged (journaler and ledger in parallel, then the responder: one thread each).")
    private ThreadLayout threadLayout = DEFAULTS.serverThreads().layout();

    @Option(names = "--wait-preset", paramLabel = "PRESET", descriptionKey = "engine.waitPreset",
        converter = ConfigValues.WaitPresets.class,
        description = "[engine.waitPreset] How engine stages wait for work: low_cpu (default; block while idle, about "
            + "25 us per wake-up), balanced (spin, yield, then sleep 100 us at a time) or low_latency (yield; a core "
            + "per stage).")
    private WaitPreset waitPreset = DEFAULTS.serverThreads().waitPreset();

    @Option(names = "--realtime-priority", paramLabel = "0-99", descriptionKey = "engine.realtimePriority",
        converter = ConfigValues.Priority.class,
        description = "[engine.realtimePriority] Experimental: run the engine and event-loop threads at this "
            + "SCHED_FIFO priority, so that no other thread delays a request (Linux; needs CAP_SYS_NICE or ulimit -r; "
            + "low_cpu wait preset only; docs/BENCHMARKS.md for its rare stalls). Default: 0, the OS's normal "
            + "scheduling.")
    private int realtimePriority = DEFAULTS.serverThreads().realtimePriority();

    // The HTTP server's limits.
    @Option(names = "--max-body-bytes", paramLabel = "BYTES", descriptionKey = "limits.maxBodyBytes",
        converter = ConfigValues.PositiveInt.class,
        description = "[limits.maxBodyBytes] Largest request body; a larger one is answered 413 (default: 1048576).")
    private int maxBodyBytes = HTTP.maxBodyBytes();

    @Option(names = "--max-header-bytes", paramLabel = "BYTES", descriptionKey = "limits.maxHeaderBytes",
        converter = ConfigValues.PositiveInt.class,
        description = "[limits.maxHeaderBytes] Largest header block (default: 16384).")
    private int maxHeaderBytes = HTTP.maxHeaderBytes();

    @Option(names = "--max-initial-line-bytes", paramLabel = "BYTES", descriptionKey = "limits.maxInitialLineBytes",
        converter = ConfigValues.PositiveInt.class,
        description = "[limits.maxInitialLineBytes] Longest request line (default: 8192).")
    private int maxInitialLineBytes = HTTP.maxInitialLineBytes();

    @Option(names = "--max-connections", paramLabel = "N", descriptionKey = "limits.maxConnections",
        converter = ConfigValues.PositiveInt.class,
        description = "[limits.maxConnections] Most open HTTP connections; one more is closed at once (default: 10000).")
    private int maxConnections = HTTP.maxConnections();

    @Option(names = "--idle-timeout-seconds", paramLabel = "SECONDS", descriptionKey = "limits.idleTimeoutSeconds",
        converter = ConfigValues.PositiveInt.class,
        description = "[limits.idleTimeoutSeconds] Close a connection idle this long (default: 300).")
    private int idleTimeoutSeconds = HTTP.idleTimeoutSeconds();

    @Option(names = "--sse-buffer-bytes", paramLabel = "BYTES", descriptionKey = "limits.sseBufferBytes",
        converter = ConfigValues.PositiveInt.class,
        description = "[limits.sseBufferBytes] Change-feed bytes queued for one slow client before it is dropped "
            + "(default: 4194304).")
    private int sseBufferBytes = HTTP.sseBufferBytes();

    // The ledger: every limit bounds memory (docs/LIMITS.md).
    @Option(names = "--warehouse-priority", paramLabel = "WH", split = ",", splitSynopsisLabel = ",",
        descriptionKey = "warehouse.priority", converter = ConfigValues.NotBlank.class,
        description = "[warehouse.priority] Warehouses tried first, in order, for lock lines without a warehouse "
            + "(default: none).")
    private List<String> warehousePriority;

    @Option(names = "--max-lines-per-order", paramLabel = "N", descriptionKey = "ledger.maxLinesPerOrder",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxLinesPerOrder] Most lines in one lock, release, deduct or return (default: 100).")
    private int maxLinesPerOrder = LEDGER.maxLinesPerOrder();

    @Option(names = "--max-batch-items", paramLabel = "N", descriptionKey = "ledger.maxBatchItems",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxBatchItems] Most cells in one set-stock batch (default: 10000).")
    private int maxBatchItems = LEDGER.maxBatchItems();

    @Option(names = "--max-cells", paramLabel = "N", descriptionKey = "ledger.maxCells",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxCells] Most stock cells (SKU and warehouse), 341 bytes each (default: 10000000).")
    private int maxCells = LEDGER.maxCells();

    @Option(names = "--max-open-reservations", paramLabel = "N", descriptionKey = "ledger.maxOpenReservations",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxOpenReservations] Most open reservations, 230 bytes each; a lock beyond it is "
            + "ERR_OVERLOADED (default: 10000000).")
    private int maxOpenReservations = LEDGER.maxOpenReservations();

    @Option(names = "--max-closed-reservations", paramLabel = "N", descriptionKey = "ledger.maxClosedReservations",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxClosedReservations] Most closed reservations remembered, 238 bytes each; the oldest "
            + "is forgotten first (default: 10000000).")
    private int maxClosedReservations = LEDGER.maxClosedReservations();

    @Option(names = "--closed-retention", paramLabel = "DURATION", descriptionKey = "ledger.closedRetention",
        converter = ConfigValues.Span.class,
        description = "[ledger.closedRetention] How long a closed reservation is remembered, in engine time "
            + "(default: 30d; units ms, s, m, h, d).")
    private Duration closedRetention = Duration.ofMillis(LEDGER.closedRetentionMillis());

    @Option(names = "--max-idempotency-keys", paramLabel = "N", descriptionKey = "ledger.maxIdempotencyKeys",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxIdempotencyKeys] Most idempotency keys remembered, about 500 bytes each; the oldest "
            + "is forgotten first (default: 10000000).")
    private int maxIdempotencyKeys = LEDGER.maxIdempotencyKeys();

    @Option(names = "--idempotency-window", paramLabel = "DURATION", descriptionKey = "ledger.idempotencyWindow",
        converter = ConfigValues.Span.class,
        description = "[ledger.idempotencyWindow] How long an idempotency key is remembered, in engine time "
            + "(default: 24h).")
    private Duration idempotencyWindow = Duration.ofMillis(LEDGER.idempotencyWindowMillis());

    @Option(names = "--memory-check", paramLabel = "MODE", descriptionKey = "memory.check",
        converter = ConfigValues.MemoryCheckModes.class,
        description = "[memory.check] When the ledger limits, reached, need more heap than -Xmx: warn (default: one "
            + "log line with the numbers), refuse (exit 2) or off.")
    private MemoryCheck.Mode memoryCheck = MemoryCheck.Mode.WARN;

    @Mixin
    private ChannelLimitOptions channelLimits;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private TlsOptions tls;

    @Option(names = "--replay-target",
        description = "Receive a replay (bin/stockhold loadtest replay): keep the recorded engine times, ticks and "
            + "push outcomes the binary protocol sends and run no ticker and no pusher. For a throwaway server only, "
            + "so an option only.")
    private boolean replayTarget;

    @Mixin
    private LoggingOptions logging;

    private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

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

    /** @return the command line of {@code stockhold server}, with this process's environment. */
    public static CommandLine commandLine()
    {
        return commandLine(System.getenv());
    }

    /**
     * @param env the environment variables to read settings from.
     * @return the command line of {@code stockhold server}: settings from the options, then {@code env}, then the
     * configuration file; a bad one told in one line, with exit status 2.
     */
    public static CommandLine commandLine(final Map<String, String> env)
    {
        final StockholdServer server = new StockholdServer();
        server.sources = new ConfigSources(env);
        return new CommandLine(server)
            .setDefaultValueProvider(server.sources)
            .setParameterExceptionHandler(new ConfigErrors(server.sources));
    }

    private ConfigSources sources;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        final ServerSettings settings;
        try
        {
            settings = settings();
            for (final String name : sources.unknownVariables(spec))
            {
                LOG.warn("event=config_variable_ignored name={} note=\"not a setting: see stockhold server --help\"", name);
            }
            checkMemory(settings, Runtime.getRuntime().maxMemory());
        }
        catch (final ConfigException ex)
        {
            // Told like a bad option, in one line and with exit status 2, not as a stack trace.
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        return ServerLifetime.run(settings);
    }

    /**
     * @return the settings: each from its option, else its environment variable, else the configuration file,
     * else its default; the API keys from the environment and the file.
     * @throws ConfigException for a bad API key, an unreadable file, or settings that do not go together.
     */
    ServerSettings settings()
    {
        final ApiKeys keys = sources.apiKeys(spec);
        if (realtimePriority > 0 && waitPreset != WaitPreset.LOW_CPU)
        {
            throw new ConfigException(describe("--realtime-priority") + ": needs the low_cpu wait preset, but "
                + describe("--wait-preset") + ": a stage that spins while idle would, at real-time priority, keep a core"
                + " from every other thread");
        }
        final LedgerConfig ledger = new LedgerConfig(
            warehousePriority == null ? LEDGER.warehousePriority() : warehousePriority,
            idempotencyWindow.toMillis(), maxIdempotencyKeys, closedRetention.toMillis(), maxClosedReservations,
            maxOpenReservations, maxCells, maxLinesPerOrder, maxBatchItems).withChannelLimits(channelLimits.limits());
        final HttpLimits limits = new HttpLimits(maxBodyBytes, maxHeaderBytes, maxInitialLineBytes, maxConnections,
            idleTimeoutSeconds, sseBufferBytes);
        return new ServerSettings(Path.of(dataDir), bind, httpPort, binaryPort, keys, ledger, limits, journalMode,
            new SnapshotPolicy(snapshotEveryCommands, Duration.ofSeconds(snapshotIntervalSeconds), snapshotMode),
            retentionDays, httpThreads, replayTarget, new ServerThreads(threadLayout, waitPreset, realtimePriority),
            minFreeDiskMb << 20, cluster.settings(this::describe), tls.files(this::describe));
    }

    /** @return the value an option holds after parsing (from the option, the environment, the file or its default). */
    Object optionValue(final String optionName)
    {
        return spec.findOption(optionName).getValue();
    }

    /** @return what to do when the ledger limits need more heap than there is. */
    MemoryCheck.Mode memoryCheck()
    {
        return memoryCheck;
    }

    /** @return how an option's value was set, for a message: {@code --opt VALUE} or where it came from. */
    private String describe(final String optionName)
    {
        final OptionSpec option = spec.findOption(optionName);
        final String origin = sources.origin(option);
        final Object value = option.getValue();
        return origin != null ? origin : optionName + " " + (value instanceof Enum<?> constant
            ? ConfigValues.Named.name(constant) : value instanceof Duration span ? span.toMillis() + "ms"
            : String.valueOf(value));
    }

    /**
     * Compares what the ledger holds at its limits with the heap (docs/LIMITS.md): a warning with the numbers, or
     * a refusal to start, or nothing, as {@code memory.check} says.
     */
    void checkMemory(final ServerSettings settings, final long maxHeapBytes)
    {
        final MemoryCheck need = MemoryCheck.of(settings.ledger());
        if (memoryCheck == MemoryCheck.Mode.OFF || need.fits(maxHeapBytes))
        {
            return;
        }
        if (memoryCheck == MemoryCheck.Mode.REFUSE)
        {
            throw new ConfigException(describe("--memory-check") + ": " + need.explain(maxHeapBytes));
        }
        LOG.warn("event=limits_exceed_heap {} note=\"{}\"", need.fields(maxHeapBytes), need.explain(maxHeapBytes));
    }
}
