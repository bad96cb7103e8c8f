package dev.stockhold.gateway.crash;

import dev.stockhold.gateway.Json;
import dev.stockhold.gateway.push.FakeMarketplace;
import dev.stockhold.gateway.push.FakeMarketplace.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.stockhold.gateway.push.FakeMarketplace.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server process is killed (SIGKILL) while a channel's deliveries are pending (its endpoint answers
 * 503), and started again on its data directory with the endpoint answering 200: every listing's latest value
 * arrives. Killed again once caught up, it has nothing left to send: acknowledgements are journaled.
 */
class PushRestartTest
{
    private static final int LISTINGS = 30;

    private static Map<String, Object> ok(final HttpResponse<String> response)
    {
        assertTrue(response.statusCode() == 200 || response.statusCode() == 201, response.body());
        return Json.object(response.body());
    }

    /** @return every bound listing's published quantity; L1 is unbound, so 0. */
    private static Map<String, Long> published(final ServerProcess server) throws Exception
    {
        final Map<String, Long> values = new TreeMap<>();
        values.put("L1", 0L);
        for (int i = 0; i < LISTINGS; i++)
        {
            if (i == 1)
            {
                continue;
            }
            values.put("L" + i, (Long)ok(server.send("GET", "/v1/channels/shop/listings/L" + i, null))
                .get("published"));
        }
        return values;
    }

    private static Map<String, Object> progress(final ServerProcess server) throws Exception
    {
        return ok(server.send("GET", "/v1/channels/shop/push", null));
    }

    @Test
    void aKillWithDeliveriesPendingMissesNothing(@TempDir final Path dataDir) throws Exception
    {
        try (FakeMarketplace market = new FakeMarketplace())
        {
            market.answer(r -> Answer.status(503));
            final Map<String, Long> expected;
            try (ServerProcess server = ServerProcess.start("push-before-kill", dataDir, List.of()).awaitReady())
            {
                ok(server.send("PUT", "/v1/channels/shop", "{\"push\":{\"url\":\"" + market.url()
                    + "\",\"secret\":\"s\",\"maxListings\":7}}"));
                for (int i = 0; i < LISTINGS; i++)
                {
                    ok(server.send("PUT", "/v1/stock/P" + i + "/W1", "{\"onHand\":" + (100 + i) + "}"));
                    ok(server.send("PUT", "/v1/channels/shop/listings/L" + i, "{\"sku\":\"P" + i + "\"}"));
                }
                for (int i = 0; i < LISTINGS; i += 3)
                {
                    ok(server.send("POST", "/v1/reservations", "{\"orderId\":\"o" + i + "\",\"lines\":[{\"sku\":\"P" + i
                        + "\",\"quantity\":" + (1 + i) + "}]}"));
                }
                ok(server.send("DELETE", "/v1/channels/shop/listings/L1", null));
                assertTrue(await(10, () -> "HTTP 503".equals(progress(server).get("lastError"))));
                expected = published(server);
                assertEquals((long)LISTINGS, progress(server).get("pendingListings"));
                server.kill();
            }
            final int before = market.received().size();
            market.answer(r -> Answer.status(200));
            try (ServerProcess server = ServerProcess.start("push-after-kill", dataDir, List.of()).awaitReady())
            {
                assertTrue(await(30, () -> market.latest().equals(expected)
                    && (Long)progress(server).get("pendingListings") == 0), () -> market.latest() + " vs " + expected);
                assertTrue(market.received().size() > before, "delivered after the restart");
                final Map<String, Object> caughtUp = progress(server);
                assertEquals(null, caughtUp.get("lastError"));
                assertTrue((Long)caughtUp.get("acknowledgedSeq") > 0);
                server.kill();
                final int delivered = market.received().size();
                try (ServerProcess again = ServerProcess.start("push-after-second-kill", dataDir, List.of()).awaitReady())
                {
                    assertEquals(caughtUp.get("acknowledgedSeq"), progress(again).get("acknowledgedSeq"));
                    assertEquals(0L, progress(again).get("pendingListings"));
                    Thread.sleep(500);
                    assertEquals(delivered, market.received().size(), "nothing owed after the acknowledgements");
                }
            }
        }
    }
}
