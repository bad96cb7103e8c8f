package dev.stockhold.cluster.it;

import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.journal.cli.JournalCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes in child JVMs form a cluster and elect a leader; commands sent through the client apply on all three
 * with the same sequences and digests; after a snapshot and more commands, the whole cluster stops and restarts
 * from its snapshots to the same state; each node's audit journal then passes {@code journal verify} with the
 * cluster's digest.
 */
class ClusterRestartTest
{
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void threeNodesReplicateAndRestartFromSnapshots() throws Exception
    {
        final CommandResult before;
        final java.util.Set<String> orders;
        try (LocalCluster cluster = new LocalCluster("restart", dir, 3))
        {
            cluster.startAll();
            try (EngineClusterClient client = cluster.client(Duration.ofSeconds(30)))
            {
                final int leader = cluster.awaitLeader(client);
                System.out.printf("leader %d elected %d ms after the nodes were started%n", leader,
                    cluster.millisSinceStartAll());
                CommandLoad.createCells(client);
                final CommandLoad first = new CommandLoad(client, "first", 1_000, 32);
                Thread.sleep(1_500);
                first.stop();
                assertNull(first.unexpected());
                cluster.checkDigests(client);

                assertTrue(client.requestSnapshot().get(LocalCluster.WAIT_MILLIS, TimeUnit.MILLISECONDS));
                for (int i = 0; i < cluster.size(); i++)
                {
                    cluster.node(i).await("event=snapshot_taken", LocalCluster.WAIT_MILLIS);
                }
                final CommandLoad load = new CommandLoad(client, "second", 1_000, 32);
                Thread.sleep(1_000);
                load.stop();
                assertNull(load.unexpected());
                assertEquals(0, load.unknownLocks() + load.unknownAdjusts(),
                    "no leader change: every command answered");
                before = cluster.checkDigests(client);
                orders = load.lockedOrders();
            }
            cluster.stopAll();

            cluster.startAll();
            try (EngineClusterClient client = cluster.client(Duration.ofSeconds(30)))
            {
                System.out.printf("restart: leader %d elected and connected %d ms after the nodes were started%n",
                    cluster.awaitLeader(client), cluster.millisSinceStartAll());
                for (int i = 0; i < cluster.size(); i++)
                {
                    assertTrue(cluster.node(i).await("event=engine_started", LocalCluster.WAIT_MILLIS)
                        .contains("snapshot=true"), "node " + i + " restarts from its snapshot");
                }
                final CommandResult after = cluster.checkDigests(client);
                assertEquals(before.digest(), after.digest(), "the same state after the restart");
                assertTrue(after.sequence() >= before.sequence());
                for (final String orderId : orders)
                {
                    assertTrue(client.send(new Command().getReservation(orderId))
                        .get(LocalCluster.WAIT_MILLIS, TimeUnit.MILLISECONDS).isOk(), orderId);
                }
            }
            cluster.stopAll();
            for (int i = 0; i < cluster.size(); i++)
            {
                final StringWriter out = new StringWriter();
                final int status = JournalCli.run(new PrintWriter(out), new PrintWriter(out), "verify", "--data-dir",
                    cluster.dataDir(i).toString(), "--digest", String.format("%016x", before.digest()));
                assertEquals(0, status, "journal verify of node " + i + ":\n" + out);
            }
        }
    }
}
