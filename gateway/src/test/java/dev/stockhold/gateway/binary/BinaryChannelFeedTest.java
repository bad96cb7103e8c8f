package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.client.ResultCode;
import dev.stockhold.gateway.FeedStreams;
import dev.stockhold.gateway.TestServer;
import dev.stockhold.client.Result;
import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.gateway.server.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel's feed over the binary protocol, on a real server: the same events as the HTTP channel feed
 * (binds, unbinds, locks by listing, kits), resumed with {@code afterSeq} without gaps, ERR_CHANNEL_NOT_FOUND
 * and the read scope. The writes go over HTTP: the subscription is what is tested.
 */
class BinaryChannelFeedTest
{
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = new TestServer();
    }

    @AfterAll
    static void stop() throws Exception
    {
        server.close();
    }

    private static TestClient client(final TestServer on) throws Exception
    {
        return TestClient.connect("127.0.0.1", on.server.binaryAddress().getPort());
    }

    private static Result.ChannelChangeEvent next(final BlockingQueue<Result.ChannelChangeEvent> events)
        throws Exception
    {
        final Result.ChannelChangeEvent event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "expected a channel event");
        return event;
    }

    private static List<String> listings(final Result.ChannelChangeEvent event)
    {
        final List<String> listings = new ArrayList<>();
        for (final Result.ListingChange listing : event.listings())
        {
            listings.add(listing.listingId() + "=" + listing.sku() + ":" + listing.published());
        }
        return listings;
    }

    @Test
    void bindsLocksKitsAndUnbindsAreEventsLiveAndResumedAlike() throws Exception
    {
        server.put("/v1/stock/BF-A/W1", "{\"onHand\":10}");
        server.put("/v1/stock/BF-B/W1", "{\"onHand\":5}");
        server.put("/v1/kits/BF-KIT", "{\"components\":[{\"sku\":\"BF-A\",\"quantity\":2},{\"sku\":\"BF-B\",\"quantity\":1}]}");
        server.put("/v1/channels/bf-other", "{}");
        final long before = FeedStreams.seq(server.put("/v1/channels/bf-one", "{}"));
        try (TestClient live = client(server); TestClient resumed = client(server))
        {
            final BlockingQueue<Result.ChannelChangeEvent> events = new LinkedBlockingQueue<>();
            final Result subscribed = live.subscribeChannel("bf-one", Command.ABSENT, events::add)
                .get(10, TimeUnit.SECONDS);
            assertTrue(subscribed instanceof Result.Subscribed, subscribed.toString());
            final List<Long> sequences = new ArrayList<>();
            sequences.add(FeedStreams.seq(server.put("/v1/channels/bf-one/listings/L-2", "{\"sku\":\"BF-A\"}")));
            sequences.add(FeedStreams.seq(server.put("/v1/channels/bf-one/listings/L-1", "{\"sku\":\"BF-A\"}")));
            sequences.add(FeedStreams.seq(server.put("/v1/channels/bf-one/listings/L-3", "{\"sku\":\"BF-KIT\"}")));
            server.put("/v1/channels/bf-other/listings/O-1", "{\"sku\":\"BF-A\"}");
            server.put("/v1/stock/BF-B/W1", "{\"onHand\":6}");
            sequences.add(FeedStreams.seq(server.post("/v1/reservations",
                "{\"orderId\":\"BF-O1\",\"channel\":\"bf-one\",\"lines\":[{\"listing\":\"L-1\",\"quantity\":2}]}")));
            sequences.add(FeedStreams.seq(server.send("DELETE", "/v1/channels/bf-one/listings/L-2", null, null)));
            final List<Result.ChannelChangeEvent> seen = new ArrayList<>();
            for (int i = 0; i < 5; i++)
            {
                seen.add(next(events));
                assertEquals(sequences.get(i), seen.get(i).seq());
                assertEquals("bf-one", seen.get(i).channel());
                assertTrue(seen.get(i).atMillis() > 0);
            }
            assertNull(events.poll(100, TimeUnit.MILLISECONDS), "other channels and unmoved stock send nothing");
            assertEquals(List.of("L-2=BF-A:10"), listings(seen.get(0)));
            assertEquals(List.of("L-1=BF-A:10"), listings(seen.get(1)));
            assertEquals(List.of("L-3=BF-KIT:5"), listings(seen.get(2)));
            assertEquals(List.of("L-1=BF-A:8", "L-2=BF-A:8", "L-3=BF-KIT:4"), listings(seen.get(3)));
            assertEquals(List.of("L-2=BF-A:0"), listings(seen.get(4)));

            final BlockingQueue<Result.ChannelChangeEvent> again = new LinkedBlockingQueue<>();
            assertTrue(resumed.subscribeChannel("bf-one", before, again::add).get(10, TimeUnit.SECONDS).isOk());
            for (final Result.ChannelChangeEvent event : seen)
            {
                assertEquals(event, next(again), "a resumed event is the live one");
            }
            final long next = FeedStreams.seq(server.put("/v1/channels/bf-one/listings/L-4", "{\"sku\":\"BF-B\"}"));
            assertEquals(next, next(again).seq());
            assertEquals(next, next(events).seq());
            assertNull(again.poll(100, TimeUnit.MILLISECONDS), "no duplicate after the replay");
        }
    }

    @Test
    void anUnknownChannelIsNotFoundAndABadCodeIsRefused() throws Exception
    {
        try (TestClient client = client(server))
        {
            assertEquals(ResultCode.CHANNEL_NOT_FOUND,
                client.subscribeChannel("bf-none", Command.ABSENT, e -> { }).get(10, TimeUnit.SECONDS).code());
            assertEquals(ResultCode.INVALID_REQUEST,
                client.subscribeChannel("bad code", Command.ABSENT, e -> { }).get(10, TimeUnit.SECONDS).code());
            server.put("/v1/channels/bf-neg", "{}");
            assertEquals(ResultCode.INVALID_REQUEST,
                client.subscribeChannel("bf-neg", -5, e -> { }).get(10, TimeUnit.SECONDS).code());
        }
    }

    @Test
    void concurrentLocksLeaveNoGapAndNoDuplicateAcrossAResume() throws Exception
    {
        server.put("/v1/stock/BC-A/W1", "{\"onHand\":100000}");
        server.put("/v1/channels/bf-busy", "{}");
        final long before = FeedStreams.seq(server.put("/v1/channels/bf-busy/listings/B-1", "{\"sku\":\"BC-A\"}"));
        final int threads = 4;
        final int locksEach = 50;
        final List<Long> locked = Collections.synchronizedList(new ArrayList<>());
        try (TestClient live = client(server); TestClient resumed = client(server))
        {
            final BlockingQueue<Result.ChannelChangeEvent> events = new LinkedBlockingQueue<>();
            final BlockingQueue<Result.ChannelChangeEvent> midway = new LinkedBlockingQueue<>();
            assertTrue(live.subscribeChannel("bf-busy", before, events::add).get(10, TimeUnit.SECONDS).isOk());
            final ExecutorService pool = Executors.newFixedThreadPool(threads);
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int thread = t;
                done.add(pool.submit(() ->
                {
                    for (int i = 0; i < locksEach; i++)
                    {
                        locked.add(FeedStreams.seq(server.post("/v1/reservations", "{\"orderId\":\"BC-"
                            + thread + "-" + i + "\",\"channel\":\"bf-busy\",\"lines\":[{\"listing\":\"B-1\",\"quantity\":1}]}")));
                        if (thread == 0 && i == locksEach / 2)
                        {
                            // A subscription lands in the middle of the writes: it must join without a gap.
                            assertTrue(resumed.subscribeChannel("bf-busy", before, midway::add)
                                .get(10, TimeUnit.SECONDS).isOk());
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> future : done)
            {
                future.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            final List<Long> expected = new ArrayList<>(locked);
            Collections.sort(expected);
            final List<Long> liveIds = new ArrayList<>();
            final List<Long> resumedIds = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++)
            {
                liveIds.add(next(events).seq());
                resumedIds.add(next(midway).seq());
            }
            assertEquals(expected, liveIds, "every lock once, in engine order");
            assertEquals(expected, resumedIds, "a subscription made during the writes: replay then live, no gap");
            assertNull(midway.poll(100, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void theSubscriptionNeedsTheReadScope() throws Exception
    {
        try (TestServer keyed = new TestServer(ServerSettings.defaults().withKeys(new ApiKeys(List.of(
            new ApiKey(1, "reader", EnumSet.of(Scope.READ)),
            new ApiKey(2, "stocker", EnumSet.of(Scope.STOCK))))));
             TestClient reader = client(keyed);
             TestClient stocker = client(keyed))
        {
            keyed.as("stocker").put("/v1/channels/bf-keyed", "{}");
            assertEquals(ResultCode.UNAUTHORIZED,
                reader.subscribeChannel("bf-keyed", Command.ABSENT, e -> { }).get(10, TimeUnit.SECONDS).code());
            stocker.authenticate("stocker").get(10, TimeUnit.SECONDS);
            assertEquals(ResultCode.FORBIDDEN,
                stocker.subscribeChannel("bf-keyed", Command.ABSENT, e -> { }).get(10, TimeUnit.SECONDS).code());
            reader.authenticate("reader").get(10, TimeUnit.SECONDS);
            final BlockingQueue<Result.ChannelChangeEvent> events = new LinkedBlockingQueue<>();
            assertTrue(reader.subscribeChannel("bf-keyed", Command.ABSENT, events::add).get(10, TimeUnit.SECONDS).isOk());
            keyed.as("stocker").put("/v1/stock/BK-A/W1", "{\"onHand\":3}");
            final long bound = FeedStreams.seq(keyed.as("stocker").put("/v1/channels/bf-keyed/listings/K-1",
                "{\"sku\":\"BK-A\"}"));
            final Result.ChannelChangeEvent event = next(events);
            assertEquals(bound, event.seq());
            assertEquals(List.of("K-1=BK-A:3"), listings(event));
        }
    }
}
