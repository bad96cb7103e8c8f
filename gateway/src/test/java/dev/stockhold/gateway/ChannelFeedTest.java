package dev.stockhold.gateway;

import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.gateway.server.ServerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.stockhold.gateway.FeedStreams.data;
import static dev.stockhold.gateway.FeedStreams.events;
import static dev.stockhold.gateway.FeedStreams.listings;
import static dev.stockhold.gateway.FeedStreams.open;
import static dev.stockhold.gateway.FeedStreams.seq;
import static dev.stockhold.gateway.StockApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel's feed over HTTP: an event per command that changed a published quantity of the channel (binds,
 * unbinds, locks through any listing of the same stock, kits), live and resumed identically, without gaps.
 */
class ChannelFeedTest
{
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = SharedServer.get();
    }

    private static RawHttp stream(final String path) throws Exception
    {
        return open(server.server.httpAddress().getPort(), path, "");
    }

    @Test
    void bindsLocksKitsAndUnbindsAreEventsLiveAndResumedAlike() throws Exception
    {
        server.put("/v1/stock/CF-A/W1", "{\"onHand\":10}");
        server.put("/v1/stock/CF-B/W1", "{\"onHand\":5}");
        server.put("/v1/kits/CF-KIT", "{\"components\":[{\"sku\":\"CF-A\",\"quantity\":2},{\"sku\":\"CF-B\",\"quantity\":1}]}");
        server.put("/v1/channels/cf-other", "{}");
        final long before = seq(server.put("/v1/channels/cf-one", "{}"));
        final List<String> live;
        final List<Long> sequences = new ArrayList<>();
        try (RawHttp stream = stream("/v1/channels/cf-one/changes"))
        {
            Thread.sleep(300);
            sequences.add(seq(server.put("/v1/channels/cf-one/listings/L-2", "{\"sku\":\"CF-A\"}")));
            sequences.add(seq(server.put("/v1/channels/cf-one/listings/L-1", "{\"sku\":\"CF-A\"}")));
            sequences.add(seq(server.put("/v1/channels/cf-one/listings/L-3", "{\"sku\":\"CF-KIT\"}")));
            // Another channel's listing and a stock change that moves no published quantity of cf-one: no event.
            server.put("/v1/channels/cf-other/listings/O-1", "{\"sku\":\"CF-A\"}");
            server.put("/v1/stock/CF-B/W1", "{\"onHand\":6}");
            sequences.add(seq(server.post("/v1/reservations",
                "{\"orderId\":\"CF-O1\",\"channel\":\"cf-one\",\"lines\":[{\"listing\":\"L-1\",\"quantity\":2}]}")));
            sequences.add(seq(server.send("DELETE", "/v1/channels/cf-one/listings/L-2", null, null)));
            live = events(stream, 5);
        }
        for (int i = 0; i < 5; i++)
        {
            assertEquals(sequences.get(i), data(live.get(i)).get("seq"), live.get(i));
            assertTrue(((String)data(live.get(i)).get("at")).endsWith("Z"));
        }
        assertEquals(List.of("L-2=CF-A:10"), listings(live.get(0)));
        assertEquals(List.of("L-1=CF-A:10"), listings(live.get(1)));
        assertEquals(List.of("L-3=CF-KIT:5"), listings(live.get(2)), "min(10 / 2, 5)");
        assertEquals(List.of("L-1=CF-A:8", "L-2=CF-A:8", "L-3=CF-KIT:4"), listings(live.get(3)),
            "a lock by one listing changes every listing of the same stock, in listing-id order");
        assertEquals(List.of("L-2=CF-A:0"), listings(live.get(4)), "an unbound listing publishes 0");

        try (RawHttp resumed = stream("/v1/channels/cf-one/changes?after=" + before))
        {
            assertEquals(live, events(resumed, 5), "a resumed event is the live one, byte for byte");
        }
        try (RawHttp resumed = open(server.server.httpAddress().getPort(), "/v1/channels/cf-one/changes",
            "Last-Event-ID: " + sequences.get(2) + "\r\n"))
        {
            assertEquals(live.subList(3, 5), events(resumed, 2));
            final long next = seq(server.put("/v1/channels/cf-one/listings/L-4", "{\"sku\":\"CF-B\"}"));
            final String event = events(resumed, 1).get(0);
            assertEquals(next, data(event).get("seq"));
            assertEquals(List.of("L-4=CF-B:6"), listings(event));
        }
    }

    @Test
    void anUnknownChannelIsNotFoundAndABadPositionIsRefused() throws Exception
    {
        assertProblem(server.get("/v1/channels/cf-none/changes"), 404, "ERR_CHANNEL_NOT_FOUND");
        assertProblem(server.get("/v1/channels/cf-none/changes?after=3"), 404, "ERR_CHANNEL_NOT_FOUND");
        server.put("/v1/channels/cf-bad", "{}");
        assertProblem(server.get("/v1/channels/cf-bad/changes?after=x"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.get("/v1/channels/cf-bad/changes?after=-2"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.send("POST", "/v1/channels/cf-bad/changes", "{}", null), 405, "ERR_METHOD_NOT_ALLOWED");
    }

    /**
     * Locks by listing from several threads while a stream is live: every lock's sequence is an event, in
     * rising order, once; a stream resumed from the middle continues with exactly the live events.
     */
    @Test
    void concurrentLocksLeaveNoGapAndNoDuplicateAcrossAResume() throws Exception
    {
        server.put("/v1/stock/CC-A/W1", "{\"onHand\":100000}");
        server.put("/v1/channels/cf-busy", "{}");
        server.put("/v1/channels/cf-busy/listings/B-1", "{\"sku\":\"CC-A\"}");
        final long before = seq(server.put("/v1/channels/cf-busy/listings/B-2", "{\"sku\":\"CC-A\"}"));
        final int threads = 4;
        final int locksEach = 50;
        final List<Long> locked = Collections.synchronizedList(new ArrayList<>());
        final List<String> live;
        try (RawHttp stream = stream("/v1/channels/cf-busy/changes?after=" + before))
        {
            final ExecutorService pool = Executors.newFixedThreadPool(threads);
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int thread = t;
                done.add(pool.submit(() ->
                {
                    for (int i = 0; i < locksEach; i++)
                    {
                        locked.add(seq(server.post("/v1/reservations", "{\"orderId\":\"CC-" + thread + "-" + i
                            + "\",\"channel\":\"cf-busy\",\"lines\":[{\"listing\":\"B-" + (1 + i % 2)
                            + "\",\"quantity\":1}]}")));
                    }
                    return null;
                }));
            }
            for (final Future<?> future : done)
            {
                future.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            live = events(stream, threads * locksEach);
        }
        final List<Long> expected = new ArrayList<>(locked);
        Collections.sort(expected);
        final List<Long> ids = new ArrayList<>();
        for (final String event : live)
        {
            ids.add(((Number)data(event).get("seq")).longValue());
            assertEquals(2, listings(event).size(), event);
        }
        assertEquals(expected, ids, "every lock once, in engine order");
        final int middle = live.size() / 2;
        try (RawHttp resumed = stream("/v1/channels/cf-busy/changes?after=" + ids.get(middle - 1)))
        {
            assertEquals(live.subList(middle, live.size()), events(resumed, live.size() - middle));
        }
    }

    @Test
    void theFeedNeedsTheReadScope() throws Exception
    {
        try (TestServer keyed = new TestServer(ServerSettings.defaults().withKeys(new ApiKeys(List.of(
            new ApiKey(1, "reader", EnumSet.of(Scope.READ)),
            new ApiKey(2, "stocker", EnumSet.of(Scope.STOCK)))))))
        {
            assertEquals(200, keyed.as("stocker").put("/v1/channels/cf-keyed", "{}").statusCode());
            assertProblem(keyed.as(null).get("/v1/channels/cf-keyed/changes"), 401, "ERR_UNAUTHORIZED");
            assertProblem(keyed.as("stocker").get("/v1/channels/cf-keyed/changes"), 403, "ERR_FORBIDDEN");
            final int port = keyed.server.httpAddress().getPort();
            try (RawHttp stream = open(port, "/v1/channels/cf-keyed/changes?after=0", "Authorization: Bearer reader\r\n"))
            {
                keyed.as("stocker").put("/v1/stock/CK-A/W1", "{\"onHand\":3}");
                final long bound = seq(keyed.as("stocker").put("/v1/channels/cf-keyed/listings/K-1",
                    "{\"sku\":\"CK-A\"}"));
                final String event = events(stream, 1).get(0);
                assertEquals(bound, data(event).get("seq"));
                assertEquals(List.of("K-1=CK-A:3"), listings(event));
            }
        }
    }
}
