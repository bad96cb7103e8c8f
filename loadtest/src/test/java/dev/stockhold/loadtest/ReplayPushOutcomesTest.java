package dev.stockhold.loadtest;

import dev.stockhold.client.Result;
import dev.stockhold.client.StockholdClient;
import dev.stockhold.client.request.GetPushRequest;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.gateway.Json;
import dev.stockhold.gateway.push.FakeMarketplace;
import dev.stockhold.gateway.push.FakeMarketplace.Answer;
import dev.stockhold.gateway.server.Server;
import dev.stockhold.gateway.server.ServerSettings;
import dev.stockhold.loadtest.replay.CommandSource;
import dev.stockhold.loadtest.replay.JournalSources;
import dev.stockhold.loadtest.replay.Replay;
import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.server.LocalServer;
import dev.stockhold.loadtest.targets.HttpTarget;
import dev.stockhold.loadtest.targets.SbeTarget;
import dev.stockhold.loadtest.targets.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.stockhold.gateway.push.FakeMarketplace.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal recorded by a real server that pushed to a real endpoint on 127.0.0.1 (acknowledged deliveries, a
 * refused one parked as a dead letter, its release by a PUT) holds push outcomes, which no client can send.
 * Replayed over HTTP or to an ordinary binary server they are skipped and reported as internal, and every answer,
 * cell and listing still matches; replayed to a replay target they are sent in their recorded place, the target
 * pushes nothing itself, and its push progress and state digest are the recording's.
 */
class ReplayPushOutcomesTest
{
    private static final String CHANNEL = "pushed";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path recordedDir;
    private static FakeMarketplace market;
    private static Map<String, Object> recordedProgress;
    private static long recordedDigest;
    private static long outcomes;

    @BeforeAll
    static void record() throws Exception
    {
        market = new FakeMarketplace();
        market.answer(r -> Answer.status(r.body().contains("\"L-BAD\"") ? 422 : 200));
        final Server server = Server.start(ServerSettings.defaults().withPorts(0, 0).withDataDir(recordedDir));
        try
        {
            final String base = "http://127.0.0.1:" + server.httpAddress().getPort();
            ok(send(base, "PUT", "/v1/stock/P-A/W1", "{\"onHand\":10}"));
            ok(send(base, "PUT", "/v1/stock/P-B/W1", "{\"onHand\":20}"));
            ok(send(base, "PUT", "/v1/channels/" + CHANNEL, "{}"));
            ok(send(base, "PUT", "/v1/channels/" + CHANNEL + "/listings/L-GOOD", "{\"sku\":\"P-A\"}"));
            ok(send(base, "PUT", "/v1/channels/" + CHANNEL + "/listings/L-BAD", "{\"sku\":\"P-B\"}"));
            final String push = "{\"push\":{\"url\":\"" + market.url() + "\",\"secret\":\"whsec_replay\","
                + "\"ratePerSecond\":100,\"burst\":100,\"maxListings\":1}}";
            ok(send(base, "PUT", "/v1/channels/" + CHANNEL, push));
            assertTrue(await(15, () -> progress(base).get("deadLetters") instanceof List<?> dead && dead.size() == 1
                && (Long)progress(base).get("pendingListings") == 0), "L-BAD parked, L-GOOD acknowledged");
            ok(send(base, "POST", "/v1/reservations",
                "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"P-A\",\"warehouse\":\"W1\",\"quantity\":3}]}"));
            assertTrue(await(15, () -> Long.valueOf(7).equals(market.latest().get("L-GOOD"))
                && (Long)progress(base).get("pendingListings") == 0));
            market.answer(r -> Answer.status(200));
            ok(send(base, "PUT", "/v1/channels/" + CHANNEL, push));
            assertTrue(await(15, () -> Long.valueOf(20).equals(market.latest().get("L-BAD"))
                && (Long)progress(base).get("pendingListings") == 0 && progress(base).get("lastError") == null),
                "the PUT released the dead letter");
            // A last refused delivery, so the recording ends with an error and a dead letter in its push state.
            market.answer(r -> Answer.status(400));
            ok(send(base, "POST", "/v1/reservations",
                "{\"orderId\":\"o-2\",\"lines\":[{\"sku\":\"P-B\",\"warehouse\":\"W1\",\"quantity\":2}]}"));
            assertTrue(await(15, () -> progress(base).get("deadLetters") instanceof List<?> dead && dead.size() == 1
                && progress(base).get("lastError") != null));
            recordedProgress = progress(base);
        }
        finally
        {
            server.close();
        }
        recordedDigest = digestOf(recordedDir);
        outcomes = count(CommandType.PUSH_OUTCOME);
        assertTrue(outcomes >= 4, "the journal holds the pusher's outcomes: " + outcomes);
    }

    @AfterAll
    static void stop()
    {
        market.close();
    }

    @Test
    void overHttpPushOutcomesAreSkippedAsInternalAndEverythingElseMatches() throws Exception
    {
        final Report report;
        try (HttpServerFixture fresh = new HttpServerFixture();
             HttpTarget target = new HttpTarget(fresh.url(), 1))
        {
            report = replay(target, false);
        }
        System.out.print(report.summary());
        assertTrue(report.passed(), report.summary());
        assertTrue(report.summary().contains("0 mismatches of"), report.summary());
        assertTrue(report.summary().contains(outcomes + " internal, not replayable"), report.summary());
        assertTrue(report.summary().contains("2 listings equal"), report.summary());
    }

    @Test
    void toAnOrdinaryBinaryServerPushOutcomesAreSkippedAsInternal() throws Exception
    {
        final Report report;
        try (LocalServer fresh = new LocalServer("127.0.0.1", 0, false);
             SbeTarget target = new SbeTarget("127.0.0.1", URI.create(fresh.sbeUrl()).getPort(), 1))
        {
            report = replay(target, false);
        }
        System.out.print(report.summary());
        assertTrue(report.passed(), report.summary());
        assertTrue(report.summary().contains(outcomes + " internal, not replayable"), report.summary());
    }

    @Test
    void aReplayTargetTakesThePushOutcomesAndRebuildsThePushProgressExactly(@TempDir final Path replayDir)
        throws Exception
    {
        final int deliveries = market.received().size();
        final Report report;
        final Result.Push progress;
        final Server fresh = Server.start(ServerSettings.defaults().withPorts(0, 0).withDataDir(replayDir)
            .withReplayTarget(true));
        try
        {
            final int port = fresh.binaryAddress().getPort();
            try (SbeTarget target = new SbeTarget("127.0.0.1", port, 1))
            {
                report = replay(target, true);
            }
            try (StockholdClient client = StockholdClient.builder().host("127.0.0.1").port(port).build())
            {
                progress = (Result.Push)client.submit(new GetPushRequest(CHANNEL)).get(30, TimeUnit.SECONDS);
            }
        }
        finally
        {
            fresh.close();
        }
        System.out.print(report.summary());
        assertTrue(report.passed(), report.summary());
        assertTrue(report.summary().contains(outcomes + " replayed in their recorded place"), report.summary());
        assertTrue(report.summary().contains("[PASS] state digest as recorded"), report.summary());
        assertTrue(report.summary().contains(String.format("recorded %x", recordedDigest)),
            "the offline ledger's digest is the recorded server's: " + report.summary());

        assertEquals(recordedProgress.get("acknowledgedSeq"), progress.acknowledgedSeq());
        assertEquals(recordedProgress.get("pendingListings"), progress.pendingListings());
        assertEquals(recordedProgress.get("lastError"), progress.lastError());
        final Map<?, ?> dead = (Map<?, ?>)((List<?>)recordedProgress.get("deadLetters")).get(0);
        assertEquals(1, progress.deadLetters().size(), progress.toString());
        assertEquals(dead.get("listingId"), progress.deadLetters().get(0).listingId());
        assertEquals(dead.get("status"), (long)progress.deadLetters().get(0).status());
        assertEquals(Instant.parse((String)dead.get("at")).toEpochMilli(), progress.deadLetters().get(0).atMillis(),
            "parked at the recorded time");
        Thread.sleep(300);
        assertEquals(deliveries, market.received().size(), "a replay target pushes nothing itself");
    }

    private static Report replay(final Target target, final boolean replayTarget) throws Exception
    {
        try (CommandSource source = JournalSources.open(recordedDir))
        {
            return new Replay(target, 0, LedgerConfig.defaults(), new PrintStream(System.out, true), replayTarget)
                .run(source);
        }
    }

    /** @return the digest of the state the journal in {@code dir} rebuilds, every command applied. */
    private static long digestOf(final Path dir) throws Exception
    {
        final Ledger ledger = new Ledger(LedgerConfig.defaults());
        try (CommandSource source = JournalSources.open(dir))
        {
            final Command command = new Command();
            while (source.next(command))
            {
                ledger.apply(command);
            }
        }
        return ledger.digest();
    }

    private static long count(final CommandType type) throws Exception
    {
        long count = 0;
        try (CommandSource source = JournalSources.open(recordedDir))
        {
            final Command command = new Command();
            while (source.next(command))
            {
                count += command.type == type ? 1 : 0;
            }
        }
        return count;
    }

    private static Map<String, Object> progress(final String base) throws Exception
    {
        return Json.object(ok(send(base, "GET", "/v1/channels/" + CHANNEL + "/push", null)).body());
    }

    private static HttpResponse<String> ok(final HttpResponse<String> response)
    {
        assertTrue(response.statusCode() / 100 == 2, response.statusCode() + " " + response.body());
        return response;
    }

    private static HttpResponse<String> send(final String base, final String method, final String path,
        final String body) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null)
        {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
