package dev.stockhold.gateway;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.stockhold.gateway.StockApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operations endpoints, routing errors, limits and HTTP/1.1 connection behaviour. */
class OperationsAndRoutingTest
{
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = SharedServer.get();
    }

    @Test
    void healthReadyMetrics() throws Exception
    {
        assertEquals(200, server.get("/health").statusCode());
        assertEquals(200, server.get("/ready").statusCode());
        server.put("/v1/stock/MET/W1", "{\"onHand\":1}");
        final HttpResponse<String> metrics = server.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        for (final String name : new String[] {"stockhold_commands_total{result=\"OK\",type=\"SET_STOCK\"}",
            "stockhold_http_request_duration_seconds_bucket", "stockhold_ring_occupancy", "stockhold_journal_lag",
            "stockhold_open_reservations", "stockhold_http_connections"})
        {
            assertTrue(metrics.body().contains(name), name + " in\n" + metrics.body());
        }
        final HttpResponse<String> openApi = server.get("/openapi.yaml");
        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().startsWith("openapi: 3.1"), openApi.body());
    }

    @Test
    void aSingleProcessServerShowsItselfAsStandaloneInTheClusterView() throws Exception
    {
        final HttpResponse<String> cluster = server.get("/v1/cluster");
        assertEquals(200, cluster.statusCode());
        assertTrue(cluster.body().matches("\\{\"node\":null,\"role\":\"STANDALONE\",\"leader\":null,\"term\":null,"
            + "\"members\":\\[],\"lastSequence\":\\d+,\"digest\":\"[0-9a-f]{16}\",\"commitPosition\":null}"),
            cluster.body());
        final long before = Long.parseLong(server.put("/v1/stock/CLV/W1", "{\"onHand\":1}").headers()
            .firstValue("Stockhold-Seq").orElseThrow());
        final String after = server.get("/v1/cluster").body();
        assertTrue(Long.parseLong(after.replaceAll(".*\"lastSequence\":(\\d+).*", "$1")) > before, after);
        assertProblem(server.post("/v1/cluster", "{}"), 405, "ERR_METHOD_NOT_ALLOWED");
    }

    @Test
    void unknownPathsAndMethods() throws Exception
    {
        assertProblem(server.get("/v2/stock/A/B"), 404, "ERR_NOT_FOUND");
        assertProblem(server.get("/v1/stock/A/B/C/D"), 404, "ERR_NOT_FOUND");
        assertProblem(server.get("/v1/stock/A/B/"), 404, "ERR_NOT_FOUND");
        assertProblem(server.get("/"), 404, "ERR_NOT_FOUND");
        final HttpResponse<String> wrong = server.send("DELETE", "/v1/stock/A/B", null, null);
        assertProblem(wrong, 405, "ERR_METHOD_NOT_ALLOWED");
        assertEquals("GET, PUT", wrong.headers().firstValue("Allow").orElse(""));
        assertProblem(server.get("/v1/reservations"), 405, "ERR_METHOD_NOT_ALLOWED");
        assertProblem(server.post("/v1/stock/A/B", "{}"), 405, "ERR_METHOD_NOT_ALLOWED");
        assertProblem(server.get("/v1/stock/A/B/adjust"), 405, "ERR_METHOD_NOT_ALLOWED");
        assertProblem(server.post("/health", "{}"), 405, "ERR_METHOD_NOT_ALLOWED");
    }

    @Test
    void oversizedBodyIs413AndTheConnectionStaysUsable() throws Exception
    {
        final String big = "{\"onHand\":1,\"x\":\"" + "a".repeat(1 << 20) + "\"}";
        assertProblem(server.put("/v1/stock/BIG/W1", big), 413, "ERR_PAYLOAD_TOO_LARGE");
        assertProblem(server.get("/v1/stock/BIG/W1"), 404, "ERR_SKU_NOT_FOUND");
        try (RawHttp raw = new RawHttp(server.server.httpAddress().getPort()))
        {
            raw.write("PUT /v1/stock/BIG/W1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n");
            assertTrue(raw.readResponse().contains("ERR_PAYLOAD_TOO_LARGE"));
            raw.write(RawHttp.request("GET", "/health", null));
            assertTrue(raw.readResponse().startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void headIsGetWithoutTheBodyAndKeepsTheConnectionInStep() throws Exception
    {
        server.put("/v1/stock/HEAD/W1", "{\"onHand\":3}");
        final String level = server.get("/v1/stock/HEAD/W1").body();
        try (RawHttp raw = new RawHttp(server.server.httpAddress().getPort()))
        {
            // Pipelined: a body sent after a HEAD's head would be read as the next answer.
            raw.write(RawHttp.request("HEAD", "/health", null) + RawHttp.request("HEAD", "/v1/stock/HEAD/W1", null)
                + RawHttp.request("HEAD", "/v1/reservations", null) + RawHttp.request("HEAD", "/v1/changes", null)
                + RawHttp.request("GET", "/v1/stock/HEAD/W1", null));
            final String health = raw.readHead();
            assertTrue(health.startsWith("HTTP/1.1 200"), health);
            assertTrue(health.contains("Content-Length: 15\r\n"), health);
            final String cell = raw.readHead();
            assertTrue(cell.startsWith("HTTP/1.1 200"), cell);
            assertTrue(cell.contains("Content-Length: " + level.length() + "\r\n"), cell);
            final String post = raw.readHead();
            assertTrue(post.startsWith("HTTP/1.1 405"), post);
            assertTrue(post.contains("Allow: POST"), post);
            assertTrue(raw.readHead().startsWith("HTTP/1.1 200"));
            final String get = raw.readResponse();
            assertTrue(get.startsWith("HTTP/1.1 200") && get.endsWith(level), get);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception
    {
        server.put("/v1/stock/PIPE/W1", "{\"onHand\":1000}");
        try (RawHttp raw = new RawHttp(server.server.httpAddress().getPort()))
        {
            final StringBuilder burst = new StringBuilder();
            final List<String> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++)
            {
                switch (i % 4)
                {
                    case 0 -> burst.append(RawHttp.request("POST", "/v1/stock/PIPE/W1/adjust", "{\"onHandDelta\":1}"));
                    case 1 -> burst.append(RawHttp.request("GET", "/health", null));
                    case 2 -> burst.append(RawHttp.request("GET", "/nope", null));
                    default -> burst.append(RawHttp.request("PUT", "/v1/stock/PIPE/W1", "{\"onHand\":\"x\"}"));
                }
                expected.add(switch (i % 4)
                {
                    case 0 -> "HTTP/1.1 200";
                    case 1 -> "{\"status\":\"UP\"}";
                    case 2 -> "ERR_NOT_FOUND";
                    default -> "ERR_INVALID_QUANTITY";
                });
            }
            raw.write(burst.toString());
            long lastOnHand = 1000;
            for (int i = 0; i < 200; i++)
            {
                final String response = raw.readResponse();
                assertTrue(response.contains(expected.get(i)), i + ": " + response);
                if (i % 4 == 0)
                {
                    final Map<String, Object> level = Json.object(response.substring(response.indexOf("\r\n\r\n") + 4));
                    assertEquals(lastOnHand + 1, level.get("onHand"));
                    lastOnHand++;
                }
            }
        }
    }

    @Test
    void connectionCloseAndMalformedRequests() throws Exception
    {
        try (RawHttp raw = new RawHttp(server.server.httpAddress().getPort()))
        {
            raw.write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            final String response = raw.readResponse();
            assertTrue(response.contains("Connection: close"), response);
            assertTrue(raw.closedByServer());
        }
        try (RawHttp raw = new RawHttp(server.server.httpAddress().getPort()))
        {
            raw.write("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(20_000) + "\r\n\r\n");
            assertTrue(raw.readResponse().contains("ERR_INVALID_REQUEST"));
            assertTrue(raw.closedByServer());
        }
    }
}
