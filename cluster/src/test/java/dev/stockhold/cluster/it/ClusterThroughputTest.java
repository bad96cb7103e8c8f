package dev.stockhold.cluster.it;

import dev.stockhold.cluster.client.EngineClusterClient;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures of docs/cluster.md: three nodes and the client on this machine, closed loop with a window of
 * commands in flight (one-line locks of new orders), for windows of 1, 16, 64 and 256: acknowledged commands per
 * second and the client's latency (send to answer). Long runs only ({@code -Dstockhold.long=true}); seconds per
 * window with {@code -Dstockhold.cluster.seconds=N} (default 10).
 */
class ClusterThroughputTest
{
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void throughputWithAWindowOfCommandsInFlight() throws Exception
    {
        Assumptions.assumeTrue(Boolean.getBoolean("stockhold.long"), "long runs only: -Dstockhold.long=true");
        final int seconds = Integer.getInteger("stockhold.cluster.seconds", 10);
        try (LocalCluster cluster = new LocalCluster("throughput", dir, 3, "--window-capacity", "2000000"))
        {
            cluster.startAll();
            try (EngineClusterClient client = cluster.client(Duration.ofSeconds(5)))
            {
                final int leader = cluster.awaitLeader(client);
                System.out.printf("leader %d elected and connected %d ms after the nodes were started%n", leader,
                    cluster.millisSinceStartAll());
                CommandLoad.createCells(client);
                run(client, 64, 2, "warm-up");
                for (final int window : new int[] {1, 16, 64, 256})
                {
                    run(client, window, seconds, "window " + window);
                }
                cluster.checkDigests(client);
            }
        }
    }

    private static void run(final EngineClusterClient client, final int window, final int seconds, final String what)
        throws Exception
    {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final Semaphore permits = new Semaphore(window);
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Command lock = new Command();
        final long endNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        final long startNanos = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < endNanos)
        {
            if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS))
            {
                continue;
            }
            lock.lock(what.replace(' ', '-') + "-" + n++, "bench", 0, false, false);
            lock.lines.add("SKU-A", CommandLoad.WAREHOUSE, 1);
            final long sentNanos = System.nanoTime();
            client.send(lock).whenComplete((result, error) ->
            {
                // The client's one thread completes every future: the histogram needs no lock.
                latency.recordValue(Math.min(System.nanoTime() - sentNanos, latency.getHighestTrackableValue()));
                (result.isOk() ? acknowledged : failed).incrementAndGet();
                permits.release();
            });
        }
        permits.acquire(window);
        final double elapsed = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%s: %,.0f commands/s acknowledged (%d in %.1f s), failed %d, latency p50 %.2f ms,"
                + " p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n", what, acknowledged.get() / elapsed, acknowledged.get(),
            elapsed, failed.get(), latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
            latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6);
        assertEquals(0, failed.get(), what);
        assertTrue(acknowledged.get() > 0, what);
        final CommandResult ok = client.send(new Command().getStock("SKU-A", CommandLoad.WAREHOUSE)).get(30,
            TimeUnit.SECONDS);
        assertTrue(ok.isOk());
    }
}
