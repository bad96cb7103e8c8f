package dev.stockhold.gateway;

import dev.stockhold.engine.command.Command;
import dev.stockhold.client.ResultCode;
import dev.stockhold.client.Result;
import dev.stockhold.gateway.binary.TestClient;
import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.RateLimit;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.gateway.server.ServerThreads;
import dev.stockhold.gateway.server.ServerSettings;
import dev.stockhold.gateway.server.SnapshotPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static dev.stockhold.gateway.StockApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bearer keys and scopes; and the refusal to serve a network without keys. */
class AuthTest
{
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = new TestServer(ServerSettings.defaults().withKeys(new ApiKeys(List.of(
            new ApiKey(1, "reader", EnumSet.of(Scope.READ)),
            new ApiKey(2, "stocker", EnumSet.of(Scope.STOCK)),
            new ApiKey(3, "erp", EnumSet.of(Scope.READ, Scope.RESERVE)),
            new ApiKey(4, "root", EnumSet.of(Scope.ADMIN)),
            new ApiKey(5, "slow", EnumSet.of(Scope.ADMIN), new RateLimit(2, 3))))));
    }

    @AfterAll
    static void stop() throws Exception
    {
        server.close();
    }

    @Test
    void keysAndScopes() throws Exception
    {
        assertProblem(server.as(null).get("/v1/stock/A/W"), 401, "ERR_UNAUTHORIZED");
        assertProblem(server.as("wrong").get("/v1/stock/A/W"), 401, "ERR_UNAUTHORIZED");
        assertEquals("Bearer realm=\"stockhold\"", server.as(null).get("/v1/stock/A/W").headers()
            .firstValue("WWW-Authenticate").orElse("missing"), "a 401 names the accepted scheme (RFC 9110)");
        assertProblem(server.as("reader").put("/v1/stock/A/W", "{\"onHand\":5}"), 403, "ERR_FORBIDDEN");
        assertEquals(200, server.as("stocker").put("/v1/stock/A/W", "{\"onHand\":5}").statusCode());
        assertProblem(server.as("stocker").get("/v1/stock/A/W"), 403, "ERR_FORBIDDEN");
        assertEquals(200, server.as("reader").get("/v1/stock/A/W").statusCode());
        final String lock = "{\"orderId\":\"O1\",\"lines\":[{\"sku\":\"A\",\"warehouse\":\"W\",\"quantity\":1}]}";
        assertProblem(server.as("reader").post("/v1/reservations", lock), 403, "ERR_FORBIDDEN");
        assertEquals(201, server.as("erp").post("/v1/reservations", lock).statusCode());
        assertEquals(200, server.as("root").post("/v1/reservations/O1/release", "{}").statusCode());
        assertEquals(200, server.as(null).get("/health").statusCode());
        assertEquals(200, server.as(null).get("/ready").statusCode());
    }

    @Test
    void channelEndpointsWriteWithStockReadWithReadAndLockWithReserve() throws Exception
    {
        assertEquals(200, server.as("stocker").put("/v1/stock/CHK/W", "{\"onHand\":5}").statusCode());
        final String[][] writes = {
            {"/v1/channels/auth-ch", "{}"},
            {"/v1/channels/auth-ch/listings/L1", "{\"sku\":\"CHK\"}"},
            {"/v1/channels/auth-ch/allocations/CHK/W", "{\"units\":1}"},
            {"/v1/kits/AUTH-KIT", "{\"components\":[{\"sku\":\"CHK\",\"quantity\":1}]}"}};
        for (final String[] write : writes)
        {
            assertProblem(server.as(null).put(write[0], write[1]), 401, "ERR_UNAUTHORIZED");
            assertProblem(server.as("reader").put(write[0], write[1]), 403, "ERR_FORBIDDEN");
            assertProblem(server.as("erp").put(write[0], write[1]), 403, "ERR_FORBIDDEN");
            assertEquals(200, server.as("stocker").put(write[0], write[1]).statusCode(), write[0]);
            assertProblem(server.as("stocker").get(write[0]), 403, "ERR_FORBIDDEN");
            assertEquals(200, server.as("reader").get(write[0]).statusCode(), write[0]);
        }
        assertEquals(200, server.as("reader").get("/v1/channels").statusCode());
        assertProblem(server.as("stocker").get("/v1/channels"), 403, "ERR_FORBIDDEN");
        assertProblem(server.as("reader").send("DELETE", "/v1/channels/auth-ch/listings/L1", null, null), 403,
            "ERR_FORBIDDEN");
        final String lock = "{\"orderId\":\"AUTH-L\",\"channel\":\"auth-ch\",\"lines\":[{\"listing\":\"L1\",\"quantity\":1}]}";
        assertProblem(server.as("stocker").post("/v1/reservations", lock), 403, "ERR_FORBIDDEN");
        assertEquals(201, server.as("erp").post("/v1/reservations", lock).statusCode());
        assertEquals(200, server.as("stocker").send("DELETE", "/v1/channels/auth-ch/listings/L1", null, null)
            .statusCode());
    }

    @Test
    void theBinaryProtocolAuthenticatesAndChecksScopesLikeHttp() throws Exception
    {
        server.as("root").put("/v1/stock/BIN/W", "{\"onHand\":10}");
        final String host = "127.0.0.1";
        final int port = server.server.binaryAddress().getPort();
        try (TestClient anonymous = TestClient.connect(host, port);
            TestClient reader = TestClient.connect(host, port);
            TestClient stocker = TestClient.connect(host, port))
        {
            assertFailure(ResultCode.UNAUTHORIZED, anonymous.lock("B1", "BIN", "W", 1));
            assertFailure(ResultCode.UNAUTHORIZED, anonymous.getStock("BIN", "W"));
            assertFailure(ResultCode.UNAUTHORIZED, anonymous.subscribe(Command.ABSENT, event -> { }));
            assertFailure(ResultCode.UNAUTHORIZED, anonymous.authenticate("wrong"));
            assertFailure(ResultCode.UNAUTHORIZED, anonymous.getStock("BIN", "W"));

            assertEquals(new Result.Authenticated(1), reader.authenticate("reader").get(10, TimeUnit.SECONDS));
            assertInstanceOf(Result.Levels.class, reader.getStock("BIN", "W").get(10, TimeUnit.SECONDS));
            assertFailure(ResultCode.FORBIDDEN, reader.lock("B1", "BIN", "W", 1));
            assertFailure(ResultCode.FORBIDDEN, reader.setOnHand("BIN", "W", 99));
            assertTrue(reader.subscribe(Command.ABSENT, event -> { }).get(10, TimeUnit.SECONDS).isOk());

            assertEquals(new Result.Authenticated(2), stocker.authenticate("stocker").get(10, TimeUnit.SECONDS));
            assertFailure(ResultCode.FORBIDDEN, stocker.getStock("BIN", "W"));
            assertInstanceOf(Result.Levels.class, stocker.setOnHand("BIN", "W", 12).get(10, TimeUnit.SECONDS));
        }
        // What was refused changed nothing: no reservation, the count the stocker set.
        final String cell = server.as("root").get("/v1/stock/BIN/W").body();
        assertTrue(cell.contains("\"onHand\":12,\"reserved\":0"), cell);
        assertProblem(server.as("root").get("/v1/reservations/B1"), 404, "ERR_ORDER_NOT_FOUND");
    }

    @Test
    void theBinaryProtocolChecksChannelScopesLikeHttp() throws Exception
    {
        assertEquals(200, server.as("stocker").put("/v1/stock/BCHK/W", "{\"onHand\":5}").statusCode());
        final String host = "127.0.0.1";
        final int port = server.server.binaryAddress().getPort();
        try (TestClient anonymous = TestClient.connect(host, port);
            TestClient reader = TestClient.connect(host, port);
            TestClient erp = TestClient.connect(host, port);
            TestClient stocker = TestClient.connect(host, port))
        {
            reader.authenticate("reader").get(10, TimeUnit.SECONDS);
            erp.authenticate("erp").get(10, TimeUnit.SECONDS);
            stocker.authenticate("stocker").get(10, TimeUnit.SECONDS);
            final List<Function<TestClient, CompletableFuture<Result>>> writes = List.of(
                c -> c.putChannel("bauth-ch", null, 0, 100, Result.NO_CAP, false),
                c -> c.bindListing("bauth-ch", "L1", "BCHK"),
                c -> c.setAllocation("bauth-ch", "BCHK", "W", 1),
                c -> c.putKit("BAUTH-KIT", List.of(new Result.KitComponent("BCHK", 1))));
            final List<Function<TestClient, CompletableFuture<Result>>> reads = List.of(
                c -> c.getChannel("bauth-ch"),
                c -> c.getListing("bauth-ch", "L1"),
                c -> c.getAllocation("bauth-ch", "BCHK", "W"),
                c -> c.getKit("BAUTH-KIT"),
                TestClient::listChannels);
            for (int i = 0; i < writes.size(); i++)
            {
                assertFailure(ResultCode.UNAUTHORIZED, writes.get(i).apply(anonymous));
                assertFailure(ResultCode.FORBIDDEN, writes.get(i).apply(reader));
                assertFailure(ResultCode.FORBIDDEN, writes.get(i).apply(erp));
                assertOk(writes.get(i).apply(stocker));
            }
            for (final Function<TestClient, CompletableFuture<Result>> read : reads)
            {
                assertFailure(ResultCode.UNAUTHORIZED, read.apply(anonymous));
                assertFailure(ResultCode.FORBIDDEN, read.apply(stocker));
                assertOk(read.apply(reader));
            }
            assertFailure(ResultCode.FORBIDDEN, reader.unbindListing("bauth-ch", "L1"));
            assertFailure(ResultCode.FORBIDDEN, stocker.lockListing("BAUTH-L", "bauth-ch", "L1", null, 1));
            assertFailure(ResultCode.FORBIDDEN, reader.lockListing("BAUTH-L", "bauth-ch", "L1", null, 1));
            assertOk(erp.lockListing("BAUTH-L", "bauth-ch", "L1", null, 1));
            assertOk(stocker.unbindListing("bauth-ch", "L1"));
        }
        // The refused unbind changed nothing: the lock by listing found the listing bound.
        final String reservation = server.as("root").get("/v1/reservations/BAUTH-L").body();
        assertTrue(reservation.contains("\"listing\":\"L1\""), reservation);
    }

    @Test
    void aKeyOverItsRateIsAnswered429WithRetryAfterAndChangesNothing() throws Exception
    {
        server.as("root").put("/v1/stock/RL/W", "{\"onHand\":100}");
        final String adjust = "{\"onHandDelta\":1}";
        // A burst of 3 at 2 per second: the first three go, the next is refused until a token is back.
        for (int i = 0; i < 3; i++)
        {
            assertEquals(200, server.as("slow").post("/v1/stock/RL/W/adjust", adjust).statusCode());
        }
        final var refused = server.as("slow").post("/v1/stock/RL/W/adjust", adjust);
        assertProblem(refused, 429, "ERR_RATE_LIMITED");
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
        assertEquals("\"per-key\";q=2;w=1", refused.headers().firstValue("RateLimit-Policy").orElse(null));
        assertEquals("\"per-key\";r=0;t=1", refused.headers().firstValue("RateLimit").orElse(null));
        assertTrue(server.as("root").get("/v1/stock/RL/W").body().contains("\"onHand\":103"), "the 429 changed nothing");
        // Other keys are not limited by it; the binary protocol counts against the same bucket.
        assertEquals(200, server.as("root").post("/v1/stock/RL/W/adjust", adjust).statusCode());
        try (TestClient client = TestClient.connect("127.0.0.1", server.server.binaryAddress().getPort()))
        {
            client.authenticate("slow").get(10, TimeUnit.SECONDS);
            assertFailure(ResultCode.RATE_LIMITED, client.getStock("RL", "W"));
        }
        Thread.sleep(600);
        assertEquals(200, server.as("slow").get("/v1/stock/RL/W").statusCode(), "a token is back after 0.5 s");
    }

    private static void assertFailure(final ResultCode code, final CompletableFuture<Result> answer) throws Exception
    {
        final Result result = answer.get(10, TimeUnit.SECONDS);
        assertEquals(code, result.code(), result.toString());
    }

    private static void assertOk(final CompletableFuture<Result> answer) throws Exception
    {
        final Result result = answer.get(10, TimeUnit.SECONDS);
        assertTrue(result.isOk(), result.toString());
    }

    @Test
    void idempotencyKeysAreScopedPerApiKey() throws Exception
    {
        server.as("root").put("/v1/stock/IK/W", "{\"onHand\":10}");
        assertEquals(200, server.as("stocker").send("POST", "/v1/stock/IK/W/adjust", "{\"onHandDelta\":1}", "same")
            .statusCode());
        final var other = server.as("root").send("POST", "/v1/stock/IK/W/adjust", "{\"onHandDelta\":2}", "same");
        assertEquals(200, other.statusCode(), other.body());
        assertEquals(13L, Json.object(other.body()).get("onHand"));
    }

    @Test
    void withoutKeysOnlyLoopback()
    {
        final ServerSettings open = new ServerSettings(server.dataDir, "0.0.0.0", 0, 0, ApiKeys.none(),
            ServerSettings.defaults().ledger(), ServerSettings.defaults().limits(), ServerSettings.defaults().journalMode(),
            SnapshotPolicy.DEFAULT, 180, 1, false, ServerThreads.forThisMachine(), 0, null, null);
        assertThrows(IllegalStateException.class, open::checkSecure);
        ServerSettings.defaults().checkSecure();
    }
}
