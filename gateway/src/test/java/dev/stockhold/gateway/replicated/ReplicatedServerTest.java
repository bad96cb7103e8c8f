package dev.stockhold.gateway.replicated;

import dev.stockhold.client.Result;
import dev.stockhold.gateway.binary.TestClient;
import dev.stockhold.gateway.crash.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three real servers in cluster mode on loopback: the whole API through every node, one history on every node
 * (sequences, digests, change feeds), read-your-writes through a follower, and the answer at the request
 * deadline when no quorum is left. Failover under load is {@link ReplicatedFailoverTest}.
 */
class ReplicatedServerTest
{
    private static final Pattern SEQ_ID = Pattern.compile("(?m)^id: (\\d+)$");

    @TempDir
    Path dir;

    @Test
    void everyNodeServesTheWholeApiWithOneHistory() throws Exception
    {
        try (ThreeNodes cluster = new ThreeNodes("api", dir, System.nanoTime()).start())
        {
            final int leader = cluster.awaitLeader(Duration.ofSeconds(30));
            final ServerProcess follower = cluster.node((leader + 1) % 3);
            final ServerProcess other = cluster.node((leader + 2) % 3);

            // A write through a follower is answered after commit, with its sequence; a read through the same
            // follower right after sees it (read-your-writes), and names the sequence its replica applied.
            final HttpResponse<String> put = follower.send("PUT", "/v1/stock/A1/WH1", "{\"onHand\":10}");
            assertEquals(200, put.statusCode(), put.body());
            final long putSequence = Long.parseLong(put.headers().firstValue("Stockhold-Seq").orElseThrow());
            final HttpResponse<String> lock = follower.send("POST", "/v1/reservations",
                "{\"orderId\":\"o1\",\"lines\":[{\"sku\":\"A1\",\"warehouse\":\"WH1\",\"quantity\":4}]}");
            assertEquals(201, lock.statusCode(), lock.body());
            final HttpResponse<String> read = follower.send("GET", "/v1/stock/A1/WH1", null);
            assertEquals(200, read.statusCode());
            assertTrue(read.body().contains("\"reserved\":4,\"available\":6"), read.body());
            assertTrue(Long.parseLong(read.headers().firstValue("Stockhold-Seq").orElseThrow()) > putSequence);

            // The same answers, errors included, on every node.
            assertEquals(409, other.send("POST", "/v1/reservations",
                "{\"orderId\":\"o2\",\"lines\":[{\"sku\":\"A1\",\"warehouse\":\"WH1\",\"quantity\":7}]}").statusCode());
            assertEquals(400, other.send("PUT", "/v1/stock/A1/WH1", "{\"onHand\":-1}").statusCode());
            final HttpResponse<String> retry = other.send("POST", "/v1/reservations",
                "{\"orderId\":\"o1\",\"lines\":[{\"sku\":\"A1\",\"warehouse\":\"WH1\",\"quantity\":4}]}");
            assertEquals(200, retry.statusCode(), "a repeated lock is answered as the first, with 200");

            // The binary protocol through a follower: a lock, and a read.
            try (TestClient client = TestClient.connect("127.0.0.1", other.binaryPort()))
            {
                final Result locked = client.lock("b1", "A1", "WH1", 2).get(10, TimeUnit.SECONDS);
                assertInstanceOf(Result.Reservation.class, locked, locked.toString());
                final Result levels = client.getStock("A1", "WH1").get(10, TimeUnit.SECONDS);
                assertEquals(6, ((Result.Levels)levels).levels().get(0).reserved(), levels.toString());
            }

            // One history: the same digest, the same change feed, on every node.
            cluster.awaitSameDigest(Duration.ofSeconds(20));
            final List<String> feeds = new ArrayList<>();
            for (int i = 0; i < ThreeNodes.SIZE; i++)
            {
                feeds.add(feed(cluster.node(i), 0, 3));
            }
            assertEquals(3, ids(feeds.get(0)).size(), feeds.get(0));
            assertEquals(feeds.get(0), feeds.get(1));
            assertEquals(feeds.get(0), feeds.get(2));
            // Resuming on another node after the first event gives the rest, without a gap or a repeat.
            final List<Long> all = ids(feeds.get(0));
            assertEquals(all.subList(1, 3), ids(feed(cluster.node(leader), all.get(0), 2)));
            // The binary subscription on a follower resumes the same history.
            try (TestClient client = TestClient.connect("127.0.0.1", follower.binaryPort()))
            {
                final List<Long> binary = new CopyOnWriteArrayList<>();
                assertTrue(client.subscribe(all.get(0), event -> binary.add(event.seq())).get(10, TimeUnit.SECONDS)
                    .isOk());
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (binary.size() < 2 && System.nanoTime() < deadline)
                {
                    Thread.sleep(20);
                }
                assertEquals(all.subList(1, 3), binary);
            }

            final String status = ThreeNodes.status(follower);
            assertTrue(status.contains("\"role\":\"FOLLOWER\",\"leader\":" + leader), status);
            assertTrue(status.contains("{\"node\":2,\"endpoint\":\"127.0.0.1:"), status);
            assertEquals(200, follower.send("GET", "/ready", null).statusCode());
            final String metrics = follower.send("GET", "/metrics", null).body();
            assertTrue(metrics.contains("stockhold_cluster_role 0.0"), metrics);
            assertTrue(cluster.node(leader).send("GET", "/metrics", null).body().contains("stockhold_cluster_role 2.0"));
        }
    }

    @Test
    void withoutAQuorumAWriteIsAnsweredOverloadedAtItsDeadline() throws Exception
    {
        try (ThreeNodes cluster = new ThreeNodes("quorum", dir, System.nanoTime(), "--cluster-request-deadline",
            "1500ms").start())
        {
            final int leader = cluster.awaitLeader(Duration.ofSeconds(30));
            final ServerProcess survivor = cluster.node((leader + 1) % 3);
            assertEquals(200, survivor.send("PUT", "/v1/stock/A1/WH1", "{\"onHand\":10}").statusCode());
            cluster.node(leader).kill();
            cluster.node((leader + 2) % 3).kill();

            final long start = System.nanoTime();
            final HttpResponse<String> write = survivor.send("POST", "/v1/stock/A1/WH1/adjust", "{\"onHandDelta\":1}");
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(503, write.statusCode(), write.body());
            assertTrue(write.body().contains("ERR_OVERLOADED"), write.body());
            assertEquals("1", write.headers().firstValue("Retry-After").orElse(null));
            assertTrue(millis >= 1_000 && millis < 5_000, "answered after " + millis + " ms, deadline 1.5 s");
            // Alone, the node is not ready; it still answers its own replica's state.
            assertEquals(503, survivor.send("GET", "/ready", null).statusCode());
        }
    }

    /** @return the first {@code count} events of {@code node}'s change feed after {@code after}, as sent. */
    static String feed(final ServerProcess node, final long after, final int count) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> events = List.of();
        while (System.nanoTime() < deadline)
        {
            events = events(streamFor(node, after, Duration.ofSeconds(1)));
            if (events.size() >= count)
            {
                return String.join("", events.subList(0, count));
            }
        }
        throw new AssertionError("the feed of " + node.httpPort() + " after " + after + " held " + events);
    }

    /** Splits a stream into its events ({@code id: …} and {@code data: …} lines with their blank line). */
    private static List<String> events(final String stream)
    {
        final List<String> events = new ArrayList<>();
        for (final String block : stream.split("\n\n"))
        {
            if (block.startsWith("id: "))
            {
                events.add(block + "\n\n");
            }
        }
        return events;
    }

    /** Reads the feed stream for {@code span} and returns what arrived. */
    private static String streamFor(final ServerProcess node, final long after, final Duration span) throws Exception
    {
        final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        final java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + node.httpPort() + "/v1/changes?after=" + after)).build();
        final java.io.InputStream in = http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
        final StringBuilder text = new StringBuilder();
        final long deadline = System.nanoTime() + span.toNanos();
        final byte[] buffer = new byte[8192];
        try (in)
        {
            while (System.nanoTime() < deadline)
            {
                if (in.available() > 0)
                {
                    final int read = in.read(buffer);
                    if (read < 0)
                    {
                        break;
                    }
                    text.append(new String(buffer, 0, read, java.nio.charset.StandardCharsets.UTF_8));
                }
                else
                {
                    Thread.sleep(20);
                }
            }
        }
        return text.toString().replaceAll("(?m)^:.*\\n", "");
    }

    static List<Long> ids(final String events)
    {
        final List<Long> ids = new ArrayList<>();
        final Matcher matcher = SEQ_ID.matcher(events);
        while (matcher.find())
        {
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }
}
