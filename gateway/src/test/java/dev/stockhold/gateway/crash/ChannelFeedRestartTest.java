package dev.stockhold.gateway.crash;

import dev.stockhold.engine.command.Command;
import dev.stockhold.client.ResultCode;
import dev.stockhold.gateway.FeedStreams;
import dev.stockhold.gateway.RawHttp;
import dev.stockhold.client.Result;
import dev.stockhold.gateway.binary.TestClient;
import dev.stockhold.gateway.feed.ChangeLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel's feed survives the server process: killed (SIGKILL) and restarted, it resumes from the start with
 * the very bytes it streamed before, over HTTP and the binary protocol, and goes on live. A data directory whose
 * change log is in a format the server does not read (its old directory) starts cleanly, and a position older than
 * the change log it then keeps is ERR_GONE on both protocols.
 */
class ChannelFeedRestartTest
{
    private static final String FEED = "/v1/channels/rs-ch/changes";

    @Test
    void theFeedResumesByteIdenticalAfterAKillAndIsGoneBeforeAChangeLogItCannotRead(@TempDir final Path dataDir)
        throws Exception
    {
        final List<String> streamed;
        final List<Result.ChannelChangeEvent> binaryEvents = new ArrayList<>();
        final int events = 12;
        // 1. Events of every kind, read live from the start over both protocols; then SIGKILL.
        try (ServerProcess server = ServerProcess.start("channel-feed-0", dataDir, List.of()).awaitReady())
        {
            send(server, "PUT", "/v1/stock/RS-A/W1", "{\"onHand\":100}");
            send(server, "PUT", "/v1/stock/RS-B/W1", "{\"onHand\":40}");
            send(server, "PUT", "/v1/kits/RS-KIT", "{\"components\":[{\"sku\":\"RS-A\",\"quantity\":2},"
                + "{\"sku\":\"RS-B\",\"quantity\":1}]}");
            send(server, "PUT", "/v1/channels/rs-ch", "{}");
            try (RawHttp stream = FeedStreams.open(server.httpPort(), FEED + "?after=0", "");
                 TestClient binary = TestClient.connect("127.0.0.1", server.binaryPort()))
            {
                final BlockingQueue<Result.ChannelChangeEvent> queue = new LinkedBlockingQueue<>();
                assertTrue(binary.subscribeChannel("rs-ch", 0, queue::add).get(10, TimeUnit.SECONDS).isOk());
                send(server, "PUT", "/v1/channels/rs-ch/listings/R-1", "{\"sku\":\"RS-A\"}");
                send(server, "PUT", "/v1/channels/rs-ch/listings/R-2", "{\"sku\":\"RS-KIT\"}");
                for (int i = 0; i < events - 3; i++)
                {
                    send(server, "POST", "/v1/reservations", "{\"orderId\":\"RS-" + i
                        + "\",\"channel\":\"rs-ch\",\"lines\":[{\"listing\":\"R-" + (1 + i % 2) + "\",\"quantity\":1}]}");
                }
                send(server, "DELETE", "/v1/channels/rs-ch/listings/R-1", null);
                streamed = FeedStreams.events(stream, events);
                for (int i = 0; i < events; i++)
                {
                    binaryEvents.add(next(queue));
                }
            }
            server.kill();
        }
        final long newest = ((Number)FeedStreams.data(streamed.get(events - 1)).get("seq")).longValue();

        // 2. Restarted: the same events from the start, byte for byte, then live ones.
        try (ServerProcess server = ServerProcess.start("channel-feed-1", dataDir, List.of()).awaitReady();
             RawHttp stream = FeedStreams.open(server.httpPort(), FEED + "?after=0", "");
             TestClient binary = TestClient.connect("127.0.0.1", server.binaryPort()))
        {
            assertEquals(streamed, FeedStreams.events(stream, events), "the resumed feed is the streamed one");
            final BlockingQueue<Result.ChannelChangeEvent> queue = new LinkedBlockingQueue<>();
            assertTrue(binary.subscribeChannel("rs-ch", 0, queue::add).get(10, TimeUnit.SECONDS).isOk());
            for (final Result.ChannelChangeEvent event : binaryEvents)
            {
                assertEquals(event, next(queue));
            }
            final long bound = FeedStreams.seq(send(server, "PUT", "/v1/channels/rs-ch/listings/R-3", "{\"sku\":\"RS-B\"}"));
            final String live = FeedStreams.events(stream, 1).get(0);
            assertEquals(bound, FeedStreams.data(live).get("seq"));
            assertEquals(List.of("R-3=RS-B:36"), FeedStreams.listings(live), "40 less the four kits locked");
            assertEquals(bound, next(queue).seq());
        }

        // 3. The change log moved aside under the name of the older format's directory: the server starts,
        //    says it ignores it, and what its new log does not hold is ERR_GONE.
        Files.move(dataDir.resolve(ChangeLog.DIRECTORY), dataDir.resolve("changes"));
        try (ServerProcess server = ServerProcess.start("channel-feed-2", dataDir, List.of()).awaitReady();
             TestClient binary = TestClient.connect("127.0.0.1", server.binaryPort()))
        {
            assertNotNull(server.logLine("event=old_change_log_ignored"), server.tail());
            final var gone = server.send("GET", FEED + "?after=" + newest, null);
            assertEquals(410, gone.statusCode(), gone.body());
            assertTrue(gone.body().contains("ERR_GONE"), gone.body());
            assertEquals(ResultCode.GONE, binary.subscribeChannel("rs-ch", newest, e -> { })
                .get(10, TimeUnit.SECONDS).code());
            try (RawHttp stream = FeedStreams.open(server.httpPort(), FEED, ""))
            {
                Thread.sleep(300);
                final long unbound = FeedStreams.seq(send(server, "DELETE", "/v1/channels/rs-ch/listings/R-3", null));
                final String live = FeedStreams.events(stream, 1).get(0);
                assertEquals(unbound, FeedStreams.data(live).get("seq"));
                assertEquals(List.of("R-3=RS-B:0"), FeedStreams.listings(live));
            }
            final BlockingQueue<Result.ChannelChangeEvent> fromNow = new LinkedBlockingQueue<>();
            assertTrue(binary.subscribeChannel("rs-ch", Command.ABSENT, fromNow::add).get(10, TimeUnit.SECONDS).isOk());
        }
    }

    private static java.net.http.HttpResponse<String> send(final ServerProcess server, final String method,
        final String path, final String body) throws Exception
    {
        final java.net.http.HttpResponse<String> answer = server.send(method, path, body);
        assertTrue(answer.statusCode() < 300, method + " " + path + ": " + answer.body());
        return answer;
    }

    private static Result.ChannelChangeEvent next(final BlockingQueue<Result.ChannelChangeEvent> queue)
        throws Exception
    {
        final Result.ChannelChangeEvent event = queue.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "expected a channel event");
        return event;
    }
}
