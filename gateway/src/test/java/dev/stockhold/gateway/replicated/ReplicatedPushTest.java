package dev.stockhold.gateway.replicated;

import dev.stockhold.gateway.crash.ServerProcess;
import dev.stockhold.gateway.push.FakeMarketplace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static dev.stockhold.gateway.push.FakeMarketplace.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Push on three real servers in cluster mode: a channel configured through a follower is pushed by the leader,
 * and after the leader is killed the new leader pushes the next change, resuming from what the log says was
 * acknowledged. Every delivery carries a valid signature, and each listing's seq never goes down.
 */
class ReplicatedPushTest
{
    private static final String SECRET = "push-secret-in-a-cluster";

    @TempDir
    Path dir;

    @Test
    void theLeaderPushesAndANewLeaderTakesOverAfterAKill() throws Exception
    {
        try (ThreeNodes cluster = new ThreeNodes("push", dir, System.nanoTime()).start();
             FakeMarketplace market = new FakeMarketplace())
        {
            final int leaderId = cluster.awaitLeader(Duration.ofSeconds(30));
            final ServerProcess follower = cluster.node((leaderId + 1) % 3);
            ok(follower.send("PUT", "/v1/stock/A1/CN-SZ", "{\"onHand\":100}"));
            ok(follower.send("PUT", "/v1/channels/ae", "{\"push\":{\"url\":\"" + market.url() + "\",\"secret\":\""
                + SECRET + "\",\"ratePerSecond\":100,\"burst\":100}}"));
            ok(follower.send("PUT", "/v1/channels/ae/listings/L1", "{\"sku\":\"A1\"}"));
            assertTrue(await(30, () -> Long.valueOf(100).equals(market.latest().get("L1"))),
                "the leader delivered the bound listing's 100: " + market.latest());
            assertTrue(await(30, () -> follower.send("GET", "/v1/channels/ae/push", null).body()
                .contains("\"pendingListings\":0")), "acknowledged on every member");

            cluster.node(leaderId).kill();
            final int newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
            final ServerProcess survivor = cluster.node(newLeader == (leaderId + 1) % 3 ? (leaderId + 2) % 3
                : (leaderId + 1) % 3);
            ok(survivor.send("PUT", "/v1/stock/A1/CN-SZ", "{\"onHand\":40}"));
            assertTrue(await(30, () -> Long.valueOf(40).equals(market.latest().get("L1"))),
                "the new leader " + newLeader + " delivered the change: " + market.latest());
            assertTrue(await(30, () -> survivor.send("GET", "/v1/channels/ae/push", null).body()
                .contains("\"pendingListings\":0")), "the new leader's delivery is acknowledged");

            long lastSeq = -1;
            for (final FakeMarketplace.Received delivery : market.received())
            {
                final String[] parts = delivery.signature().split(",v1=");
                assertEquals(FakeMarketplace.expectedSignature(SECRET, parts[0].substring(2), delivery.body()),
                    parts[1], "signed with the channel's secret");
                for (final var listing : delivery.listings())
                {
                    final long seq = (Long)listing.get("seq");
                    assertTrue(seq >= lastSeq, "seq never goes down: " + market.received());
                    lastSeq = seq;
                }
            }
        }
    }

    private static HttpResponse<String> ok(final HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }
}
