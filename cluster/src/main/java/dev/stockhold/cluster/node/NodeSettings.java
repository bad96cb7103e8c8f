package dev.stockhold.cluster.node;

import dev.stockhold.cluster.service.EngineSettings;
import dev.stockhold.engine.ledger.LedgerConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a node needs to start.
 *
 * @param members                  every member of the cluster.
 * @param memberId                 this node's member id.
 * @param dataDir                  this node's data directory: {@code cluster/}, {@code archive/} and {@code journal/}.
 * @param aeronDir                 the media driver's directory (memory-mapped buffers; best on tmpfs).
 * @param timeouts                 the consensus timeouts: they decide how fast a dead leader is replaced.
 * @param snapshotInterval         how often the leader asks the cluster for a snapshot; zero for never.
 * @param snapshotEveryCommands    the leader also asks for one once this many engine sequences were given out
 *                                 since the last; zero for never.
 * @param engine                   the clustered engine's settings: the same on every node.
 * @param ledger                   the ledger's configuration: the same on every node.
 */
public record NodeSettings(
    ClusterMembers members,
    int memberId,
    Path dataDir,
    Path aeronDir,
    Timeouts timeouts,
    Duration snapshotInterval,
    long snapshotEveryCommands,
    EngineSettings engine,
    LedgerConfig ledger)
{
    /**
     * The consensus timeouts. A follower that hears nothing from the leader for {@code leaderHeartbeatTimeout}
     * starts an election; the leader sends a heartbeat every {@code leaderHeartbeatInterval} when it has nothing
     * else to send; a candidate waits {@code electionTimeout} for votes. Measured on a 2-vCPU machine with three
     * nodes and load: 1 s / 100 ms / 500 ms replace a dead leader in under 2 s without spurious elections.
     *
     * @param startupCanvass how long a starting node waits to hear every member before an election with a
     *                       quorum only.
     * @param session        how long a client session may stay silent before the cluster closes it.
     */
    public record Timeouts(
        Duration leaderHeartbeatTimeout,
        Duration leaderHeartbeatInterval,
        Duration electionTimeout,
        Duration startupCanvass,
        Duration session)
    {
        /** @return the defaults: 1 s, 100 ms, 500 ms, 10 s canvass, 10 s session. */
        public static Timeouts defaults()
        {
            return new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
        }
    }

    /** Default snapshot cadence by count: as the single-process server's. */
    public static final long DEFAULT_SNAPSHOT_EVERY_COMMANDS = 5_000_000;

    public NodeSettings
    {
        if (snapshotEveryCommands < 0)
        {
            throw new IllegalArgumentException("snapshotEveryCommands must be >= 0");
        }
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(aeronDir, "aeronDir");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(snapshotInterval, "snapshotInterval");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(ledger, "ledger");
        members.member(memberId);
    }

    /**
     * @return settings with the defaults for member {@code memberId}: the media driver's directory on
     * /dev/shm (or the temporary directory) named after the member's base port, snapshots every 10 minutes.
     */
    public static NodeSettings defaults(final ClusterMembers members, final int memberId, final Path dataDir)
    {
        return new NodeSettings(members, memberId, dataDir, defaultAeronDir(members.member(memberId)),
            Timeouts.defaults(), Duration.ofMinutes(10), DEFAULT_SNAPSHOT_EVERY_COMMANDS, EngineSettings.defaults(),
            LedgerConfig.defaults());
    }

    /** @return {@code /dev/shm/stockhold-<basePort>-node<id>}, or the same name in the temporary directory. */
    public static Path defaultAeronDir(final ClusterMembers.Member member)
    {
        final Path shm = Path.of("/dev/shm");
        final Path parent = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return parent.resolve("stockhold-" + member.basePort() + "-node" + member.id());
    }

    /** @return a copy with another media driver directory. */
    public NodeSettings withAeronDir(final Path dir)
    {
        return new NodeSettings(members, memberId, dataDir, dir, timeouts, snapshotInterval,
            snapshotEveryCommands, engine, ledger);
    }

    /** @return a copy with other timeouts. */
    public NodeSettings withTimeouts(final Timeouts value)
    {
        return new NodeSettings(members, memberId, dataDir, aeronDir, value, snapshotInterval,
            snapshotEveryCommands, engine, ledger);
    }

    /** @return a copy with another snapshot interval (zero: none). */
    public NodeSettings withSnapshotInterval(final Duration value)
    {
        return new NodeSettings(members, memberId, dataDir, aeronDir, timeouts, value, snapshotEveryCommands,
            engine, ledger);
    }

    /** @return a copy that also snapshots every {@code commands} engine sequences (zero: not by count). */
    public NodeSettings withSnapshotEveryCommands(final long commands)
    {
        return new NodeSettings(members, memberId, dataDir, aeronDir, timeouts, snapshotInterval, commands,
            engine, ledger);
    }

    /** @return a copy with other engine settings. */
    public NodeSettings withEngine(final EngineSettings value)
    {
        return new NodeSettings(members, memberId, dataDir, aeronDir, timeouts, snapshotInterval,
            snapshotEveryCommands, value, ledger);
    }

    /** @return a copy with another ledger configuration. */
    public NodeSettings withLedger(final LedgerConfig value)
    {
        return new NodeSettings(members, memberId, dataDir, aeronDir, timeouts, snapshotInterval,
            snapshotEveryCommands, engine, value);
    }

    /** @return this member. */
    public ClusterMembers.Member member()
    {
        return members.member(memberId);
    }
}
