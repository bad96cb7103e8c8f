package dev.stockhold.gateway.replicated;

import dev.stockhold.gateway.crash.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL under load on three real servers in cluster mode, HTTP load sent to every node: after each kill
 * every acknowledged write is present on every node, nothing is applied twice or half, a new leader serves,
 * the killed node restarts, catches up and reaches the same digest, and answers writes. Then a follower is
 * killed under load, and at the end the whole cluster stops and starts again on its snapshots.
 * <p>
 * Leader kills: 2 in CI; {@code -Dstockhold.long=true} runs 100, {@code -Dstockhold.cluster.kills=N} any number.
 * Each kill's failover time (SIGKILL → the first write acknowledged that was sent after it) is printed, with the
 * median and the maximum at the end. After each kill, the new leader's own writes travel over shared memory and
 * the followers' over UDP.
 */
class ReplicatedFailoverTest
{
    private static final Pattern ON_HAND = Pattern.compile("\"onHand\":(\\d+)");
    private static final Pattern RESERVED = Pattern.compile("\"reserved\":(\\d+)");
    private static final long STOCK = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void killsUnderLoadLoseNothingAcknowledged() throws Exception
    {
        final int kills = Integer.getInteger("stockhold.cluster.kills", Boolean.getBoolean("stockhold.long") ? 100 : 2);
        final long seed = Long.getLong("stockhold.seed", System.nanoTime());
        try (ThreeNodes cluster = new ThreeNodes("failover", dir, seed).start())
        {
            final int first = cluster.awaitLeader(Duration.ofSeconds(30));
            cluster.awaitIngressPaths(first, Duration.ofSeconds(10));
            assertEquals(200, cluster.node(first).send("PUT", "/v1/stock/ADJ/WH", "{\"onHand\":0}").statusCode());
            assertEquals(200, cluster.node(first).send("PUT", "/v1/stock/LCK/WH", "{\"onHand\":" + STOCK + "}")
                .statusCode());
            final HttpLoad load = new HttpLoad(cluster);
            final List<Long> failovers = new ArrayList<>();
            for (int round = 1; round <= kills; round++)
            {
                final int leader = cluster.awaitLeader(Duration.ofSeconds(30));
                failovers.add(killAndRestart(cluster, load, leader, true));
                System.out.printf("round %d/%d: killed leader %d, failover %d ms, %s%n", round, kills, leader,
                    failovers.get(failovers.size() - 1), load);
                check(cluster, load);
                cluster.awaitIngressPaths(cluster.awaitLeader(Duration.ofSeconds(30)), Duration.ofSeconds(10));
            }
            final int leader = cluster.awaitLeader(Duration.ofSeconds(30));
            killAndRestart(cluster, load, (leader + 1) % 3, false);
            System.out.printf("killed follower %d: %s%n", (leader + 1) % 3, load);
            check(cluster, load);

            final String digest = cluster.awaitSameDigest(Duration.ofSeconds(30));
            cluster.stopAll();
            cluster.start();
            assertEquals(digest, cluster.awaitSameDigest(Duration.ofSeconds(30)), "the whole cluster restarted");
            check(cluster, load);

            Collections.sort(failovers);
            System.out.printf("failover over %d kills: median %d ms, max %d ms (seed %d)%n", failovers.size(),
                failovers.get(failovers.size() / 2), failovers.get(failovers.size() - 1), seed);
        }
    }

    /**
     * Kills node {@code victim} under load, runs the load on, restarts the victim and waits until it is ready.
     *
     * @return for a leader, milliseconds from the kill to the first acknowledged write sent after it.
     */
    private static long killAndRestart(final ThreeNodes cluster, final HttpLoad load, final int victim,
        final boolean mustFailOver) throws Exception
    {
        load.start();
        Thread.sleep(1_000);
        final long killedAt = System.nanoTime();
        load.markKill(killedAt);
        cluster.node(victim).kill();
        final long deadline = killedAt + Duration.ofSeconds(15).toNanos();
        while (load.firstAckAfterKill() == 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        assertTrue(load.firstAckAfterKill() != 0, "no write was acknowledged within 15 s of the kill");
        final long failoverMillis = (load.firstAckAfterKill() - killedAt) / 1_000_000;
        Thread.sleep(1_000);
        load.stop();
        cluster.launch(victim).awaitReady();
        awaitReady(cluster.node(victim));
        assertEquals(200, cluster.node(victim).send("POST", "/v1/stock/ADJ/WH/adjust", "{\"onHandDelta\":1}")
            .statusCode(), "the restarted node answers a write");
        load.countExtraAdjust();
        return mustFailOver ? failoverMillis : 0;
    }

    private static void awaitReady(final ServerProcess node) throws Exception
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline)
        {
            if (node.send("GET", "/ready", null).statusCode() == 200)
            {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node not ready: " + node.tail());
    }

    /** Every node holds every acknowledged write, nothing twice, nothing half; the same digest on every node. */
    private static void check(final ThreeNodes cluster, final HttpLoad load) throws Exception
    {
        cluster.awaitSameDigest(Duration.ofSeconds(30));
        for (int i = 0; i < ThreeNodes.SIZE; i++)
        {
            final ServerProcess node = cluster.node(i);
            final long onHand = number(ON_HAND, node.send("GET", "/v1/stock/ADJ/WH", null).body());
            assertTrue(onHand >= load.adjustsAcked() && onHand <= load.adjustsAcked() + load.adjustsUncertain(),
                "node " + i + ": onHand " + onHand + " outside [acknowledged, acknowledged + uncertain]: " + load);
            final long reserved = number(RESERVED, node.send("GET", "/v1/stock/LCK/WH", null).body());
            assertTrue(reserved >= load.locksAcked().size()
                    && reserved <= load.locksAcked().size() + load.locksUncertain(),
                "node " + i + ": reserved " + reserved + " outside [acknowledged, acknowledged + uncertain]: " + load);
        }
        for (final String orderId : load.locksAcked())
        {
            final HttpResponse<String> reservation = cluster.node(Math.abs(orderId.hashCode() % 3))
                .send("GET", "/v1/reservations/" + orderId, null);
            assertEquals(200, reservation.statusCode(), orderId + " was acknowledged: " + reservation.body());
            assertTrue(reservation.body().contains("\"quantity\":1"), reservation.body());
        }
    }

    private static long number(final Pattern pattern, final String body)
    {
        final Matcher matcher = pattern.matcher(body);
        assertTrue(matcher.find(), body);
        return Long.parseLong(matcher.group(1));
    }

    /** Writes to every node from a few threads per node, in turn: +1 adjusts and one-unit locks of new orders. */
    private static final class HttpLoad extends ClusterLoad
    {
        private final List<String> locksAcked = Collections.synchronizedList(new ArrayList<>());
        private long adjustsAcked;
        private long adjustsUncertain;
        private long locksUncertain;

        HttpLoad(final ThreeNodes cluster)
        {
            super(cluster, 3, "load");
        }

        @Override
        Request request(final long n)
        {
            if (n % 2 == 0)
            {
                return new Request("POST", "/v1/stock/ADJ/WH/adjust", "{\"onHandDelta\":1}", null);
            }
            final String orderId = "o" + n;
            return new Request("POST", "/v1/reservations", "{\"orderId\":\"" + orderId
                + "\",\"lines\":[{\"sku\":\"LCK\",\"warehouse\":\"WH\",\"quantity\":1}]}", orderId);
        }

        @Override
        synchronized void outcome(final Request request, final boolean acknowledged)
        {
            final String orderId = request.key();
            if (orderId == null && acknowledged)
            {
                adjustsAcked++;
            }
            else if (orderId == null)
            {
                adjustsUncertain++;
            }
            else if (acknowledged)
            {
                locksAcked.add(orderId);
            }
            else
            {
                locksUncertain++;
            }
        }

        synchronized void countExtraAdjust()
        {
            adjustsAcked++;
        }

        synchronized long adjustsAcked()
        {
            return adjustsAcked;
        }

        synchronized long adjustsUncertain()
        {
            return adjustsUncertain;
        }

        synchronized long locksUncertain()
        {
            return locksUncertain;
        }

        List<String> locksAcked()
        {
            synchronized (locksAcked)
            {
                return new ArrayList<>(locksAcked);
            }
        }

        @Override
        public synchronized String toString()
        {
            return "adjusts acknowledged " + adjustsAcked + " (uncertain " + adjustsUncertain + "), locks acknowledged "
                + locksAcked.size() + " (uncertain " + locksUncertain + ")";
        }
    }
}
