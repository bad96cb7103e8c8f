package dev.stockhold.gateway.replicated;

import dev.stockhold.client.ResultCode;
import dev.stockhold.client.Result;
import dev.stockhold.gateway.binary.TestClient;
import dev.stockhold.gateway.crash.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel commands on three real servers in cluster mode: channels, listings, allocations, kits and locks by
 * listing through a follower and through the leader, answered as a single server answers them, with the same
 * published quantities, views and digest on every member; channel commands under load across a leader kill,
 * applied once each (a listing bound twice would show version 2); and the whole cluster killed and started again
 * from its snapshots and the log after them, with every channel, listing and kit back.
 */
class ReplicatedChannelsTest
{
    private static final Pattern SEQ = Pattern.compile("\\d+");
    private static final Pattern RESERVED = Pattern.compile("\"reserved\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyChannelCommandThroughAFollowerAndTheLeaderLeavesOneStateOnEveryMember() throws Exception
    {
        try (ThreeNodes cluster = new ThreeNodes("channels", dir, System.nanoTime()).start())
        {
            final int leaderId = cluster.awaitLeader(Duration.ofSeconds(30));
            final ServerProcess leader = cluster.node(leaderId);
            final ServerProcess follower = cluster.node((leaderId + 1) % 3);
            final ServerProcess other = cluster.node((leaderId + 2) % 3);

            // Through a follower: stock, a kit, a channel, two listings and an allocation.
            ok(follower.send("PUT", "/v1/stock/A1/CN-SZ", "{\"onHand\":100}"));
            ok(follower.send("PUT", "/v1/stock/B7/CN-SZ", "{\"onHand\":50}"));
            ok(follower.send("PUT", "/v1/kits/KIT-1",
                "{\"components\":[{\"sku\":\"A1\",\"quantity\":2},{\"sku\":\"B7\",\"quantity\":1}]}"));
            final HttpResponse<String> channel = ok(follower.send("PUT", "/v1/channels/ae-store1",
                "{\"warehouses\":[\"CN-SZ\"],\"bufferUnits\":5,\"percent\":50}"));
            assertTrue(channel.body().contains("\"version\":1"), channel.body());
            ok(follower.send("PUT", "/v1/channels/ae-store1/listings/L-A1", "{\"sku\":\"A1\"}"));
            ok(follower.send("PUT", "/v1/channels/ae-store1/listings/L-KIT", "{\"sku\":\"KIT-1\"}"));
            final HttpResponse<String> allocation = ok(follower.send("PUT",
                "/v1/channels/ae-store1/allocations/A1/CN-SZ", "{\"units\":10}"));
            assertTrue(allocation.body().contains("\"units\":10,\"version\":1"), allocation.body());
            // Read-your-writes through the same follower, on a channel read.
            final HttpResponse<String> listing = follower.send("GET", "/v1/channels/ae-store1/listings/L-A1", null);
            assertEquals(200, listing.statusCode(), listing.body());
            assertTrue(listing.body().contains("\"sku\":\"A1\",\"published\":"), listing.body());

            // Through the leader: another channel, a listing bound and unbound, a lock by listing.
            ok(leader.send("PUT", "/v1/channels/shopify", "{\"maxUnits\":20}"));
            ok(leader.send("PUT", "/v1/channels/shopify/listings/S-B7", "{\"sku\":\"B7\"}"));
            ok(leader.send("PUT", "/v1/channels/shopify/listings/S-TMP", "{\"sku\":\"B7\"}"));
            final HttpResponse<String> unbound = ok(leader.send("DELETE", "/v1/channels/shopify/listings/S-TMP", null));
            assertTrue(unbound.body().contains("\"published\":0"), unbound.body());
            // Read-your-writes holds per member: another member shows the unbind once it has applied it.
            assertEquals(404, statusWithin(Duration.ofSeconds(10), 404,
                () -> follower.send("GET", "/v1/channels/shopify/listings/S-TMP", null).statusCode()));
            final HttpResponse<String> locked = leader.send("POST", "/v1/reservations",
                "{\"orderId\":\"o1\",\"channel\":\"ae-store1\",\"lines\":[{\"listing\":\"L-KIT\",\"quantity\":2}]}");
            assertEquals(201, locked.statusCode(), locked.body());
            assertTrue(locked.body().contains("\"kit\":\"KIT-1\""), locked.body());
            // A rebind through the third member: version 2.
            final HttpResponse<String> rebound = ok(other.send("PUT", "/v1/channels/shopify/listings/S-B7",
                "{\"sku\":\"A1\"}"));
            assertTrue(rebound.body().contains("\"version\":2"), rebound.body());

            // The binary protocol through the third member: the same commands, the allocation taken first.
            try (TestClient client = TestClient.connect("127.0.0.1", other.binaryPort()))
            {
                assertTrue(call(client.setOnHand("BIN-S", "CN-SZ", 10)).isOk());
                assertTrue(call(client.putChannel("bin-ch", null, 0, 100, Result.NO_CAP, false)).isOk());
                assertEquals(10, ((Result.Listing)call(client.bindListing("bin-ch", "B-1", "BIN-S"))).published());
                assertTrue(call(client.setAllocation("bin-ch", "BIN-S", "CN-SZ", 3)).isOk());
                final Result lock = call(client.lockListing("bo1", "bin-ch", "B-1", null, 2));
                assertEquals(List.of(new Result.ReservationLine("BIN-S", "CN-SZ", 2, false, 0, 0, 0, null, "B-1")),
                    ((Result.Reservation)lock).lines(), lock.toString());
                assertEquals(1, ((Result.Allocation)call(client.getAllocation("bin-ch", "BIN-S", "CN-SZ"))).units());
                assertEquals(8, ((Result.Listing)call(client.getListing("bin-ch", "B-1"))).published());
                assertEquals(ResultCode.LISTING_NOT_FOUND, call(client.lockListing("bo2", "bin-ch", "B-9", null, 1))
                    .code());
            }

            // Refusals travel as the single server answers them, and change nothing.
            assertEquals(404, other.send("PUT", "/v1/channels/nowhere/listings/X", "{\"sku\":\"A1\"}").statusCode());
            assertEquals(404, other.send("PUT", "/v1/channels/shopify/listings/X", "{\"sku\":\"NOPE\"}").statusCode());
            final HttpResponse<String> tooMuch = other.send("PUT", "/v1/channels/shopify/allocations/B7/CN-SZ",
                "{\"units\":1000}");
            assertEquals(409, tooMuch.statusCode(), tooMuch.body());
            assertTrue(tooMuch.body().contains("ERR_INSUFFICIENT_STOCK"), tooMuch.body());

            // One state: the same digest, and the same views and published quantities on every member.
            cluster.awaitSameDigest(Duration.ofSeconds(20));
            final List<String> views = views(cluster);
            final String expected = views.get(0);
            // A1: 4 units of the kit lock came from ae-store1's allocation (10 → 6); K = 90 + 6, E = 6:
            // published = 6 + ⌊(96 − 6 − 5) × 50 / 100⌋ = 48.
            assertTrue(expected.contains("\"listingId\":\"L-A1\",\"sku\":\"A1\",\"published\":48"), expected);
            assertTrue(expected.contains("\"units\":6"), expected);
            assertEquals(expected, views.get(1));
            assertEquals(expected, views.get(2));
        }
    }

    @Test
    void channelCommandsAcrossALeaderKillAreAppliedOnceAndComeBackAfterAWholeClusterKill() throws Exception
    {
        try (ThreeNodes cluster = new ThreeNodes("channel-failover", dir, System.nanoTime(), "--snapshot-every",
            "200").start())
        {
            final int first = cluster.awaitLeader(Duration.ofSeconds(30));
            ok(cluster.node(first).send("PUT", "/v1/stock/A1/WH", "{\"onHand\":1000000000}"));
            for (int sku = 0; sku < ChannelLoad.SKUS; sku++)
            {
                ok(cluster.node(first).send("PUT", "/v1/stock/S" + sku + "/WH", "{\"onHand\":10}"));
            }
            ok(cluster.node(first).send("PUT", "/v1/channels/ch", "{}"));
            ok(cluster.node(first).send("PUT", "/v1/channels/ch/listings/base", "{\"sku\":\"A1\"}"));
            final ChannelLoad load = new ChannelLoad(cluster);

            load.start();
            Thread.sleep(1_500);
            final int leader = cluster.awaitLeader(Duration.ofSeconds(30));
            final long killedAt = System.nanoTime();
            load.markKill(killedAt);
            cluster.node(leader).kill();
            final long deadline = killedAt + Duration.ofSeconds(15).toNanos();
            while (load.firstAckAfterKill() == 0 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            assertTrue(load.firstAckAfterKill() != 0, "no channel command was acknowledged within 15 s of the kill");
            Thread.sleep(1_000);
            load.stop();
            System.out.printf("killed leader %d: %s%n", leader, load);
            cluster.launch(leader).awaitReady();
            cluster.awaitSameDigest(Duration.ofSeconds(60));
            check(cluster, load);

            // Every member killed at once, after writes past its latest snapshot: each restarts from that
            // snapshot and the log after it.
            for (int i = 0; i < ThreeNodes.SIZE; i++)
            {
                awaitSnapshot(cluster.node(i));
            }
            ok(cluster.node(first).send("PUT", "/v1/channels/ch/listings/past-snapshot", "{\"sku\":\"A1\"}"));
            ok(cluster.node(first).send("PUT", "/v1/channels/late", "{\"percent\":10}"));
            final String beforeKill = cluster.awaitSameDigest(Duration.ofSeconds(30));
            for (int i = 0; i < ThreeNodes.SIZE; i++)
            {
                cluster.node(i).kill();
            }
            cluster.start();
            for (int i = 0; i < ThreeNodes.SIZE; i++)
            {
                assertTrue(cluster.node(i).logLines("event=engine_started snapshot=true").size() == 1,
                    "node " + i + " started from a snapshot: " + cluster.node(i).logLine("event=engine_started"));
            }
            assertEquals(beforeKill, cluster.awaitSameDigest(Duration.ofSeconds(60)), "the whole cluster came back");
            for (final String path : List.of("/v1/channels/ch/listings/past-snapshot", "/v1/channels/late"))
            {
                final HttpResponse<String> restored = cluster.node(first).send("GET", path, null);
                assertEquals(200, restored.statusCode(), path + " from the log after the snapshot: " + restored.body());
            }
            check(cluster, load);
            assertEquals(200, cluster.node(first).send("PUT", "/v1/channels/ch/listings/after", "{\"sku\":\"A1\"}")
                .statusCode(), "the restarted cluster takes channel commands");
        }
    }

    /** @return the first status {@code read} gives that is {@code expected}, or the last one after {@code within}. */
    private static int statusWithin(final Duration within, final int expected,
        final Callable<Integer> read) throws Exception
    {
        final long deadline = System.nanoTime() + within.toNanos();
        int status = read.call();
        while (status != expected && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
            status = read.call();
        }
        return status;
    }

    /** Waits until {@code node} has a snapshot on disk: one it took, or the one it started from. */
    private static void awaitSnapshot(final ServerProcess node) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!hasSnapshot(node) && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        assertTrue(hasSnapshot(node), "no snapshot: " + node.tail());
    }

    private static boolean hasSnapshot(final ServerProcess node)
    {
        return !node.logLines("event=snapshot_taken").isEmpty()
            || !node.logLines("event=engine_started snapshot=true").isEmpty();
    }

    private static HttpResponse<String> ok(final HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode(), response.body());
        final String seq = response.headers().firstValue("Stockhold-Seq").orElse("");
        assertTrue(SEQ.matcher(seq).matches(), "a mutating answer names its sequence: " + response.headers());
        return response;
    }

    /** @return per member, every channel read of the first test, concatenated. */
    private static Result call(final CompletableFuture<Result> answer) throws Exception
    {
        return answer.get(20, TimeUnit.SECONDS);
    }

    private static List<String> views(final ThreeNodes cluster) throws Exception
    {
        final List<String> views = new ArrayList<>();
        for (int i = 0; i < ThreeNodes.SIZE; i++)
        {
            final ServerProcess node = cluster.node(i);
            final StringBuilder all = new StringBuilder();
            for (final String path : List.of("/v1/channels", "/v1/channels/ae-store1/listings/L-A1",
                "/v1/channels/ae-store1/listings/L-KIT", "/v1/channels/shopify/listings/S-B7", "/v1/kits/KIT-1",
                "/v1/channels/ae-store1/allocations/A1/CN-SZ", "/v1/stock/A1/CN-SZ", "/v1/stock/B7/CN-SZ",
                "/v1/reservations/o1"))
            {
                final HttpResponse<String> response = node.send("GET", path, null);
                assertEquals(200, response.statusCode(), path + " on node " + i + ": " + response.body());
                all.append(path).append(' ').append(response.body()).append('\n');
            }
            views.add(all.toString());
        }
        return views;
    }

    /**
     * On every member: each acknowledged listing and kit exists at version 1 (bound once), each uncertain one
     * is absent or at version 1, and the reserved units of the locks by listing lie within [acknowledged,
     * acknowledged + uncertain].
     */
    private static void check(final ThreeNodes cluster, final ChannelLoad load) throws Exception
    {
        for (int i = 0; i < ThreeNodes.SIZE; i++)
        {
            final ServerProcess node = cluster.node(i);
            for (final String path : load.acked())
            {
                final HttpResponse<String> response = node.send("GET", path, null);
                assertEquals(200, response.statusCode(),
                    path + " was acknowledged; node " + i + ": " + response.body());
                assertTrue(response.body().contains("\"version\":1"), path + " applied once: " + response.body());
            }
            for (final String path : load.uncertain())
            {
                final HttpResponse<String> response = node.send("GET", path, null);
                assertTrue(response.statusCode() == 404 || response.body().contains("\"version\":1"),
                    path + " applied at most once; node " + i + ": " + response.body());
            }
            final Matcher reserved = RESERVED.matcher(node.send("GET", "/v1/stock/A1/WH", null).body());
            assertTrue(reserved.find());
            final long units = Long.parseLong(reserved.group(1));
            assertTrue(units >= load.locksAcked() && units <= load.locksAcked() + load.locksUncertain(),
                "node " + i + ": reserved " + units + " outside [acknowledged, acknowledged + uncertain]: " + load);
        }
    }

    /**
     * Channel commands to every member from a few threads each, in turn: a new listing bound, a new kit, a
     * one-unit lock by listing of a new order. Records what was acknowledged and what is uncertain. The new
     * listings and kits spread over {@link #SKUS} SKUs, within the limits of listings and kits per SKU.
     */
    private static final class ChannelLoad extends ClusterLoad
    {
        static final int SKUS = 40;

        private final List<String> acked = Collections.synchronizedList(new ArrayList<>());
        private final List<String> uncertain = Collections.synchronizedList(new ArrayList<>());
        private long locksAcked;
        private long locksUncertain;

        ChannelLoad(final ThreeNodes cluster)
        {
            super(cluster, 2, "channel-load");
        }

        /** @return a listing's or a kit's PUT, its path as key, or a lock by listing without a key. */
        @Override
        Request request(final long n)
        {
            final String sku = "S" + (n / 3) % SKUS;
            return switch ((int)(n % 3))
            {
                case 0 -> new Request("PUT", "/v1/channels/ch/listings/l-" + n, "{\"sku\":\"" + sku + "\"}",
                    "/v1/channels/ch/listings/l-" + n);
                case 1 -> new Request("PUT", "/v1/kits/KIT-" + n, "{\"components\":[{\"sku\":\"" + sku
                    + "\",\"quantity\":1}]}", "/v1/kits/KIT-" + n);
                default -> new Request("POST", "/v1/reservations", "{\"orderId\":\"o-" + n + "\",\"channel\":\"ch\","
                    + "\"lines\":[{\"listing\":\"base\",\"quantity\":1}]}", null);
            };
        }

        @Override
        synchronized void outcome(final Request request, final boolean acknowledged)
        {
            final String path = request.key();
            if (path == null && acknowledged)
            {
                locksAcked++;
            }
            else if (path == null)
            {
                locksUncertain++;
            }
            else
            {
                (acknowledged ? acked : uncertain).add(path);
            }
        }

        synchronized long locksAcked()
        {
            return locksAcked;
        }

        synchronized long locksUncertain()
        {
            return locksUncertain;
        }

        List<String> acked()
        {
            synchronized (acked)
            {
                return new ArrayList<>(acked);
            }
        }

        List<String> uncertain()
        {
            synchronized (uncertain)
            {
                return new ArrayList<>(uncertain);
            }
        }

        @Override
        public synchronized String toString()
        {
            return "listings and kits acknowledged " + acked.size() + " (uncertain " + uncertain.size()
                + "), locks by listing acknowledged " + locksAcked + " (uncertain " + locksUncertain + ")";
        }
    }
}
