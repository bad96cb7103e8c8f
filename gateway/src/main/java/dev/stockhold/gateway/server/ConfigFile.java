package dev.stockhold.gateway.server;

import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.gateway.http.HttpLimits;
import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.journal.SnapshotMode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the server's configuration file, a Java properties file:
 * <pre>
 *   # API keys: key.&lt;id&gt;.secret and key.&lt;id&gt;.scopes (read, reserve, stock, admin); id is journaled
 *   key.1.secret=s3cr3t-erp
 *   key.1.scopes=read,reserve
 *   warehouse.priority=CN-SZ,US-LA
 *   limits.maxBodyBytes=1048576
 *   limits.maxHeaderBytes=16384
 *   limits.maxConnections=10000
 *   limits.idleTimeoutSeconds=300
 *   limits.sseBufferBytes=4194304
 *   journal.mode=mmap
 *   snapshot.everyCommands=1000000
 *   snapshot.intervalSeconds=600
 *   snapshot.mode=background            (or inline)
 *   retention.days=180
 *   http.threads=0
 *   # single or staged; without it single on machines with at most 2 processors, staged on others
 *   engine.layout=single
 *   # low_cpu, balanced or low_latency
 *   engine.waitPreset=low_cpu
 *   # SCHED_FIFO priority (1-99) of the engine and event-loop threads; 0, the default, leaves them to the OS
 *   engine.realtimePriority=0
 * </pre>
 * Unknown keys are errors, so a typo never passes silently.
 */
public final class ConfigFile
{
    private static final Set<String> PLAIN_KEYS = Set.of("warehouse.priority", "limits.maxBodyBytes",
        "limits.maxHeaderBytes", "limits.maxConnections", "limits.idleTimeoutSeconds", "limits.sseBufferBytes",
        "journal.mode", "snapshot.everyCommands", "snapshot.intervalSeconds", "snapshot.mode", "retention.days",
        "http.threads", "engine.layout", "engine.waitPreset", "engine.realtimePriority", "journal.minFreeDiskMb");

    private ConfigFile()
    {
    }

    /**
     * Applies {@code file} over {@code base}.
     *
     * @throws IllegalArgumentException on an unknown key or a bad value.
     */
    public static ServerSettings apply(final Path file, final ServerSettings base) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        return apply(properties, base);
    }

    /** Applies parsed properties over {@code base}. */
    public static ServerSettings apply(final Properties properties, final ServerSettings base)
    {
        for (final String name : properties.stringPropertyNames())
        {
            if (!PLAIN_KEYS.contains(name) && !name.matches("key\\.\\d+\\.(secret|scopes)"))
            {
                throw new IllegalArgumentException("unknown configuration key: " + name);
            }
        }
        LedgerConfig ledger = base.ledger();
        final String priority = properties.getProperty("warehouse.priority");
        if (priority != null)
        {
            ledger = ledger.withWarehousePriority(splitList(priority));
        }
        HttpLimits limits = base.limits();
        limits = new HttpLimits(
            intValue(properties, "limits.maxBodyBytes", limits.maxBodyBytes()),
            intValue(properties, "limits.maxHeaderBytes", limits.maxHeaderBytes()),
            limits.maxInitialLineBytes(),
            intValue(properties, "limits.maxConnections", limits.maxConnections()),
            intValue(properties, "limits.idleTimeoutSeconds", limits.idleTimeoutSeconds()),
            intValue(properties, "limits.sseBufferBytes", limits.sseBufferBytes()));
        final String mode = properties.getProperty("journal.mode");
        final JournalMode journalMode = mode == null ? base.journalMode()
            : JournalMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        final ApiKeys keys = keys(properties);
        return new ServerSettings(base.dataDir(), base.bind(), base.httpPort(), base.binaryPort(),
            keys.enabled() ? keys : base.keys(), ledger, limits, journalMode,
            new SnapshotPolicy(longValue(properties, "snapshot.everyCommands", base.snapshots().everyCommands()),
                Duration.ofSeconds(longValue(properties, "snapshot.intervalSeconds",
                    base.snapshots().interval().toSeconds())),
                enumValue(properties, "snapshot.mode", SnapshotMode.class, base.snapshots().mode())),
            intValue(properties, "retention.days", base.changeRetentionDays()),
            intValue(properties, "http.threads", base.httpThreads()), base.replayTarget(),
            new ServerThreads(
                enumValue(properties, "engine.layout", ThreadLayout.class, base.serverThreads().layout()),
                enumValue(properties, "engine.waitPreset", WaitPreset.class, base.serverThreads().waitPreset()),
                intValue(properties, "engine.realtimePriority", base.serverThreads().realtimePriority())),
            longValue(properties, "journal.minFreeDiskMb", base.minFreeDiskBytes() >> 20) << 20);
    }

    private static ApiKeys keys(final Properties properties)
    {
        final Set<Integer> ids = new TreeSet<>();
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith("key."))
            {
                ids.add(Integer.parseInt(name.substring(4, name.indexOf('.', 4))));
            }
        }
        final List<ApiKey> keys = new ArrayList<>();
        for (final int id : ids)
        {
            final String secret = properties.getProperty("key." + id + ".secret");
            final String scopes = properties.getProperty("key." + id + ".scopes");
            if (secret == null || scopes == null)
            {
                throw new IllegalArgumentException("key." + id + " needs both .secret and .scopes");
            }
            final Set<Scope> parsed = EnumSet.noneOf(Scope.class);
            for (final String scope : splitList(scopes))
            {
                parsed.add(Scope.parse(scope));
            }
            keys.add(new ApiKey(id, secret.trim(), parsed));
        }
        return new ApiKeys(keys);
    }

    /** Splits a comma-separated list, dropping blanks. */
    public static List<String> splitList(final String value)
    {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static <E extends Enum<E>> E enumValue(final Properties properties, final String name,
        final Class<E> type, final E fallback)
    {
        final String value = properties.getProperty(name);
        return value == null ? fallback : Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }

    private static int intValue(final Properties properties, final String name, final int fallback)
    {
        final String value = properties.getProperty(name);
        return value == null ? fallback : Integer.parseInt(value.trim());
    }

    private static long longValue(final Properties properties, final String name, final long fallback)
    {
        final String value = properties.getProperty(name);
        return value == null ? fallback : Long.parseLong(value.trim());
    }
}
