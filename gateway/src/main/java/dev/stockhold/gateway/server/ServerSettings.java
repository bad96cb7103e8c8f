package dev.stockhold.gateway.server;

import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.gateway.http.HttpLimits;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.TlsFiles;
import dev.stockhold.journal.JournalConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Everything the server is started with: its options over the environment over the configuration file
 * ({@link StockholdServer}, {@link ConfigSources}).
 *
 * @param dataDir              where the journal, snapshots and change log live.
 * @param bind                 the address both servers bind to.
 * @param httpPort             the HTTP port (0 for any free port).
 * @param binaryPort           the binary protocol's port (0 for any free port).
 * @param keys                 API keys; none means auth is off, allowed on loopback only.
 * @param ledger               the ledger's limits and warehouse priority.
 * @param limits               the HTTP server's limits.
 * @param journalMode          the journal's durability.
 * @param snapshots            when the ledger is snapshotted.
 * @param changeRetentionDays  days of change-feed events (and journal) kept.
 * @param httpThreads          event-loop threads (0: one per two processors).
 * @param replayTarget         true for a throwaway server that receives a replay: it keeps the recorded
 *                             engine times the binary protocol stamps, takes recorded ticks and push
 *                             outcomes, and runs no ticker, no pusher and no periodic read of its own (so
 *                             every command takes its recorded sequence). Never for production.
 * @param serverThreads        how the engine's stages map onto threads and wait for work, and at what priority.
 * @param minFreeDiskBytes     the engine stops when the data disk has less usable space (0: never checked).
 * @param cluster              how this server runs as a member of a replicated cluster; null for a single process.
 * @param tls                  TLS for both protocols from PEM files; null for plain HTTP and TCP.
 */
public record ServerSettings(
    Path dataDir,
    String bind,
    int httpPort,
    int binaryPort,
    ApiKeys keys,
    LedgerConfig ledger,
    HttpLimits limits,
    JournalMode journalMode,
    SnapshotPolicy snapshots,
    int changeRetentionDays,
    int httpThreads,
    boolean replayTarget,
    ServerThreads serverThreads,
    long minFreeDiskBytes,
    ClusterSettings cluster,
    TlsFiles tls)
{
    /** @return defaults: ./data, 127.0.0.1:8080 and :7070, no keys, default limits, mmap journal. */
    public static ServerSettings defaults()
    {
        return new ServerSettings(Path.of("data"), "127.0.0.1", 8080, 7070, ApiKeys.none(), LedgerConfig.defaults(),
            HttpLimits.defaults(), JournalMode.MMAP, SnapshotPolicy.DEFAULT, 180, 0, false,
            ServerThreads.forThisMachine(), JournalConfig.DEFAULT_MIN_FREE_DISK_BYTES, null, null);
    }

    /**
     * Refuses to serve without keys on anything but loopback: an open inventory API on a network would
     * let anyone lock or rewrite stock.
     *
     * @throws IllegalStateException when keys are missing and the bind address is not loopback.
     */
    public void checkSecure()
    {
        if (keys.enabled())
        {
            return;
        }
        final InetAddress address;
        try
        {
            address = InetAddress.getByName(bind);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("cannot resolve bind address " + bind, ex);
        }
        if (!address.isLoopbackAddress())
        {
            throw new IllegalStateException("no API keys are configured: refusing to bind to " + bind
                + " (only loopback is allowed without keys; add keys with --config)");
        }
    }

    /** @return a copy listening on other ports. */
    public ServerSettings withPorts(final int http, final int binary)
    {
        return new ServerSettings(dataDir, bind, http, binary, keys, ledger, limits, journalMode,
            snapshots, changeRetentionDays, httpThreads, replayTarget, serverThreads, minFreeDiskBytes,
            cluster, tls);
    }

    /** @return a copy with another data directory. */
    public ServerSettings withDataDir(final Path dir)
    {
        return new ServerSettings(dir, bind, httpPort, binaryPort, keys, ledger, limits, journalMode,
            snapshots, changeRetentionDays, httpThreads, replayTarget, serverThreads, minFreeDiskBytes,
            cluster, tls);
    }

    /** @return a copy with other keys. */
    public ServerSettings withKeys(final ApiKeys apiKeys)
    {
        return new ServerSettings(dataDir, bind, httpPort, binaryPort, apiKeys, ledger, limits, journalMode,
            snapshots, changeRetentionDays, httpThreads, replayTarget, serverThreads, minFreeDiskBytes,
            cluster, tls);
    }

    /** @return a copy that is, or is not, a replay target. */
    public ServerSettings withReplayTarget(final boolean replay)
    {
        return new ServerSettings(dataDir, bind, httpPort, binaryPort, keys, ledger, limits, journalMode,
            snapshots, changeRetentionDays, httpThreads, replay, serverThreads, minFreeDiskBytes,
            cluster, tls);
    }

    /** @return a copy that uses threads otherwise. */
    public ServerSettings withServerThreads(final ServerThreads threads)
    {
        return new ServerSettings(dataDir, bind, httpPort, binaryPort, keys, ledger, limits, journalMode,
            snapshots, changeRetentionDays, httpThreads, replayTarget, threads, minFreeDiskBytes,
            cluster, tls);
    }

    /** @return a copy that stops at another disk reserve. */
    public ServerSettings withMinFreeDiskBytes(final long bytes)
    {
        return new ServerSettings(dataDir, bind, httpPort, binaryPort, keys, ledger, limits, journalMode,
            snapshots, changeRetentionDays, httpThreads, replayTarget, serverThreads, bytes,
            cluster, tls);
    }

    /** @return a copy that runs as a member of a cluster ({@code null}: a single process). */
    public ServerSettings withCluster(final ClusterSettings value)
    {
        return new ServerSettings(dataDir, bind, httpPort, binaryPort, keys, ledger, limits, journalMode,
            snapshots, changeRetentionDays, httpThreads, replayTarget, serverThreads, minFreeDiskBytes, value, tls);
    }

    /** @return a copy that speaks TLS on both protocols ({@code null}: plain). */
    public ServerSettings withTls(final TlsFiles value)
    {
        return new ServerSettings(dataDir, bind, httpPort, binaryPort, keys, ledger, limits, journalMode,
            snapshots, changeRetentionDays, httpThreads, replayTarget, serverThreads, minFreeDiskBytes, cluster, value);
    }

    /** @return a copy with other HTTP limits. */
    public ServerSettings withLimits(final HttpLimits httpLimits)
    {
        return new ServerSettings(dataDir, bind, httpPort, binaryPort, keys, ledger, httpLimits, journalMode,
            snapshots, changeRetentionDays, httpThreads, replayTarget, serverThreads, minFreeDiskBytes,
            cluster, tls);
    }
}
