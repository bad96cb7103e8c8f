package dev.stockhold.gateway;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stock endpoints of docs/api.md against a real server. */
class StockApiTest
{
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = SharedServer.get();
    }

    static void assertProblem(final HttpResponse<String> response, final int status, final String code)
    {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        final Map<String, Object> problem = Json.object(response.body());
        assertEquals(code, problem.get("code"), response.body());
        assertEquals((long)status, problem.get("status"));
        assertTrue(((String)problem.get("type")).startsWith("https://stockhold.dev/errors/"));
        assertTrue(problem.get("title") instanceof String);
        assertTrue(problem.get("detail") instanceof String);
    }

    @Test
    void putCreatesAndGetsALevelWithEveryField() throws Exception
    {
        final HttpResponse<String> put = server.put("/v1/stock/A1/CN-SZ",
            "{\"onHand\":100,\"inTransit\":20,\"safetyStock\":5}");
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("application/json", put.headers().firstValue("Content-Type").orElse(""));
        assertTrue(Long.parseLong(put.headers().firstValue("Stockhold-Seq").orElseThrow()) > 0);
        final Map<String, Object> level = Json.object(put.body());
        assertEquals(List.of("sku", "warehouse", "onHand", "reserved", "available", "inTransit", "presaleReserved",
            "presaleAvailable", "safetyStock", "allocated", "shortage", "version"), List.copyOf(level.keySet()));
        assertEquals("A1", level.get("sku"));
        assertEquals(100L, level.get("onHand"));
        assertEquals(95L, level.get("available"));
        assertEquals(20L, level.get("presaleAvailable"));
        assertEquals(1L, level.get("version"));

        final HttpResponse<String> get = server.get("/v1/stock/A1/CN-SZ");
        assertEquals(200, get.statusCode());
        assertEquals(put.body(), get.body());
        assertTrue(get.headers().firstValue("Stockhold-Seq").isEmpty(), "reads carry no sequence");
    }

    @Test
    void expectedVersionIsCompareAndSet() throws Exception
    {
        assertEquals(200, server.put("/v1/stock/CAS/W1", "{\"onHand\":1,\"expectedVersion\":0}").statusCode());
        assertProblem(server.put("/v1/stock/CAS/W1", "{\"onHand\":2,\"expectedVersion\":7}"), 409,
            "ERR_VERSION_CONFLICT");
        final HttpResponse<String> ok = server.put("/v1/stock/CAS/W1", "{\"onHand\":2,\"expectedVersion\":1}");
        assertEquals(2L, Json.object(ok.body()).get("version"));
        assertEquals(200, server.put("/v1/stock/EMPTY/W1", "{}").statusCode());
    }

    @Test
    void skuSummarySumsWarehouses() throws Exception
    {
        server.put("/v1/stock/SUM/W1", "{\"onHand\":10}");
        server.put("/v1/stock/SUM/W2", "{\"onHand\":5,\"inTransit\":3}");
        final HttpResponse<String> response = server.get("/v1/stock/SUM");
        assertEquals(200, response.statusCode(), response.body());
        final Map<String, Object> sku = Json.object(response.body());
        assertEquals(List.of("sku", "available", "onHand", "reserved", "inTransit", "warehouses"),
            List.copyOf(sku.keySet()));
        assertEquals(15L, sku.get("onHand"));
        assertEquals(15L, sku.get("available"));
        assertEquals(3L, sku.get("inTransit"));
        assertEquals(2, ((List<?>)sku.get("warehouses")).size());
        assertProblem(server.get("/v1/stock/NOPE"), 404, "ERR_SKU_NOT_FOUND");
        assertProblem(server.get("/v1/stock/NOPE/W1"), 404, "ERR_SKU_NOT_FOUND");
    }

    @Test
    void adjustAndReceive() throws Exception
    {
        server.put("/v1/stock/ADJ/W1", "{\"onHand\":10,\"inTransit\":20}");
        final HttpResponse<String> adjusted = server.post("/v1/stock/ADJ/W1/adjust",
            "{\"onHandDelta\":-3,\"inTransitDelta\":0,\"reason\":\"damaged\"}");
        assertEquals(200, adjusted.statusCode(), adjusted.body());
        assertEquals(7L, Json.object(adjusted.body()).get("onHand"));
        assertTrue(adjusted.headers().firstValue("Stockhold-Seq").isPresent());
        assertProblem(server.post("/v1/stock/ADJ/W1/adjust", "{\"onHandDelta\":-8}"), 400, "ERR_INVALID_QUANTITY");
        final HttpResponse<String> received = server.post("/v1/stock/ADJ/W1/receive", "{\"quantity\":20}");
        assertEquals(200, received.statusCode(), received.body());
        assertEquals(27L, Json.object(received.body()).get("onHand"));
        assertEquals(0L, Json.object(received.body()).get("inTransit"));
        assertProblem(server.post("/v1/stock/ADJ/W1/receive", "{\"quantity\":1}"), 400, "ERR_INVALID_QUANTITY");
        assertProblem(server.post("/v1/stock/ADJ/W1/receive", "{}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/stock/ADJ/NOPE/receive", "{\"quantity\":1}"), 404, "ERR_SKU_NOT_FOUND");
    }

    @Test
    void batchIsAtomicAndInRequestOrder() throws Exception
    {
        final HttpResponse<String> ok = server.post("/v1/stock:batch",
            "{\"items\":[{\"sku\":\"B2\",\"warehouse\":\"W1\",\"onHand\":2},{\"sku\":\"B1\",\"warehouse\":\"W1\",\"onHand\":1}]}");
        assertEquals(200, ok.statusCode(), ok.body());
        final List<?> items = (List<?>)Json.object(ok.body()).get("items");
        assertEquals("B2", ((Map<?, ?>)items.get(0)).get("sku"));
        assertEquals("B1", ((Map<?, ?>)items.get(1)).get("sku"));
        assertProblem(server.post("/v1/stock:batch",
            "{\"items\":[{\"sku\":\"B3\",\"warehouse\":\"W1\",\"onHand\":1},{\"sku\":\"B1\",\"warehouse\":\"W1\","
                + "\"onHand\":5,\"expectedVersion\":9}]}"), 409, "ERR_VERSION_CONFLICT");
        assertProblem(server.get("/v1/stock/B3/W1"), 404, "ERR_SKU_NOT_FOUND");
        assertProblem(server.post("/v1/stock:batch",
            "{\"items\":[{\"sku\":\"B4\",\"warehouse\":\"W1\"},{\"sku\":\"B4\",\"warehouse\":\"W1\"}]}"), 400,
            "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/stock:batch", "{\"items\":[]}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/stock:batch", "{\"items\":[{\"sku\":\"B5\"}]}"), 400, "ERR_INVALID_REQUEST");
    }

    @Test
    void quantitiesMustBeJsonIntegers() throws Exception
    {
        for (final String bad : new String[] {"\"5\"", "5.0", "-1", "1e3", "null", "true", "99999999999999999999"})
        {
            assertProblem(server.put("/v1/stock/Q/W1", "{\"onHand\":" + bad + "}"), 400, "ERR_INVALID_QUANTITY");
        }
        assertProblem(server.get("/v1/stock/Q/W1"), 404, "ERR_SKU_NOT_FOUND");
    }

    @Test
    void malformedAndUnknownFieldsAreInvalidRequests() throws Exception
    {
        assertProblem(server.put("/v1/stock/M/W1", "{\"onHand\":1,\"onhand\":2}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/stock/M/W1", "{\"onHand\":1"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/stock/M/W1", "[1]"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/stock/M/W1", "{\"onHand\":1} {}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/stock/M/W1", "{\"onHand\":1,\"onHand\":2}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/stock/M/W1", "{\"expectedVersion\":\"1\"}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/stock/" + "X".repeat(65) + "/W1", "{}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/stock/A%20B/W1", "{}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.get("/v1/stock/M/W1"), 404, "ERR_SKU_NOT_FOUND");
    }

    @Test
    void anAdjustNeedsADeltaButNotAReason() throws Exception
    {
        server.put("/v1/stock/ADJ/CN-SZ", "{\"onHand\":10}");
        assertProblem(server.post("/v1/stock/ADJ/CN-SZ/adjust", "{}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/stock/ADJ/CN-SZ/adjust", "{\"reason\":\"count\"}"), 400, "ERR_INVALID_REQUEST");
        assertEquals(1L, Json.object(server.get("/v1/stock/ADJ/CN-SZ").body()).get("version"));
        final HttpResponse<String> adjusted = server.post("/v1/stock/ADJ/CN-SZ/adjust", "{\"onHandDelta\":-3}");
        assertEquals(200, adjusted.statusCode(), adjusted.body());
        assertEquals(7L, Json.object(adjusted.body()).get("onHand"));
        final HttpResponse<String> zero = server.post("/v1/stock/ADJ/CN-SZ/adjust", "{\"inTransitDelta\":0,\"reason\":\"x\"}");
        assertEquals(200, zero.statusCode(), zero.body());
        assertEquals(2L, Json.object(zero.body()).get("version"), "a zero delta changes nothing");
    }

    @Test
    void aBodyThatIsNotWellFormedUtf8IsRejectedEvenWhereJsonParsersDecodeIt() throws Exception
    {
        server.put("/v1/stock/AX/CN-SZ", "{\"onHand\":1}");
        final String before = server.get("/v1/stock/AX/CN-SZ").body();
        // C1 81 is an overlong "A": a lenient decoder reads the SKU as "AX".
        final String body = "{\"items\":[{\"sku\":\"\u00c1\u0081X\",\"warehouse\":\"CN-SZ\",\"onHand\":7}]}";
        try (RawHttp raw = new RawHttp(server.server.httpAddress().getPort()))
        {
            raw.write("POST /v1/stock:batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);
            final String answer = raw.readResponse();
            assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("ERR_INVALID_REQUEST")
                && answer.contains("not well-formed UTF-8"), answer);
        }
        assertEquals(before, server.get("/v1/stock/AX/CN-SZ").body());
    }
}
