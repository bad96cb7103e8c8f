package dev.stockhold.gateway.server;

import dev.stockhold.cluster.node.NodeSettings;
import dev.stockhold.engine.ledger.ChannelLimits;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.journal.SnapshotMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every server setting from the command line, the environment and the configuration file: the option wins over
 * the variable, the variable over the file, the file over the default; a bad value, a missing file or an unknown
 * key is one line and exit status 2; the ledger limits are checked against the heap.
 */
class ConfigTest
{
    @TempDir
    Path dir;

    /** One setting: its key and option, how to read it back, and three values with what each must become. */
    private record Row(String key, String option, BiFunction<StockholdServer, ServerSettings, Object> read,
        Object byDefault, String[] values, Object[] expected)
    {
    }

    private static Row row(final String key, final String option,
        final BiFunction<StockholdServer, ServerSettings, Object> read, final Object byDefault,
        final String file, final Object fromFile, final String env, final Object fromEnv, final String flag,
        final Object fromFlag)
    {
        return new Row(key, option, read, byDefault, new String[] {file, env, flag},
            new Object[] {fromFile, fromEnv, fromFlag});
    }

    private static final LedgerConfig LEDGER = LedgerConfig.defaults();
    private static final ChannelLimits CHANNELS = ChannelLimits.defaults();
    private static final long DAY = 86_400_000L;

    private static final List<Row> TABLE = List.of(
        row("cluster.members", "--cluster-members", (c, s) -> c.optionValue("--cluster-members"), null,
            "a:9100", "a:9100", "b:9100", "b:9100", "c:9100", "c:9100"),
        row("cluster.node", "--cluster-node", (c, s) -> c.optionValue("--cluster-node"), null, "1", 1, "2", 2, "0", 0),
        row("cluster.leaderHeartbeatTimeout", "--cluster-heartbeat-timeout",
            (c, s) -> c.optionValue("--cluster-heartbeat-timeout"), Duration.ofSeconds(1),
            "2s", Duration.ofSeconds(2), "3s", Duration.ofSeconds(3), "400ms", Duration.ofMillis(400)),
        row("cluster.leaderHeartbeatInterval", "--cluster-heartbeat-interval",
            (c, s) -> c.optionValue("--cluster-heartbeat-interval"), Duration.ofMillis(100),
            "20ms", Duration.ofMillis(20), "30ms", Duration.ofMillis(30), "1s", Duration.ofSeconds(1)),
        row("cluster.electionTimeout", "--cluster-election-timeout", (c, s) -> c.optionValue("--cluster-election-timeout"),
            Duration.ofMillis(500), "1s", Duration.ofSeconds(1), "2s", Duration.ofSeconds(2), "300ms",
            Duration.ofMillis(300)),
        row("cluster.requestDeadline", "--cluster-request-deadline",
            (c, s) -> c.optionValue("--cluster-request-deadline"), Duration.ofSeconds(5), "1s", Duration.ofSeconds(1),
            "2s", Duration.ofSeconds(2), "10s", Duration.ofSeconds(10)),
        row("cluster.windowCapacity", "--cluster-window-capacity",
            (c, s) -> c.optionValue("--cluster-window-capacity"), 1 << 20, "1000", 1000, "2000", 2000, "4194304",
            4_194_304),
        row("cluster.aeronDir", "--aeron-dir", (c, s) -> c.optionValue("--aeron-dir"), null, "/a", "/a", "/b", "/b",
            "/c", "/c"),
        row("tls.certFile", "--tls-cert", (c, s) -> c.optionValue("--tls-cert"), null, "/a.pem", "/a.pem",
            "/b.pem", "/b.pem", "/c.pem", "/c.pem"),
        row("tls.keyFile", "--tls-key", (c, s) -> c.optionValue("--tls-key"), null, "/a.key", "/a.key",
            "/b.key", "/b.key", "/c.key", "/c.key"),
        row("data.dir", "--data-dir", (c, s) -> s.dataDir(), Path.of("data"),
            "/var/a", Path.of("/var/a"), "/var/b", Path.of("/var/b"), "/var/c", Path.of("/var/c")),
        row("bind", "--bind", (c, s) -> s.bind(), "127.0.0.1", "127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3",
            "::1", "::1"),
        row("http.port", "--http-port", (c, s) -> s.httpPort(), 8080, "1001", 1001, "1002", 1002, "0", 0),
        row("binary.port", "--binary-port", (c, s) -> s.binaryPort(), 7070, "2001", 2001, "-1", -1, "2003", 2003),
        row("http.threads", "--http-threads", (c, s) -> s.httpThreads(), 0, "1", 1, "2", 2, "3", 3),
        row("journal.mode", "--journal-mode", (c, s) -> s.journalMode(), JournalMode.MMAP,
            "fsync", JournalMode.FSYNC, "NONE", JournalMode.NONE, "mmap", JournalMode.MMAP),
        row("journal.minFreeDiskMb", "--min-free-disk-mb", (c, s) -> s.minFreeDiskBytes(), 64L << 20,
            "1", 1L << 20, "2", 2L << 20, "0", 0L),
        row("snapshot.everyCommands", "--snapshot-every", (c, s) -> s.snapshots().everyCommands(), 1_000_000L,
            "10", 10L, "20", 20L, "0", 0L),
        row("snapshot.intervalSeconds", "--snapshot-interval", (c, s) -> s.snapshots().interval(),
            Duration.ofMinutes(10), "10", Duration.ofSeconds(10), "20", Duration.ofSeconds(20), "0", Duration.ZERO),
        row("snapshot.mode", "--snapshot-mode", (c, s) -> s.snapshots().mode(), SnapshotMode.BACKGROUND,
            "inline", SnapshotMode.INLINE, "background", SnapshotMode.BACKGROUND, "Inline", SnapshotMode.INLINE),
        row("retention.days", "--retention-days", (c, s) -> s.changeRetentionDays(), 180, "1", 1, "2", 2, "3", 3),
        row("engine.layout", "--thread-layout", (c, s) -> s.serverThreads().layout(), ThreadLayout.forThisMachine(),
            "staged", ThreadLayout.STAGED, "single", ThreadLayout.SINGLE, "staged", ThreadLayout.STAGED),
        row("engine.waitPreset", "--wait-preset", (c, s) -> s.serverThreads().waitPreset(), WaitPreset.LOW_CPU,
            "balanced", WaitPreset.BALANCED, "low_latency", WaitPreset.LOW_LATENCY, "low_cpu", WaitPreset.LOW_CPU),
        row("engine.realtimePriority", "--realtime-priority", (c, s) -> s.serverThreads().realtimePriority(), 0,
            "1", 1, "2", 2, "99", 99),
        row("limits.maxBodyBytes", "--max-body-bytes", (c, s) -> s.limits().maxBodyBytes(), 1 << 20,
            "100", 100, "200", 200, "300", 300),
        row("limits.maxHeaderBytes", "--max-header-bytes", (c, s) -> s.limits().maxHeaderBytes(), 16_384,
            "100", 100, "200", 200, "300", 300),
        row("limits.maxInitialLineBytes", "--max-initial-line-bytes", (c, s) -> s.limits().maxInitialLineBytes(),
            8192, "100", 100, "200", 200, "300", 300),
        row("limits.maxConnections", "--max-connections", (c, s) -> s.limits().maxConnections(), 10_000,
            "100", 100, "200", 200, "300", 300),
        row("limits.idleTimeoutSeconds", "--idle-timeout-seconds", (c, s) -> s.limits().idleTimeoutSeconds(), 300,
            "100", 100, "200", 200, "300", 300),
        row("limits.sseBufferBytes", "--sse-buffer-bytes", (c, s) -> s.limits().sseBufferBytes(), 4 << 20,
            "100", 100, "200", 200, "300", 300),
        row("warehouse.priority", "--warehouse-priority", (c, s) -> s.ledger().warehousePriority(), List.of(),
            "A, B", List.of("A", "B"), "C,D", List.of("C", "D"), "E", List.of("E")),
        row("ledger.maxLinesPerOrder", "--max-lines-per-order", (c, s) -> s.ledger().maxLinesPerOrder(),
            LEDGER.maxLinesPerOrder(), "1", 1, "2", 2, "3", 3),
        row("ledger.maxBatchItems", "--max-batch-items", (c, s) -> s.ledger().maxBatchItems(),
            LEDGER.maxBatchItems(), "1", 1, "2", 2, "3", 3),
        row("ledger.maxCells", "--max-cells", (c, s) -> s.ledger().maxCells(), LEDGER.maxCells(),
            "1", 1, "2", 2, "3", 3),
        row("ledger.maxOpenReservations", "--max-open-reservations", (c, s) -> s.ledger().maxOpenReservations(),
            LEDGER.maxOpenReservations(), "1", 1, "2", 2, "3", 3),
        row("ledger.maxClosedReservations", "--max-closed-reservations",
            (c, s) -> s.ledger().maxClosedReservations(), LEDGER.maxClosedReservations(), "1", 1, "2", 2, "3", 3),
        row("ledger.closedRetention", "--closed-retention", (c, s) -> s.ledger().closedRetentionMillis(), 30 * DAY,
            "7d", 7 * DAY, "12h", DAY / 2, "90s", 90_000L),
        row("ledger.maxIdempotencyKeys", "--max-idempotency-keys", (c, s) -> s.ledger().maxIdempotencyKeys(),
            LEDGER.maxIdempotencyKeys(), "1", 1, "2", 2, "3", 3),
        row("ledger.idempotencyWindow", "--idempotency-window", (c, s) -> s.ledger().idempotencyWindowMillis(), DAY,
            "1h", DAY / 24, "30m", DAY / 48, "500ms", 500L),
        row("ledger.maxChannels", "--max-channels", (c, s) -> s.ledger().channelLimits().maxChannels(),
            CHANNELS.maxChannels(), "1", 1, "2", 2, "3", 3),
        row("ledger.maxListings", "--max-listings", (c, s) -> s.ledger().channelLimits().maxListings(),
            CHANNELS.maxListings(), "1", 1, "2", 2, "3", 3),
        row("ledger.maxKits", "--max-kits", (c, s) -> s.ledger().channelLimits().maxKits(),
            CHANNELS.maxKits(), "1", 1, "2", 2, "3", 3),
        row("ledger.maxComponentsPerKit", "--max-components-per-kit",
            (c, s) -> s.ledger().channelLimits().maxComponentsPerKit(), CHANNELS.maxComponentsPerKit(),
            "1", 1, "2", 2, "3", 3),
        row("ledger.maxListingsPerCode", "--max-listings-per-code",
            (c, s) -> s.ledger().channelLimits().maxListingsPerCode(), CHANNELS.maxListingsPerCode(),
            "1", 1, "2", 2, "3", 3),
        row("ledger.maxKitsPerSku", "--max-kits-per-sku", (c, s) -> s.ledger().channelLimits().maxKitsPerSku(),
            CHANNELS.maxKitsPerSku(), "1", 1, "2", 2, "3", 3),
        row("memory.check", "--memory-check", (c, s) -> c.memoryCheck(), MemoryCheck.Mode.WARN,
            "refuse", MemoryCheck.Mode.REFUSE, "off", MemoryCheck.Mode.OFF, "warn", MemoryCheck.Mode.WARN));

    /** The outcome of one run of the command line. */
    private record Run(int status, String out, String err)
    {
        List<String> errLines()
        {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    private static Run execute(final Map<String, String> env, final String... args)
    {
        final CommandLine commandLine = StockholdServer.commandLine(env);
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** Parses, without starting anything. */
    private static StockholdServer parse(final Map<String, String> env, final String... args)
    {
        final CommandLine commandLine = StockholdServer.commandLine(env);
        commandLine.parseArgs(args);
        return commandLine.getCommand();
    }

    private Path file(final String name, final String text) throws Exception
    {
        final Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    @Test
    void theOptionWinsOverTheVariableWhichWinsOverTheFileWhichWinsOverTheDefault() throws Exception
    {
        for (final Row row : TABLE)
        {
            final String variable = ConfigSources.variable(row.key());
            final Path config = file(row.key() + ".properties", row.key() + "=" + row.values()[0] + "\n");
            final String what = row.key() + " / " + variable + " / " + row.option();

            final StockholdServer byDefault = parse(Map.of());
            assertEquals(row.byDefault(), row.read().apply(byDefault, settings(byDefault, row)), what + ": default");

            final StockholdServer fromFile = parse(Map.of(), "--config", config.toString());
            assertEquals(row.expected()[0], row.read().apply(fromFile, settings(fromFile, row)), what + ": file");

            final StockholdServer fromEnv = parse(Map.of(variable, row.values()[1]), "--config", config.toString());
            assertEquals(row.expected()[1], row.read().apply(fromEnv, settings(fromEnv, row)), what + ": environment");

            final StockholdServer fromFlag = parse(Map.of(variable, row.values()[1]), "--config", config.toString(),
                row.option(), row.values()[2]);
            assertEquals(row.expected()[2], row.read().apply(fromFlag, settings(fromFlag, row)), what + ": option");

            // The file named by the environment instead of the option.
            final StockholdServer fileFromEnv = parse(Map.of(ConfigSources.CONFIG_VARIABLE, config.toString()));
            assertEquals(row.expected()[0], row.read().apply(fileFromEnv, settings(fileFromEnv, row)), what + ": "
                + ConfigSources.CONFIG_VARIABLE);
        }
    }

    /**
     * @return the settings {@code server} parsed, or null for a cluster or TLS key: those settings need two keys
     * together (cluster.members and cluster.node; the certificate and its key), so those rows read the parsed
     * options, and {@link #aClusterMemberIsConfiguredFromTheFileTheEnvironmentAndTheOptions} and {@code TlsTest}
     * check the settings they make.
     */
    private static ServerSettings settings(final StockholdServer server, final Row row)
    {
        return row.key().startsWith("cluster.") || row.key().startsWith("tls.") ? null : server.settings();
    }

    @Test
    void theTableCoversEverySetting()
    {
        final Set<String> keys = new TreeSet<>();
        final Set<String> options = new TreeSet<>();
        for (final OptionSpec option : StockholdServer.commandLine(Map.of()).getCommandSpec().options())
        {
            final String key = ConfigSources.key(option);
            if (key != null)
            {
                keys.add(key);
                options.add(key + " " + option.longestName());
            }
        }
        final Set<String> inTable = new TreeSet<>();
        final Set<String> optionsInTable = new TreeSet<>();
        for (final Row row : TABLE)
        {
            inTable.add(row.key());
            optionsInTable.add(row.key() + " " + row.option());
        }
        assertEquals(keys, inTable);
        assertEquals(options, optionsInTable);
    }

    @Test
    void variableNamesAreTheKeysInUpperSnakeCase()
    {
        assertEquals("STOCKHOLD_HTTP_PORT", ConfigSources.variable("http.port"));
        assertEquals("STOCKHOLD_LIMITS_MAX_BODY_BYTES", ConfigSources.variable("limits.maxBodyBytes"));
        assertEquals("STOCKHOLD_JOURNAL_MIN_FREE_DISK_MB", ConfigSources.variable("journal.minFreeDiskMb"));
        assertEquals("STOCKHOLD_DATA_DIR", ConfigSources.variable("data.dir"));
    }

    @Test
    void aBadValueIsOneLineNamingWhereItCameFromAndExitStatusTwo() throws Exception
    {
        assertOneLine("stockhold: --http-port: not a number: \"x\"", execute(Map.of(), "--http-port", "x"));
        assertOneLine("stockhold: --http-port: must be between 0 and 65535: \"70000\"",
            execute(Map.of(), "--http-port", "70000"));
        assertOneLine("stockhold: environment STOCKHOLD_HTTP_PORT=x: not a number",
            execute(Map.of("STOCKHOLD_HTTP_PORT", "x")));
        final Path config = file("stockhold.properties", "limits.maxBodyBytes=abc\n");
        assertOneLine("stockhold: config key limits.maxBodyBytes=abc (file " + config + "): not a number",
            execute(Map.of(), "--config", config.toString()));
        assertOneLine("stockhold: config key ledger.maxCells=0 (file " + file("cells.properties", "ledger.maxCells=0")
            + "): must be at least 1", execute(Map.of(), "--config", dir.resolve("cells.properties").toString()));
        assertOneLine("stockhold: environment STOCKHOLD_LEDGER_IDEMPOTENCY_WINDOW=1 day: not a duration (a number and a"
            + " unit: 500ms, 90s, 15m, 24h, 30d)", execute(Map.of("STOCKHOLD_LEDGER_IDEMPOTENCY_WINDOW", "1 day")));
        assertOneLine("stockhold: --journal-mode: not one of mmap, fsync, none: \"paper\"",
            execute(Map.of(), "--journal-mode", "paper"));
        assertOneLine("stockhold: --max-cells: too large (at most 2147483647): \"99999999999\"",
            execute(Map.of(), "--max-cells", "99999999999"));
        // The option given on the command line: the variable's bad value is never used.
        assertEquals(2, execute(Map.of("STOCKHOLD_HTTP_PORT", "x"), "--http-port", "x").status());
        // Settings that do not go together.
        assertOneLine("stockhold: environment STOCKHOLD_ENGINE_REALTIME_PRIORITY=10: needs the low_cpu wait preset, "
                + "but --wait-preset balanced: a stage that spins while idle would, at real-time priority, keep a core "
                + "from every other thread",
            execute(Map.of("STOCKHOLD_ENGINE_REALTIME_PRIORITY", "10"), "--wait-preset", "balanced"));
        // Anything else picocli refuses.
        final Run unknown = execute(Map.of(), "--htp-port", "1");
        assertOneLine(unknown.errLines().get(0), unknown);
        assertTrue(unknown.err().startsWith("stockhold: Unknown options: '--htp-port', '1' (stockhold server --help"),
            unknown.err());
    }

    @Test
    void aMissingOrBadFileIsOneLineAndExitStatusTwo() throws Exception
    {
        final Path missing = dir.resolve("missing.properties");
        assertOneLine("stockhold: --config " + missing + ": no such file", execute(Map.of(), "--config",
            missing.toString()));
        assertOneLine("stockhold: environment STOCKHOLD_CONFIG=" + missing + ": no such file",
            execute(Map.of("STOCKHOLD_CONFIG", missing.toString())));
        // Even when the command line gives every setting, the file is read: it may hold API keys.
        assertEquals(2, execute(Map.of(), "--config", missing.toString(), "--http-port", "0").status());
        final Path typo = file("typo.properties", "limits.maxBodyByte=10\n");
        assertOneLine("stockhold: config key limits.maxBodyByte (file " + typo + "): unknown key",
            execute(Map.of(), "--config", typo.toString()));
    }

    @Test
    void apiKeysComeFromTheFileAndTheEnvironmentWhichWins() throws Exception
    {
        final Path config = file("keys.properties",
            "key.1.secret=file-one\nkey.1.scopes=read\nkey.2.secret=file-two\nkey.2.scopes=read,reserve\n");
        final ServerSettings settings = parse(Map.of("STOCKHOLD_KEY_2_SECRET", "env-two", "STOCKHOLD_KEY_3_SECRET",
            "env-three", "STOCKHOLD_KEY_3_SCOPES", "admin"), "--config", config.toString()).settings();
        assertEquals(1, settings.keys().authenticate("Bearer file-one").id());
        assertEquals(null, settings.keys().authenticate("Bearer file-two"));
        assertEquals(Set.of(Scope.READ, Scope.RESERVE), settings.keys().authenticate("Bearer env-two").scopes());
        assertTrue(settings.keys().authenticate("Bearer env-three").allows(Scope.STOCK));
        assertFalse(parse(Map.of()).settings().keys().enabled());

        // Mistakes name the key and never show a secret.
        final Run noScopes = execute(Map.of("STOCKHOLD_KEY_4_SECRET", "hush"));
        assertOneLine("stockhold: environment STOCKHOLD_KEY_4_SECRET: key 4 has no scopes (key.4.scopes or "
            + "STOCKHOLD_KEY_4_SCOPES)", noScopes);
        assertOneLine("stockhold: environment STOCKHOLD_KEY_5_SCOPES=read,wrte: not a scope: wrte (scopes: read, "
                + "reserve, stock, admin)",
            execute(Map.of("STOCKHOLD_KEY_5_SECRET", "hush", "STOCKHOLD_KEY_5_SCOPES", "read,wrte")));
        final Path reused = file("reused.properties", "key.1.secret=hush\nkey.1.scopes=read\nkey.2.secret=hush\n"
            + "key.2.scopes=read\n");
        final Run twice = execute(Map.of(), "--config", reused.toString());
        assertOneLine("stockhold: config key key.2.secret (file " + reused + "): the same secret as key 1", twice);
        assertFalse(twice.err().contains("hush"));
    }

    @Test
    void helpAndVersionIgnoreBadSettings()
    {
        final Map<String, String> bad = Map.of("STOCKHOLD_HTTP_PORT", "x", "STOCKHOLD_CONFIG", "/no/such/file");
        final Run help = execute(bad, "--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().contains("--max-cells") && help.out().contains("[ledger.maxCells]"), help.out());
        final Run version = execute(bad, "--version");
        assertEquals(0, version.status(), version.err());
        assertTrue(version.out().matches("stockhold \\d+\\.\\d+\\.\\d+\\S*\\R"), version.out());
    }

    @Test
    void theLimitsAreCheckedAgainstTheHeap()
    {
        // docs/LIMITS.md: the defaults need about 15 GB when every limit is reached.
        final MemoryCheck defaults = MemoryCheck.of(LedgerConfig.defaults());
        assertEquals(3_410_000_000L + 2_300_000_000L + 2_380_000_000L + 5_000_000_000L
            + 180_000L + 1_730_000_000L + 280_000_000L + (16L << 20), defaults.total());
        assertFalse(defaults.fits(4L << 30));
        final LedgerConfig small = LedgerConfig.defaults().withSizeLimits(1_000_000, 1_000_000, 100, 10_000)
            .withClosedRetention(30 * DAY, 1_000_000).withIdempotency(DAY, 1_000_000)
            .withChannelLimits(new ChannelLimits(1_000, 1_000_000, 100_000, 20, 1_000, 100));
        assertTrue(MemoryCheck.of(small).fits(2L << 30));

        // The test JVM's heap (-Xmx2g) is far below the default limits: refused before anything starts.
        final Run refused = execute(Map.of(), "--memory-check", "refuse", "--data-dir", dir.resolve("d").toString());
        assertEquals(2, refused.status(), refused.err());
        assertEquals(1, refused.errLines().size(), refused.err());
        assertTrue(refused.err().startsWith("stockhold: --memory-check refuse: the ledger limits need 14.1 GiB of heap"
            + " when reached (cells 3.2 GiB, open reservations 2.1 GiB, closed reservations 2.2 GiB, idempotency keys"
            + " 4.7 GiB, channels, listings and kits 1.9 GiB, ring 16.0 MiB) but the heap is "), refused.err());
        assertFalse(Files.exists(dir.resolve("d")), "nothing started");

        final StockholdServer warn = parse(Map.of());
        final ServerSettings settings = warn.settings();
        warn.checkMemory(settings, 1L << 30); // logs limits_exceed_heap, starts
        final StockholdServer fits = parse(Map.of("STOCKHOLD_MEMORY_CHECK", "refuse", "STOCKHOLD_LEDGER_MAX_CELLS",
            "1000", "STOCKHOLD_LEDGER_MAX_OPEN_RESERVATIONS", "1000", "STOCKHOLD_LEDGER_MAX_CLOSED_RESERVATIONS", "1000",
            "STOCKHOLD_LEDGER_MAX_IDEMPOTENCY_KEYS", "1000", "STOCKHOLD_LEDGER_MAX_LISTINGS", "1000",
            "STOCKHOLD_LEDGER_MAX_KITS", "1000"));
        fits.checkMemory(fits.settings(), 64L << 20);
    }

    @Test
    void everyKeyIsDocumentedWithItsVariableAndInTheSampleFile() throws Exception
    {
        final String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        final String sample = Files.readString(Path.of("..", "config", "stockhold.properties"));
        final List<String> missing = new ArrayList<>();
        for (final Row row : TABLE)
        {
            final String line = "| `" + row.key() + "` | `" + ConfigSources.variable(row.key()) + "` | `" + row.option()
                + " ";
            if (!operations.contains(line))
            {
                missing.add("docs/operations.md: " + line);
            }
            if (!sample.contains("\n#" + row.key() + "=") && !sample.contains("\n" + row.key() + "="))
            {
                missing.add("config/stockhold.properties: " + row.key());
            }
        }
        assertEquals(List.of(), missing);
        // The sample, as shipped, is a valid configuration.
        assertFalse(parse(Map.of(), "--config", Path.of("..", "config", "stockhold.properties").toString()).settings()
            .keys().enabled());
    }

    @Test
    void aClusterMemberIsConfiguredFromTheFileTheEnvironmentAndTheOptions() throws Exception
    {
        assertNull(parse(Map.of()).settings().cluster(), "a single-process server by default");
        final Path config = file("member.properties", "cluster.members=127.0.0.1:9100, 127.0.0.1:9200,127.0.0.1:9300\n"
            + "cluster.node=1\ncluster.electionTimeout=300ms\ncluster.aeronDir=/dev/shm/x\n");
        final ClusterSettings cluster = parse(Map.of("STOCKHOLD_CLUSTER_REQUEST_DEADLINE", "2s"), "--config",
            config.toString(), "--cluster-heartbeat-timeout", "3s", "--cluster-heartbeat-interval", "50ms",
            "--cluster-window-capacity", "3000000").settings().cluster();
        assertEquals(1, cluster.node());
        assertEquals("127.0.0.1:9100,127.0.0.1:9200,127.0.0.1:9300", cluster.members().toString());
        assertEquals(Duration.ofMillis(300), cluster.timeouts().electionTimeout());
        assertEquals(Duration.ofSeconds(3), cluster.timeouts().leaderHeartbeatTimeout());
        assertEquals(Duration.ofMillis(50), cluster.timeouts().leaderHeartbeatInterval());
        assertEquals(Duration.ofSeconds(2), cluster.requestDeadline());
        assertEquals(Path.of("/dev/shm/x"), cluster.aeronDir());
        assertEquals(3_000_000, cluster.windowCapacity());

        final ClusterSettings defaults = parse(Map.of(), "--cluster-members", "10.0.0.1:9100,10.0.0.2:9100,"
            + "10.0.0.3:9100", "--cluster-node", "2").settings().cluster();
        assertEquals(NodeSettings.Timeouts.defaults(), defaults.timeouts());
        assertEquals(Duration.ofSeconds(5), defaults.requestDeadline());
        assertEquals(1 << 20, defaults.windowCapacity());
        assertNull(defaults.aeronDir());

        assertRefused("--cluster-members and --cluster-node go together", execute(Map.of(), "--cluster-node", "1"));
        assertRefused("a cluster member is host:basePort, not 'nohost'",
            execute(Map.of(), "--cluster-members", "nohost", "--cluster-node", "0"));
        assertRefused("no member 3 among 3", execute(Map.of(), "--cluster-members",
            "127.0.0.1:9100,127.0.0.1:9200,127.0.0.1:9300", "--cluster-node", "3"));
        assertRefused("--tls-cert and --tls-key go together", execute(Map.of(), "--tls-cert", "/x.pem"));
        assertRefused("cannot read /nonexistent/x.pem", execute(Map.of(), "--tls-cert", "/nonexistent/x.pem",
            "--tls-key", "/nonexistent/x.key"));
        assertRefused("--cluster-request-deadline 0ms: must be more than 0", execute(Map.of(), "--cluster-members",
            "127.0.0.1:9100", "--cluster-node", "0", "--cluster-request-deadline", "0s"));
    }

    /** The start is refused with status 2 and one line that says {@code text}. */
    private static void assertRefused(final String text, final Run run)
    {
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).contains(text), run.err() + " should say " + text);
    }

    private static void assertOneLine(final String expected, final Run run)
    {
        assertEquals(2, run.status(), run.err());
        assertEquals(List.of(expected), run.errLines(), run.err());
        assertEquals("", run.out());
    }
}
