package dev.stockhold.gateway.replicated;

import dev.stockhold.gateway.crash.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded log is purged below what every member's snapshot covers, and never below what a member that
 * is down still needs: with 1 MiB log terms and segments, a member is killed after the log was purged once,
 * the others write several more segments and snapshot, and the killed member restarts, catches up from the
 * leader and reaches the same digest; only then does the purge move past its snapshot.
 */
class ReplicatedLogPurgeTest
{
    private static final Pattern PURGED_TO = Pattern.compile("event=log_purged .* to=(\\d+) lowestSnapshot=(\\d+)");
    private static final Pattern SNAPSHOT_AT = Pattern.compile("event=snapshot_taken .*logPosition=(\\d+)");
    private static final int SEGMENT = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aMemberDownAcrossAPurgeCatchesUp() throws Exception
    {
        try (ThreeNodes cluster = new ThreeNodes("purge", dir, System.nanoTime(), "--snapshot-every", "50")
            .withProperties("-Dstockhold.cluster.termLength=" + SEGMENT, "-Dstockhold.cluster.segmentLength=" + SEGMENT)
            .start())
        {
            final int leader = cluster.awaitLeader(Duration.ofSeconds(30));
            final int victim = (leader + 1) % 3;
            final int other = (leader + 2) % 3;
            writeSegments(cluster.node(leader), "P1", 3);
            final long firstPurge = awaitPurgeBeyond(cluster.node(leader), 0);
            cluster.node(victim).kill();
            final long victimSnapshot = lastSnapshot(cluster.node(victim));

            // Several segments more while the victim is down: its last snapshot holds every purge back.
            writeSegments(cluster.node(other), "P2", 4);
            Thread.sleep(3_000);
            for (final int survivor : new int[] {leader, other})
            {
                for (final String line : cluster.node(survivor).logLines("event=log_purged"))
                {
                    final long to = number(line, 1);
                    assertTrue(to <= victimSnapshot, "purged to " + to + " past the down member's snapshot "
                        + victimSnapshot + ": " + line);
                }
            }

            cluster.launch(victim).awaitReady();
            final String digest = cluster.awaitSameDigest(Duration.ofSeconds(60));
            assertEquals(200, cluster.node(victim).send("PUT", "/v1/stock/AFTER/W1", "{\"onHand\":1}").statusCode());
            assertTrue(cluster.node(victim).send("GET", "/v1/stock/P2-" + 3 + "-0/W1", null).body()
                .contains("\"onHand\":"), "the victim holds what was written while it was down");

            // Back with every member, the purge moves on.
            writeSegments(cluster.node(victim), "P3", 2);
            final long laterPurge = awaitPurgeBeyond(cluster.node(leader), Math.max(firstPurge, victimSnapshot));
            assertTrue(laterPurge > firstPurge, "purged to " + laterPurge + " after " + firstPurge);
            System.out.printf("purge: first to %d, held at %d while member %d was down, then to %d; digest %s%n",
                firstPurge, victimSnapshot, victim, laterPurge, digest);
        }
    }

    /** Writes about {@code segments} MiB of log through {@code node}: set-stock batches of 200 cells. */
    private static void writeSegments(final ServerProcess node, final String prefix, final int segments)
        throws Exception
    {
        final int batches = segments * 80;
        for (int batch = 0; batch < batches; batch++)
        {
            final StringBuilder body = new StringBuilder("{\"items\":[");
            for (int item = 0; item < 200; item++)
            {
                body.append(item == 0 ? "" : ",").append("{\"sku\":\"").append(prefix).append('-').append(batch % 8)
                    .append('-').append(item).append("\",\"warehouse\":\"W1\",\"onHand\":").append(batch).append('}');
            }
            final HttpResponse<String> answer = node.send("POST", "/v1/stock:batch", body.append("]}").toString());
            assertEquals(200, answer.statusCode(), answer.body());
        }
    }

    /** @return the position a purge reached beyond {@code beyond}, waiting for it. */
    private static long awaitPurgeBeyond(final ServerProcess node, final long beyond) throws Exception
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline)
        {
            final List<String> purges = node.logLines("event=log_purged");
            if (!purges.isEmpty() && number(purges.get(purges.size() - 1), 1) > beyond)
            {
                return number(purges.get(purges.size() - 1), 1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no purge beyond " + beyond + ": " + node.logLines("event=log_purged"));
    }

    /** @return the log position of the last snapshot {@code node} logged. */
    private static long lastSnapshot(final ServerProcess node)
    {
        final List<String> snapshots = node.logLines("event=snapshot_taken");
        final Matcher matcher = SNAPSHOT_AT.matcher(snapshots.get(snapshots.size() - 1));
        assertTrue(matcher.find(), snapshots.toString());
        return Long.parseLong(matcher.group(1));
    }

    private static long number(final String line, final int group)
    {
        final Matcher matcher = PURGED_TO.matcher(line);
        assertTrue(matcher.find(), line);
        return Long.parseLong(matcher.group(group));
    }
}
