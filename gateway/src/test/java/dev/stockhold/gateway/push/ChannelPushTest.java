package dev.stockhold.gateway.push;

import dev.stockhold.gateway.Json;
import dev.stockhold.gateway.TestServer;
import dev.stockhold.gateway.push.FakeMarketplace.Answer;
import dev.stockhold.gateway.push.FakeMarketplace.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.stockhold.gateway.push.FakeMarketplace.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server pushes each channel's published quantities to a real HTTP endpoint on 127.0.0.1: signed bodies,
 * one delivery in flight, the rate limit, latest value wins, decreases first, every retry path, dead letters
 * and their release, and an unbound listing's 0. Each test has channels and SKUs of its own.
 */
class ChannelPushTest
{
    private static final String SECRET = "whsec_test";
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

    private static Map<String, Object> ok(final HttpResponse<String> response)
    {
        assertTrue(response.statusCode() == 200 || response.statusCode() == 201, response.body());
        return Json.object(response.body());
    }

    /** PUTs {@code channel} with push to {@code url}; @return the channel's rules as answered. */
    private static Map<String, Object> pushTo(final String channel, final String url, final int rate, final int burst,
        final int maxListings) throws Exception
    {
        return ok(server.put("/v1/channels/" + channel, "{\"push\":{\"url\":\"" + url + "\",\"secret\":\""
            + SECRET + "\",\"ratePerSecond\":" + rate + ",\"burst\":" + burst + ",\"maxListings\":" + maxListings
            + "}}"));
    }

    /** A listing of a test's channel: its id, and the SKU it sells, stocked with {@code onHand} in W1. */
    private record Listing(String id, String sku, long onHand)
    {
    }

    private static Listing listing(final String id, final String sku, final long onHand)
    {
        return new Listing(id, sku, onHand);
    }

    /** Stocks each listing's SKU, then PUTs {@code channel} without push and binds the listings in order. */
    private static void channel(final String channel, final Listing... listings) throws Exception
    {
        for (final Listing listing : listings)
        {
            stock(listing.sku(), listing.onHand());
        }
        ok(server.put("/v1/channels/" + channel, "{}"));
        for (final Listing listing : listings)
        {
            ok(server.put("/v1/channels/" + channel + "/listings/" + listing.id(),
                "{\"sku\":\"" + listing.sku() + "\"}"));
        }
    }

    private static void stock(final String sku, final long onHand) throws Exception
    {
        ok(server.put("/v1/stock/" + sku + "/W1", "{\"onHand\":" + onHand + "}"));
    }

    private static long lock(final String order, final String sku, final long quantity) throws Exception
    {
        final HttpResponse<String> lock = server.post("/v1/reservations",
            "{\"orderId\":\"" + order + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}");
        assertEquals(201, lock.statusCode(), lock.body());
        return Long.parseLong(lock.headers().firstValue("Stockhold-Seq").orElseThrow());
    }

    private static Map<String, Object> progress(final String channel) throws Exception
    {
        return ok(server.get("/v1/channels/" + channel + "/push"));
    }

    private static long published(final String channel, final String listing) throws Exception
    {
        return (Long)ok(server.get("/v1/channels/" + channel + "/listings/" + listing)).get("published");
    }

    /** @return the {@code stockhold_push_deliveries_total} of a channel and result, 0 before the first. */
    private static double deliveries(final String channel, final String result) throws Exception
    {
        final String series = "stockhold_push_deliveries_total{channel=\"" + channel + "\",result=\"" + result + "\"} ";
        for (final String line : server.get("/metrics").body().split("\n"))
        {
            if (line.startsWith(series))
            {
                return Double.parseDouble(line.substring(series.length()).trim());
            }
        }
        return 0;
    }

    private static boolean caughtUp(final String channel) throws Exception
    {
        final Map<String, Object> progress = progress(channel);
        return (Long)progress.get("pendingListings") == 0 && progress.get("lastError") == null;
    }

    @Test
    void aDeliveryIsSignedAndCarriesEveryChangedListing() throws Exception
    {
        stock("SIG-B", 3);
        channel("sig", listing("L-A", "SIG-A", 7));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            final Map<String, Object> channel = pushTo("sig", market.url(), 10, 10, 200);
            assertEquals(Map.of("url", market.url(), "secret", "***", "ratePerSecond", 10L, "burst", 10L,
                "maxListings", 200L), channel.get("push"));
            assertEquals(channel, ok(server.get("/v1/channels/sig")), "the secret is write-only");
            assertTrue(await(10, () -> market.received().size() == 1));
            final Received first = market.received().get(0);
            assertEquals("application/json", first.contentType());
            assertEquals(first.delivery(), first.json().get("delivery"));
            assertEquals("sig", first.json().get("channel"));
            final String[] signature = first.signature().split(",");
            assertTrue(signature[0].startsWith("t=") && signature[1].startsWith("v1="), first.signature());
            final String time = signature[0].substring(2);
            assertTrue(Math.abs(System.currentTimeMillis() - Long.parseLong(time)) < 60_000, time);
            assertEquals(FakeMarketplace.expectedSignature(SECRET, time, first.body()), signature[1].substring(3));
            assertNotEquals(FakeMarketplace.expectedSignature("other", time, first.body()), signature[1].substring(3));
            assertEquals(List.of(Map.of("listingId", "L-A", "sku", "SIG-A", "published", 7L,
                "seq", first.json().get("seq"))), first.listings());

            ok(server.put("/v1/channels/sig/listings/L-B", "{\"sku\":\"SIG-B\"}"));
            final long seq = lock("sig-o1", "SIG-A", 2);
            assertTrue(await(10, () -> market.latest().equals(Map.of("L-A", 5L, "L-B", 3L))), market.latest()::toString);
            final Received last = market.received().get(market.received().size() - 1);
            assertEquals(seq, last.json().get("seq"), "a delivery's seq is its largest listing seq");
            assertTrue(await(10, () -> caughtUp("sig")));
            final Map<String, Object> progress = progress("sig");
            assertEquals(seq, progress.get("acknowledgedSeq"));
            assertEquals(List.of(), progress.get("deadLetters"));
            assertEquals(0L, progress.get("lagMillis"));
            assertTrue(deliveries("sig", "ok") >= 2);
        }
    }

    @Test
    void oneDeliveryInFlightLatestValueWinsAndSeqNeverGoesDown() throws Exception
    {
        channel("coal", listing("A", "COAL-A", 500), listing("B", "COAL-B", 500));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            market.answer(r -> new Answer(200, null, 100));
            pushTo("coal", market.url(), 10_000, 10_000, 200);
            for (int i = 0; i < 60; i++)
            {
                lock("coal-" + i, i % 2 == 0 ? "COAL-A" : "COAL-B", 1 + i % 3);
            }
            final Map<String, Long> expected = Map.of("A", published("coal", "A"), "B", published("coal", "B"));
            assertTrue(await(20, () -> market.latest().equals(expected) && caughtUp("coal")),
                () -> market.latest() + " vs " + expected);
            assertEquals(1, market.maxInFlight(), "one delivery of a channel at a time");
            assertTrue(market.received().size() < 61, "changes made during a delivery are coalesced: "
                + market.received().size());
            final Map<String, Long> lastSeq = new HashMap<>();
            for (final Received delivery : market.received())
            {
                for (final Map<String, Object> listing : delivery.listings())
                {
                    final long seq = (Long)listing.get("seq");
                    final Long before = lastSeq.put((String)listing.get("listingId"), seq);
                    assertTrue(before == null || before <= seq, "seq went down: " + before + " then " + seq);
                }
            }
        }
    }

    @Test
    void deliveriesKeepToTheRate() throws Exception
    {
        channel("rate", listing("A", "RATE-A", 1_000));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            pushTo("rate", market.url(), 4, 2, 200);
            final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_000);
            int order = 0;
            while (System.nanoTime() < end)
            {
                lock("rate-" + order++, "RATE-A", 1);
                Thread.sleep(10);
            }
            final List<Received> deliveries = market.received();
            assertTrue(deliveries.size() >= 3, "deliveries: " + deliveries.size());
            // A token bucket of burst 2 at 4 a second: any n deliveries in a row are sent within no less than
            // (n - 2) / 4 seconds. Measured at sending, by each delivery's signature time (taken once its token
            // is), since arrivals on a busy machine add their own jitter; 2 ms for two millisecond truncations.
            final long[] sentMillis = deliveries.stream()
                .mapToLong(d -> Long.parseLong(d.signature().substring(2, d.signature().indexOf(',')))).toArray();
            for (int i = 0; i < sentMillis.length; i++)
            {
                for (int j = i + 2; j < sentMillis.length; j++)
                {
                    final long n = j - i + 1;
                    assertTrue((n - 2) * 1_000 <= 4 * (sentMillis[j] - sentMillis[i] + 2), "deliveries " + i + ".." + j
                        + " sent within " + (sentMillis[j] - sentMillis[i]) + " ms: " + java.util.Arrays.toString(sentMillis));
                }
            }
            assertTrue(deliveries.size() >= 5, "changes kept coming: the bucket was used past its burst");
        }
    }

    @Test
    void decreasesGoBeforeIncreases() throws Exception
    {
        channel("dec", listing("A", "DEC-A", 10), listing("B", "DEC-B", 10));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            pushTo("dec", market.url(), 100, 100, 1);
            assertTrue(await(10, () -> market.received().size() == 2 && caughtUp("dec")));
            final CountDownLatch hold = new CountDownLatch(1);
            market.answer(r ->
            {
                try
                {
                    hold.await(10, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                return Answer.status(200);
            });
            stock("DEC-A", 11);
            assertTrue(await(10, () -> market.received().size() == 3), "A's increase is in flight, held");
            stock("DEC-A", 12);
            lock("dec-1", "DEC-B", 4);
            hold.countDown();
            assertTrue(await(10, () -> market.received().size() == 5));
            final List<Received> deliveries = market.received();
            assertEquals("B", deliveries.get(3).listings().get(0).get("listingId"), "the decrease first");
            assertEquals(6L, deliveries.get(3).listings().get(0).get("published"));
            assertEquals(12L, deliveries.get(4).listings().get(0).get("published"));
        }
    }

    @Test
    void aRateLimitedDeliveryWaitsRetryAfterAndCarriesTheCurrentValue() throws Exception
    {
        channel("rl", listing("A", "RL-A", 10));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            final AtomicInteger calls = new AtomicInteger();
            final CountDownLatch limited = new CountDownLatch(1);
            market.answer(r ->
            {
                if (calls.incrementAndGet() == 1)
                {
                    limited.countDown();
                    return new Answer(429, "1", 0);
                }
                return Answer.status(200);
            });
            pushTo("rl", market.url(), 100, 100, 200);
            assertTrue(limited.await(10, TimeUnit.SECONDS));
            lock("rl-1", "RL-A", 3);
            assertTrue(await(10, () -> market.received().size() == 2));
            final List<Received> deliveries = market.received();
            final long apartMillis = (deliveries.get(1).atNanos() - deliveries.get(0).atNanos()) / 1_000_000;
            assertTrue(apartMillis >= 1_000, "Retry-After: 1 waited only " + apartMillis + " ms");
            assertEquals(10L, deliveries.get(0).listings().get(0).get("published"));
            assertEquals(7L, deliveries.get(1).listings().get(0).get("published"), "the retry carries the current value");
            assertNotEquals(deliveries.get(0).delivery(), deliveries.get(1).delivery(), "each attempt has its own id");
        }
    }

    @Test
    void serverErrorsBackOffAndThenDeliver() throws Exception
    {
        channel("err", listing("A", "ERR-A", 10));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            final AtomicInteger calls = new AtomicInteger();
            market.answer(r -> Answer.status(calls.incrementAndGet() <= 3 ? 503 : 200));
            pushTo("err", market.url(), 100, 100, 200);
            assertTrue(await(10, () -> market.received().size() >= 1));
            assertTrue(await(10, () -> "HTTP 503".equals(progress("err").get("lastError"))));
            assertEquals(1L, progress("err").get("pendingListings"));
            assertTrue(await(20, () -> market.received().size() == 4 && caughtUp("err")));
            assertEquals(4, market.received().stream().map(Received::delivery).distinct().count());
            assertNull(progress("err").get("lastError"), "a success clears the error");
            assertEquals(3.0, deliveries("err", "server_error"));
            assertEquals(1.0, deliveries("err", "ok"));
        }
    }

    @Test
    void aDeliveryUnansweredFor5SecondsTimesOutAndIsRetried() throws Exception
    {
        channel("to", listing("A", "TO-A", 10));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            final AtomicInteger calls = new AtomicInteger();
            // The retry answers after a second: full jitter may send it at once, and the error must stay
            // visible until a delivery succeeds.
            market.answer(r -> calls.incrementAndGet() == 1 ? new Answer(200, null, 7_000) : new Answer(200, null, 1_000));
            pushTo("to", market.url(), 100, 100, 200);
            assertTrue(await(15, () -> "timeout after 5000 ms".equals(progress("to").get("lastError"))));
            final long timedOutAfterMillis = (System.nanoTime() - market.received().get(0).atNanos()) / 1_000_000;
            assertTrue(timedOutAfterMillis >= 4_900, "timed out after " + timedOutAfterMillis + " ms");
            assertTrue(await(15, () -> market.received().size() >= 2 && caughtUp("to")));
            assertEquals(Map.of("A", 10L), market.latest());
        }
    }

    @Test
    void aRefusedConnectionRetriesUntilTheEndpointIsThere() throws Exception
    {
        channel("ref", listing("A", "REF-A", 10));
        final int port;
        try (ServerSocket probe = new ServerSocket(0))
        {
            port = probe.getLocalPort();
        }
        pushTo("ref", "http://127.0.0.1:" + port + "/stock", 100, 100, 200);
        assertTrue(await(10, () -> "connection refused".equals(progress("ref").get("lastError"))));
        assertTrue(await(10, () -> deliveries("ref", "refused") >= 2), "it retried");
        assertEquals(1L, progress("ref").get("pendingListings"));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            pushTo("ref", market.url(), 100, 100, 200);
            assertTrue(await(15, () -> market.latest().equals(Map.of("A", 10L)) && caughtUp("ref")));
        }
    }

    @Test
    void aRefusedDeliveryParksItsListingsUntilTheChannelIsPutAgain() throws Exception
    {
        channel("dl", listing("BAD", "DL-A", 10), listing("GOOD", "DL-B", 10));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            market.answer(r -> Answer.status(r.body().contains("\"BAD\"") ? 422 : 200));
            pushTo("dl", market.url(), 100, 100, 1);
            assertTrue(await(10, () -> ((List<?>)progress("dl").get("deadLetters")).size() == 1
                && (Long)progress("dl").get("pendingListings") == 0));
            assertEquals(2, market.received().size(), "GOOD, then BAD (the newest binding first)");
            final Map<?, ?> dead = (Map<?, ?>)((List<?>)progress("dl").get("deadLetters")).get(0);
            assertEquals("BAD", dead.get("listingId"));
            assertEquals(422L, dead.get("status"));
            assertTrue(((String)dead.get("at")).endsWith("Z"), dead.toString());
            lock("dl-1", "DL-A", 4);
            lock("dl-2", "DL-B", 1);
            assertTrue(await(10, () -> Long.valueOf(9).equals(market.latest().get("GOOD")) && caughtUp("dl")),
                "the other listings keep flowing");
            final int before = market.received().size();
            Thread.sleep(300);
            assertEquals(before, market.received().size(), "a dead letter stays parked when it changes");
            market.answer(r -> Answer.status(200));
            pushTo("dl", market.url(), 100, 100, 1);
            assertTrue(await(10, () -> Long.valueOf(6).equals(market.latest().get("BAD")) && caughtUp("dl")),
                "released by the PUT, with its current value");
            assertEquals(List.of(), progress("dl").get("deadLetters"));
        }
    }

    @Test
    void anUnboundListingIsPushedOnceWithZeroAndItsLastSku() throws Exception
    {
        channel("ub", listing("A", "UB-A", 10));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            pushTo("ub", market.url(), 100, 100, 200);
            assertTrue(await(10, () -> market.received().size() == 1 && caughtUp("ub")));
            ok(server.send("DELETE", "/v1/channels/ub/listings/A", null, null));
            assertTrue(await(10, () -> market.received().size() == 2 && caughtUp("ub")));
            assertEquals(Map.of("listingId", "A", "sku", "UB-A", "published", 0L,
                "seq", market.received().get(1).json().get("seq")), market.received().get(1).listings().get(0));
            lock("ub-1", "UB-A", 1);
            Thread.sleep(300);
            assertEquals(2, market.received().size(), "once");
        }
    }

    @Test
    void badPushSettingsAreRefusedAndChangeNothing() throws Exception
    {
        ok(server.put("/v1/channels/bad", "{}"));
        final Object before = ok(server.get("/v1/channels/bad"));
        final String[][] cases = {
            {"{\"push\":{\"url\":\"ftp://x/\",\"secret\":\"s\"}}", "ERR_INVALID_REQUEST"},
            {"{\"push\":{\"secret\":\"s\"}}", "ERR_INVALID_REQUEST"},
            {"{\"push\":{\"url\":\"http://x/\"}}", "ERR_INVALID_REQUEST"},
            {"{\"push\":{\"url\":\"http://x/\",\"secret\":\"s\",\"extra\":1}}", "ERR_INVALID_REQUEST"},
            {"{\"push\":\"http://x/\"}", "ERR_INVALID_REQUEST"},
            {"{\"push\":{\"url\":\"http://x/\",\"secret\":\"s\",\"ratePerSecond\":0}}", "ERR_INVALID_QUANTITY"},
            {"{\"push\":{\"url\":\"http://x/\",\"secret\":\"s\",\"burst\":10001}}", "ERR_INVALID_QUANTITY"},
            {"{\"push\":{\"url\":\"http://x/\",\"secret\":\"s\",\"maxListings\":1001}}", "ERR_INVALID_QUANTITY"},
            {"{\"push\":{\"url\":\"http://x/\",\"secret\":\"s\",\"maxListings\":\"5\"}}", "ERR_INVALID_QUANTITY"},
        };
        for (final String[] c : cases)
        {
            final HttpResponse<String> refused = server.put("/v1/channels/bad", c[0]);
            assertEquals(400, refused.statusCode(), c[0]);
            assertTrue(refused.body().contains(c[1]), c[0] + " -> " + refused.body());
        }
        assertEquals(before, ok(server.get("/v1/channels/bad")));
        final Map<String, Object> defaults = ok(server.put("/v1/channels/bad",
            "{\"push\":{\"url\":\"http://127.0.0.1:9/x\",\"secret\":\"s\"}}"));
        assertEquals(Map.of("url", "http://127.0.0.1:9/x", "secret", "***", "ratePerSecond", 10L, "burst", 10L,
            "maxListings", 200L), defaults.get("push"));
        assertFalse(ok(server.put("/v1/channels/bad", "{}")).containsKey("push"), "an omitted push stops pushing");
        final HttpResponse<String> unknown = server.get("/v1/channels/no-such/push");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("ERR_CHANNEL_NOT_FOUND"));
    }
}
