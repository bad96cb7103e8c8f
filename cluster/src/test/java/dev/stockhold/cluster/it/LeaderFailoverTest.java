package dev.stockhold.cluster.it;

import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL of the leader under load, round after round: a new leader serves, the killed node restarts, catches up
 * and reaches the same digest as the others; at the end every acknowledged lock is present, no command was
 * applied twice (the adjust counter equals the adjusts acknowledged, give or take those answered ERR_OVERLOADED,
 * whose fate is unknown), and no lock was half-applied (SKU-A and SKU-B hold the same reserved quantity).
 * <p>
 * CI runs 2 rounds; {@code -Dstockhold.long=true} runs 20, or {@code -Dstockhold.cluster.kills=N}. Prints the
 * failover time of each round (SIGKILL to the first acknowledgement of a command sent after it).
 */
class LeaderFailoverTest
{
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private static int rounds()
    {
        final int defaultRounds = Boolean.getBoolean("stockhold.long") ? 20 : 2;
        return Integer.getInteger("stockhold.cluster.kills", defaultRounds);
    }

    @Test
    void leaderKillsUnderLoadLoseNoAcknowledgedCommand() throws Exception
    {
        final int rounds = rounds();
        final List<Long> failovers = new ArrayList<>();
        // Timed snapshots as in service: a restarted node loads the latest and replays the log after it.
        try (LocalCluster cluster = new LocalCluster("failover", dir, 3, "--snapshot-interval-seconds", "15");
             EngineClusterClient client = startClient(cluster))
        {
            int leader = cluster.awaitLeader(client);
            System.out.printf("leader %d elected and connected %d ms after the nodes were started%n", leader,
                cluster.millisSinceStartAll());
            CommandLoad.createCells(client);
            final CommandLoad load = new CommandLoad(client, "load", 1_000, 64);
            try
            {
                for (int round = 1; round <= rounds; round++)
                {
                    Thread.sleep(1_000);
                    load.markKill();
                    cluster.kill(leader);
                    final long failoverMillis = load.awaitFailoverMillis(LocalCluster.WAIT_MILLIS);
                    failovers.add(failoverMillis);
                    final int killed = leader;
                    leader = cluster.awaitLeader(client);
                    assertNotEquals(killed, leader, "a survivor leads");
                    System.out.printf("round %d: killed leader %d, new leader %d, failover %d ms%n", round, killed,
                        leader, failoverMillis);
                    cluster.start(killed);
                    cluster.checkDigests(client);
                }
            }
            finally
            {
                load.stop();
            }
            assertNull(load.unexpected());
            verify(cluster, client, load);
        }
        final List<Long> sorted = new ArrayList<>(failovers);
        Collections.sort(sorted);
        final int n = sorted.size();
        final double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        System.out.printf("failover over %d kills: median %.0f ms, max %d ms, all %s%n", n, median, sorted.get(n - 1),
            failovers);
    }

    private static EngineClusterClient startClient(final LocalCluster cluster) throws Exception
    {
        cluster.startAll();
        return cluster.client(Duration.ofSeconds(5));
    }

    /** Every acknowledged lock is there, nothing was applied twice or half, and every node has the same state. */
    private static void verify(final LocalCluster cluster, final EngineClusterClient client, final CommandLoad load)
        throws Exception
    {
        final List<CompletableFuture<CommandResult>> reads = new ArrayList<>();
        final List<String> missing = Collections.synchronizedList(new ArrayList<>());
        for (final String orderId : load.lockedOrders())
        {
            reads.add(client.send(new Command().getReservation(orderId)).whenComplete((result, error) ->
            {
                if (!result.isOk())
                {
                    missing.add(orderId + " " + result.code());
                }
            }));
            if (reads.size() % 256 == 0)
            {
                CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(LocalCluster.WAIT_MILLIS,
                    TimeUnit.MILLISECONDS);
            }
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(LocalCluster.WAIT_MILLIS,
            TimeUnit.MILLISECONDS);
        assertEquals(List.of(), missing, "acknowledged locks missing");

        final CommandResult a = read(client, "SKU-A");
        final CommandResult b = read(client, "SKU-B");
        final CommandResult c = read(client, "SKU-C");
        final long reserved = a.levels().reserved(0);
        assertEquals(reserved, b.levels().reserved(0), "every lock took both of its lines or neither");
        assertTrue(reserved >= load.lockedOrders().size()
            && reserved <= load.lockedOrders().size() + load.unknownLocks(), "locks applied: " + reserved);
        final long adjusted = c.levels().onHand(0);
        assertTrue(adjusted >= load.ackedAdjusts() && adjusted <= load.ackedAdjusts() + load.unknownAdjusts(),
            "adjusts applied " + adjusted + ", acknowledged " + load.ackedAdjusts() + ", unknown "
                + load.unknownAdjusts());
        final CommandResult digest = cluster.checkDigests(client);
        assertEquals(reserved, digest.openReservations(), "one reservation per applied lock");
        System.out.printf("sent %d, locks acknowledged %d (unknown %d), adjusts acknowledged %d (unknown %d),"
                + " applied adjusts %d, client resends %d%n", load.sent(), load.lockedOrders().size(),
            load.unknownLocks(), load.ackedAdjusts(), load.unknownAdjusts(), adjusted, client.resends());
    }

    private static CommandResult read(final EngineClusterClient client, final String sku) throws Exception
    {
        final CommandResult result = client.send(new Command().getStock(sku, CommandLoad.WAREHOUSE))
            .get(LocalCluster.WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertTrue(result.isOk(), sku + ": " + result.code());
        return result;
    }
}
