package dev.stockhold.cluster.node;

import dev.stockhold.cluster.service.EngineSettings;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.logging.LoggingOptions;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code node}: runs one member of a cluster in the foreground until SIGTERM (or Ctrl-C), a
 * cluster-wide shutdown, or a fatal error. Exit status: 0 after an orderly stop, 70 after a fatal error, 2 for
 * bad options or a start that failed.
 */
@Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false,
    version = "stockhold cluster-node 0.1 (Aeron Cluster 1.51)",
    description = {"Runs one member of a replicated stockhold engine (Aeron Cluster).",
        "Member i listens on its base port and the next four: client ingress, consensus, log, catch-up and "
            + "archive control. Every member must be started with the same --cluster-members, ledger and window "
            + "settings."})
public final class NodeCommand implements Callable<Integer>
{
    /** Exit status after a fatal error, as the single-process server's fail-stop. */
    static final int EXIT_FATAL = 70;
    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @Option(names = "--cluster-members", required = true, paramLabel = "HOST:PORT,...",
        description = "Every member's host and base port, in member-id order (member i is the i-th).")
    String members;

    @Option(names = "--cluster-node", required = true, paramLabel = "ID", description = "This node's member id.")
    int memberId;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "This node's data directory (cluster/, archive/, journal/); default ./data/node<ID>.")
    Path dataDir;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "The media driver's directory; default /dev/shm/stockhold-<basePort>-node<ID>.")
    Path aeronDir;

    @Option(names = "--snapshot-interval-seconds", paramLabel = "S", defaultValue = "600",
        description = "How often the leader has the cluster take a snapshot; 0 for never (default: ${DEFAULT-VALUE}).")
    long snapshotIntervalSeconds;

    @Option(names = "--leader-heartbeat-timeout-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Silence from the leader after which followers elect another (default: ${DEFAULT-VALUE}).")
    long leaderHeartbeatTimeoutMillis;

    @Option(names = "--leader-heartbeat-interval-ms", paramLabel = "MS", defaultValue = "100",
        description = "How often an idle leader says it is alive (default: ${DEFAULT-VALUE}).")
    long leaderHeartbeatIntervalMillis;

    @Option(names = "--election-timeout-ms", paramLabel = "MS", defaultValue = "500",
        description = "How long a candidate waits for votes (default: ${DEFAULT-VALUE}).")
    long electionTimeoutMillis;

    @Option(names = "--startup-canvass-timeout-ms", paramLabel = "MS", defaultValue = "10000",
        description = "How long a starting node waits to hear every member before electing with a quorum only"
            + " (default: ${DEFAULT-VALUE}).")
    long startupCanvassMillis;

    @Option(names = "--session-timeout-ms", paramLabel = "MS", defaultValue = "10000",
        description = "How long a silent client session is kept (default: ${DEFAULT-VALUE}).")
    long sessionTimeoutMillis;

    @Option(names = "--window-retention-ms", paramLabel = "MS", defaultValue = "15000",
        description = "How long the answer to a command id is kept for a client's retry (default: ${DEFAULT-VALUE}).")
    long windowRetentionMillis;

    @Option(names = "--window-capacity", paramLabel = "N", defaultValue = "1048576",
        description = "The most answers kept for retries; when full, new commands get ERR_OVERLOADED"
            + " (default: ${DEFAULT-VALUE}, about 256 MiB of heap when full).")
    int windowCapacity;

    @Option(names = "--warehouse-priority", paramLabel = "WH", split = ",",
        description = "Warehouses in the order the engine places unassigned lines; the same on every node.")
    List<String> warehousePriority = new ArrayList<>();

    @Override
    public Integer call() throws Exception
    {
        final ClusterMembers parsed = ClusterMembers.parse(members);
        final Path dir = dataDir != null ? dataDir : Path.of("data", "node" + memberId);
        NodeSettings settings = NodeSettings.defaults(parsed, memberId, dir)
            .withTimeouts(new NodeSettings.Timeouts(Duration.ofMillis(leaderHeartbeatTimeoutMillis),
                Duration.ofMillis(leaderHeartbeatIntervalMillis), Duration.ofMillis(electionTimeoutMillis),
                Duration.ofMillis(startupCanvassMillis), Duration.ofMillis(sessionTimeoutMillis)))
            .withSnapshotInterval(Duration.ofSeconds(snapshotIntervalSeconds))
            .withEngine(new EngineSettings(windowRetentionMillis, windowCapacity,
                EngineSettings.DEFAULT_TICK_INTERVAL_MILLIS))
            .withLedger(LedgerConfig.defaults().withWarehousePriority(warehousePriority));
        if (aeronDir != null)
        {
            settings = settings.withAeronDir(aeronDir);
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final ClusterNode node = ClusterNode.launch(settings, cause -> barrier.signalAll());
            final Thread stopper = new Thread(() ->
            {
                try
                {
                    node.awaitTermination();
                }
                catch (final InterruptedException ignored)
                {
                    Thread.currentThread().interrupt();
                }
                barrier.signalAll();
            }, "stockhold-node-stopper");
            stopper.setDaemon(true);
            stopper.start();
            barrier.await();
            final Throwable fatal = node.fatal();
            node.close();
            if (fatal != null)
            {
                LOG.error("event=node_exit status={} cause=\"{}\"", EXIT_FATAL, fatal.getMessage());
                return EXIT_FATAL;
            }
            return 0;
        }
    }

    /** Runs the command line; @return the exit status. */
    static int run(final String... args)
    {
        final CommandLine cli = new CommandLine(new NodeCommand());
        cli.addMixin("logging", new LoggingOptions());
        return configure(cli).execute(args);
    }

    /**
     * Sets what the node's command line needs: a later option overrides an earlier one (a script's defaults, then
     * the operator's), and a failure to start is logged and exits with status 2. Call on the top-level command
     * line once its subcommands are added.
     *
     * @return {@code cli}.
     */
    public static CommandLine configure(final CommandLine cli)
    {
        cli.setOverwrittenOptionsAllowed(true);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            LOG.error("event=start_failed command=\"{}\" error=\"{}\"", commandLine.getCommandName(), ex.getMessage(),
                ex);
            return 2;
        });
        return cli;
    }
}
