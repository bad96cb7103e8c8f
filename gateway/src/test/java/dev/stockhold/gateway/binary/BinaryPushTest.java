package dev.stockhold.gateway.binary;

import dev.stockhold.client.Result;
import dev.stockhold.client.ResultCode;
import dev.stockhold.client.StockholdClient;
import dev.stockhold.client.request.GetChannelRequest;
import dev.stockhold.client.request.GetPushRequest;
import dev.stockhold.client.request.PushSettings;
import dev.stockhold.client.request.PutChannelRequest;
import dev.stockhold.engine.command.Command;
import dev.stockhold.gateway.Json;
import dev.stockhold.gateway.TestServer;
import dev.stockhold.gateway.push.FakeMarketplace;
import dev.stockhold.gateway.push.FakeMarketplace.Answer;
import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.gateway.server.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.stockhold.gateway.push.FakeMarketplace.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel's push over the binary protocol and the Java client, against a real server that delivers to a real
 * HTTP endpoint on 127.0.0.1: the settings as put and answered (the secret never), the progress and its dead
 * letters as HTTP shows them, their release by a put, the errors and the scopes.
 */
class BinaryPushTest
{
    private static final String SECRET = "whsec_binary";
    private static TestServer server;
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception
    {
        server = new TestServer();
        client = TestClient.connect("127.0.0.1", server.server.binaryAddress().getPort());
    }

    @AfterAll
    static void stop() throws Exception
    {
        client.close();
        server.close();
    }

    private static Result call(final CompletableFuture<Result> answer) throws Exception
    {
        return answer.get(30, TimeUnit.SECONDS);
    }

    private static <T extends Result> T ok(final Class<T> type, final CompletableFuture<Result> answer)
        throws Exception
    {
        final Result result = call(answer);
        assertTrue(type.isInstance(result), () -> "expected " + type.getSimpleName() + ", got " + result);
        return type.cast(result);
    }

    private static void refused(final ResultCode expected, final CompletableFuture<Result> answer) throws Exception
    {
        final Result result = call(answer);
        assertEquals(expected, result.code(), result::toString);
    }

    private static Result.Channel pushTo(final StockholdClient on, final String channel, final PushSettings push)
        throws Exception
    {
        final Result.Channels put = ok(Result.Channels.class,
            on.submit(PutChannelRequest.builder(channel).push(push).build()));
        return put.channels().get(0);
    }

    private static Result.Push progress(final String channel) throws Exception
    {
        return ok(Result.Push.class, client.client().submit(new GetPushRequest(channel)));
    }

    private static Map<String, Object> httpProgress(final String channel) throws Exception
    {
        final HttpResponse<String> answer = server.get("/v1/channels/" + channel + "/push");
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.object(answer.body());
    }

    @Test
    void theSettingsAreAnsweredWithoutTheSecretAndAPutWithoutPushStopsIt() throws Exception
    {
        final PushSettings settings = new PushSettings("http://127.0.0.1:9/hook", SECRET, 7, 3, 50);
        final Result.Channel put = pushTo(client.client(), "bp-settings", settings);
        assertEquals(new Result.ChannelPush("http://127.0.0.1:9/hook", 7, 3, 50), put.push());
        final Result.Channels read = ok(Result.Channels.class,
            client.client().submit(new GetChannelRequest("bp-settings")));
        assertEquals(put, read.channels().get(0));
        assertTrue(!read.toString().contains(SECRET), "the secret is write-only: " + read);
        final Map<String, Object> overHttp = Json.object(server.get("/v1/channels/bp-settings").body());
        assertEquals(Map.of("url", "http://127.0.0.1:9/hook", "secret", "***", "ratePerSecond", 7L, "burst", 3L,
            "maxListings", 50L), overHttp.get("push"));

        final Result.Channel defaults = pushTo(client.client(), "bp-settings",
            PushSettings.of("https://example.invalid/x", SECRET));
        assertEquals(new Result.ChannelPush("https://example.invalid/x", 10, 10, 200), defaults.push());

        final Result.Channel stopped = ok(Result.Channels.class,
            client.client().submit(PutChannelRequest.builder("bp-settings").build())).channels().get(0);
        assertNull(stopped.push(), "a put without push stops pushing");
        assertNull(Json.object(server.get("/v1/channels/bp-settings").body()).get("push"));
    }

    @Test
    void progressAndDeadLettersMatchHttpAndAPutReleasesThem() throws Exception
    {
        ok(Result.Levels.class, client.setOnHand("BP-A", "W1", 10));
        ok(Result.Levels.class, client.setOnHand("BP-B", "W1", 10));
        ok(Result.Channels.class, client.putChannel("bp-dead", null, 0, 100, Result.NO_CAP, false));
        ok(Result.Listing.class, client.bindListing("bp-dead", "BAD", "BP-A"));
        ok(Result.Listing.class, client.bindListing("bp-dead", "GOOD", "BP-B"));
        try (FakeMarketplace market = new FakeMarketplace())
        {
            market.answer(r -> Answer.status(r.body().contains("\"BAD\"") ? 422 : 200));
            pushTo(client.client(), "bp-dead", new PushSettings(market.url(), SECRET, 100, 100, 1));
            assertTrue(await(15, () -> progress("bp-dead").deadLetters().size() == 1
                && progress("bp-dead").pendingListings() == 0));

            final Result.Push parked = progress("bp-dead");
            assertEquals("bp-dead", parked.channel());
            final Result.DeadLetter dead = parked.deadLetters().get(0);
            assertEquals("BAD", dead.listingId());
            assertEquals(422, dead.status());
            assertEquals("HTTP 422", parked.lastError());
            assertTrue(parked.acknowledgedSeq() > 0, "GOOD was acknowledged: " + parked);
            final Map<String, Object> http = httpProgress("bp-dead");
            assertEquals(parked.acknowledgedSeq(), http.get("acknowledgedSeq"));
            assertEquals(parked.pendingListings(), http.get("pendingListings"));
            assertEquals(parked.lastError(), http.get("lastError"));
            final Map<?, ?> httpDead = (Map<?, ?>)((List<?>)http.get("deadLetters")).get(0);
            assertEquals("BAD", httpDead.get("listingId"));
            assertEquals(422L, httpDead.get("status"));
            assertEquals(dead.atMillis(), Instant.parse((String)httpDead.get("at")).toEpochMilli());

            market.answer(r -> Answer.status(200));
            pushTo(client.client(), "bp-dead", new PushSettings(market.url(), SECRET, 100, 100, 1));
            assertTrue(await(15, () -> Long.valueOf(10).equals(market.latest().get("BAD"))
                && progress("bp-dead").pendingListings() == 0 && progress("bp-dead").lastError() == null),
                "released by the put over the binary protocol, with its current value");
            final Result.Push released = progress("bp-dead");
            assertEquals(List.of(), released.deadLetters());
            // BAD's value is older than GOOD's: its delivery does not raise the largest acknowledged seq.
            assertEquals(parked.acknowledgedSeq(), released.acknowledgedSeq(), released.toString());
            assertEquals(0, released.lagMillis());
        }
    }

    @Test
    void badPushSettingsAreRefusedAndChangeNothing() throws Exception
    {
        final Result.Channel before = ok(Result.Channels.class,
            client.putChannel("bp-bad", null, 0, 100, Result.NO_CAP, false)).channels().get(0);
        final StockholdClient java = client.client();
        refused(ResultCode.INVALID_REQUEST, java.submit(PutChannelRequest.builder("bp-bad")
            .push(PushSettings.of("ftp://127.0.0.1/x", SECRET)).build()));
        refused(ResultCode.INVALID_REQUEST, java.submit(PutChannelRequest.builder("bp-bad")
            .push(PushSettings.of("http://127.0.0.1/x", "")).build()));
        refused(ResultCode.INVALID_QUANTITY, java.submit(PutChannelRequest.builder("bp-bad")
            .push(new PushSettings("http://127.0.0.1/x", SECRET, 10_001, 10, 200)).build()));
        refused(ResultCode.INVALID_QUANTITY, java.submit(PutChannelRequest.builder("bp-bad")
            .push(new PushSettings("http://127.0.0.1/x", SECRET, 10, 10, 0)).build()));
        assertEquals(before, ok(Result.Channels.class, java.submit(new GetChannelRequest("bp-bad"))).channels().get(0));
        refused(ResultCode.CHANNEL_NOT_FOUND, java.submit(new GetPushRequest("bp-no-such")));
        refused(ResultCode.INVALID_REQUEST, java.submit(new GetPushRequest("bp/bad")));
        final Result.Push none = progress("bp-bad");
        assertEquals(new Result.Push(none.sequence(), "bp-bad", 0, 0, List.of(), null, 0), none,
            "a channel without push has nothing pending");
    }

    @Test
    void anOrdinaryServerRefusesARecordedPushOutcome() throws Exception
    {
        pushTo(client.client(), "bp-outcome", PushSettings.of("http://127.0.0.1:9/hook", SECRET));
        final Result.Push before = progress("bp-outcome");
        final Command outcome = new Command().pushOutcome("bp-outcome", "d-1", 200, null);
        outcome.pushed.add("L-1", "S-1", 5, before.sequence());
        refused(ResultCode.FORBIDDEN, client.submit(outcome));
        final Result.Push after = progress("bp-outcome");
        assertEquals(before.acknowledgedSeq(), after.acknowledgedSeq(), "only a replay target takes push outcomes");
        assertEquals(before.lastError(), after.lastError());
    }

    @Test
    void settingPushNeedsStockAndReadingItNeedsRead() throws Exception
    {
        try (TestServer keyed = new TestServer(ServerSettings.defaults().withKeys(new ApiKeys(List.of(
            new ApiKey(1, "reader", EnumSet.of(Scope.READ)),
            new ApiKey(2, "stocker", EnumSet.of(Scope.STOCK))))));
             TestClient reader = TestClient.connect("127.0.0.1", keyed.server.binaryAddress().getPort(), "reader");
             TestClient stocker = TestClient.connect("127.0.0.1", keyed.server.binaryAddress().getPort(), "stocker"))
        {
            final PushSettings push = PushSettings.of("http://127.0.0.1:9/hook", SECRET);
            refused(ResultCode.FORBIDDEN,
                reader.client().submit(PutChannelRequest.builder("bp-keyed").push(push).build()));
            assertEquals(new Result.ChannelPush("http://127.0.0.1:9/hook", 10, 10, 200),
                pushTo(stocker.client(), "bp-keyed", push).push());
            refused(ResultCode.FORBIDDEN, stocker.client().submit(new GetPushRequest("bp-keyed")));
            assertEquals(0, ok(Result.Push.class, reader.client().submit(new GetPushRequest("bp-keyed")))
                .pendingListings());
            assertEquals(403, keyed.as("stocker").get("/v1/channels/bp-keyed/push").statusCode(),
                "the same scope over HTTP");
        }
    }
}
