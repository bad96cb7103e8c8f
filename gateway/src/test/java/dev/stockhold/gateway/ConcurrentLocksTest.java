package dev.stockhold.gateway;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 64 HTTP clients race for 1,000 units of one SKU: exactly 1,000 are locked, never one more. */
class ConcurrentLocksTest
{
    private static final int CLIENTS = 64;
    private static final int UNITS = 1000;

    @Test
    void noOversellUnderContention() throws Exception
    {
        final TestServer server = SharedServer.get();
        server.put("/v1/stock/HOT/W1", "{\"onHand\":" + UNITS + "}");
        final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        final CountDownLatch go = new CountDownLatch(1);
        final List<Future<int[]>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++)
        {
            final int client = c;
            results.add(pool.submit(() ->
            {
                final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                final URI uri = server.uri("/v1/reservations");
                go.await();
                int locked = 0;
                int refused = 0;
                for (int i = 0; refused == 0; i++)
                {
                    final String body = "{\"orderId\":\"HOT-" + client + "-" + i + "\",\"lines\":[{\"sku\":\"HOT\","
                        + "\"warehouse\":\"W1\",\"quantity\":1}]}";
                    final HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201)
                    {
                        locked++;
                    }
                    else
                    {
                        assertEquals(409, response.statusCode(), response.body());
                        assertEquals("ERR_INSUFFICIENT_STOCK", Json.object(response.body()).get("code"));
                        refused++;
                    }
                }
                return new int[] {locked, refused};
            }));
        }
        go.countDown();
        int locked = 0;
        int refused = 0;
        for (final Future<int[]> result : results)
        {
            final int[] counts = result.get(60, TimeUnit.SECONDS);
            locked += counts[0];
            refused += counts[1];
        }
        pool.shutdown();
        assertEquals(UNITS, locked);
        assertEquals(CLIENTS, refused);
        final Map<String, Object> level = Json.object(server.get("/v1/stock/HOT/W1").body());
        assertEquals((long)UNITS, level.get("reserved"));
        assertEquals(0L, level.get("available"));
    }
}
