package dev.stockhold.gateway.replicated;

import dev.stockhold.gateway.FeedStreams;
import dev.stockhold.gateway.RawHttp;
import dev.stockhold.client.Result;
import dev.stockhold.gateway.binary.TestClient;
import dev.stockhold.gateway.crash.ServerProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feeds on a cluster: every member logs the same records, so a subscriber of a follower resumes on another
 * member without a gap and with the same events. The binary subscription takes its place on a member's replica
 * (a MARK read, no ledger hash); the channel feed follows a channel's listings as on a single server.
 */
class ReplicatedChannelFeedTest
{
    private static final String FEED = "/v1/channels/rc-ch/changes";

    @TempDir
    Path dir;

    @Test
    void aFollowersFeedResumesOnAnotherMember() throws Exception
    {
        try (ThreeNodes cluster = new ThreeNodes("channel-feed", dir, System.nanoTime()).start())
        {
            final int leader = cluster.awaitLeader(Duration.ofSeconds(30));
            final ServerProcess follower = cluster.node((leader + 1) % 3);
            final ServerProcess other = cluster.node((leader + 2) % 3);

            // 1. The binary stock feed: subscribed on a follower, resumed on another member from the middle.
            final long before = FeedStreams.seq(send(follower, "PUT", "/v1/stock/RC-A/W1", "{\"onHand\":100}"));
            final List<Result.ChangeEvent> seen = new ArrayList<>();
            try (TestClient onFollower = TestClient.connect("127.0.0.1", follower.binaryPort());
                 TestClient onOther = TestClient.connect("127.0.0.1", other.binaryPort()))
            {
                final BlockingQueue<Result.ChangeEvent> events = new LinkedBlockingQueue<>();
                assertTrue(onFollower.subscribe(before, events::add).get(10, TimeUnit.SECONDS).isOk());
                for (int i = 1; i <= 4; i++)
                {
                    send(i % 2 == 0 ? other : follower, "PUT", "/v1/stock/RC-A/W1", "{\"onHand\":" + (100 + i) + "}");
                }
                for (int i = 0; i < 4; i++)
                {
                    seen.add(next(events));
                    assertEquals(100 + i + 1, seen.get(i).levels().get(0).onHand());
                }
                final BlockingQueue<Result.ChangeEvent> resumed = new LinkedBlockingQueue<>();
                assertTrue(onOther.subscribe(seen.get(1).seq(), resumed::add).get(10, TimeUnit.SECONDS).isOk());
                assertEquals(seen.get(2), next(resumed));
                assertEquals(seen.get(3), next(resumed));
            }

            // 2. The channel feed, once the cluster carries the channel commands.
            final HttpResponse<String> channel = follower.send("PUT", "/v1/channels/rc-ch", "{}");
            Assumptions.assumeTrue(channel.statusCode() == 200,
                "this cluster does not carry channel commands yet: " + channel.body());
            final long channelSeq = FeedStreams.seq(channel);
            final List<String> live;
            try (RawHttp stream = FeedStreams.open(follower.httpPort(), FEED + "?after=" + channelSeq, ""))
            {
                send(follower, "PUT", "/v1/channels/rc-ch/listings/C-1", "{\"sku\":\"RC-A\"}");
                send(other, "PUT", "/v1/channels/rc-ch/listings/C-2", "{\"sku\":\"RC-A\"}");
                send(follower, "POST", "/v1/reservations",
                    "{\"orderId\":\"rc-1\",\"channel\":\"rc-ch\",\"lines\":[{\"listing\":\"C-1\",\"quantity\":3}]}");
                send(other, "DELETE", "/v1/channels/rc-ch/listings/C-1", null);
                live = FeedStreams.events(stream, 4);
            }
            assertEquals(List.of("C-1=RC-A:104"), FeedStreams.listings(live.get(0)));
            assertEquals(List.of("C-1=RC-A:101", "C-2=RC-A:101"), FeedStreams.listings(live.get(2)));
            assertEquals(List.of("C-1=RC-A:0"), FeedStreams.listings(live.get(3)));
            final long middle = ((Number)FeedStreams.data(live.get(1)).get("seq")).longValue();
            for (final ServerProcess member : List.of(other, cluster.node(leader)))
            {
                try (RawHttp resumed = FeedStreams.open(member.httpPort(), FEED, "Last-Event-ID: " + middle + "\r\n"))
                {
                    assertEquals(live.subList(2, 4), FeedStreams.events(resumed, 2), "the same bytes on every member");
                }
            }
        }
    }

    private static HttpResponse<String> send(final ServerProcess node, final String method, final String path,
        final String body) throws Exception
    {
        final HttpResponse<String> answer = node.send(method, path, body);
        assertTrue(answer.statusCode() < 300, method + " " + path + ": " + answer.body());
        return answer;
    }

    private static Result.ChangeEvent next(final BlockingQueue<Result.ChangeEvent> events) throws Exception
    {
        final Result.ChangeEvent event = events.poll(20, TimeUnit.SECONDS);
        assertNotNull(event, "expected a change event");
        return event;
    }
}
