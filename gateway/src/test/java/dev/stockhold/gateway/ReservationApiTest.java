package dev.stockhold.gateway;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.stockhold.gateway.StockApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reservation endpoints of docs/api.md against a real server. */
class ReservationApiTest
{
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = SharedServer.get();
        server.put("/v1/stock/R1/CN-SZ", "{\"onHand\":100}");
        server.put("/v1/stock/R2/CN-SZ", "{\"onHand\":5}");
        server.put("/v1/stock/R3/CN-SZ", "{\"onHand\":100}");
    }

    private static String lock(final String orderId, final String sku, final int quantity)
    {
        return "{\"orderId\":\"" + orderId + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"warehouse\":\"CN-SZ\",\"quantity\":"
            + quantity + "}]}";
    }

    @Test
    void lockIsCreatedThenReplayed() throws Exception
    {
        final String body = "{\"orderId\":\"AE-1\",\"channel\":\"aliexpress\",\"ttlSeconds\":900,\"allowPresale\":false,"
            + "\"allowSplit\":false,\"lines\":[{\"sku\":\"R3\",\"warehouse\":\"CN-SZ\",\"quantity\":2}]}";
        final HttpResponse<String> created = server.post("/v1/reservations", body);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Idempotent-Replay").isEmpty());
        final long seq = Long.parseLong(created.headers().firstValue("Stockhold-Seq").orElseThrow());
        final Map<String, Object> reservation = Json.object(created.body());
        assertEquals(List.of("orderId", "channel", "state", "createdAt", "expiresAt", "lines"),
            List.copyOf(reservation.keySet()));
        assertEquals("LOCKED", reservation.get("state"));
        assertEquals("aliexpress", reservation.get("channel"));
        assertTrue(((String)reservation.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertTrue(((String)reservation.get("expiresAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        final Map<?, ?> line = (Map<?, ?>)((List<?>)reservation.get("lines")).get(0);
        assertEquals(List.of("sku", "warehouse", "quantity", "presale", "kit", "listing", "deducted", "released", "returned"),
            List.copyOf(line.keySet()));

        final HttpResponse<String> again = server.post("/v1/reservations", body);
        assertEquals(200, again.statusCode());
        assertEquals("true", again.headers().firstValue("Idempotent-Replay").orElse(""));
        assertTrue(again.headers().firstValue("Stockhold-Seq").isPresent());
        assertEquals(created.body(), again.body());
        assertEquals(98L, Json.object(server.get("/v1/stock/R3/CN-SZ").body()).get("available"));
        assertTrue(seq > 0);
        assertProblem(server.post("/v1/reservations", lock("AE-1", "R3", 3)), 409, "ERR_ORDER_CONFLICT");
    }

    @Test
    void absentChannelAndTtlAreNull() throws Exception
    {
        final HttpResponse<String> created = server.post("/v1/reservations", lock("NO-TTL", "R1", 1));
        final Map<String, Object> reservation = Json.object(created.body());
        assertTrue(reservation.containsKey("channel"));
        assertNull(reservation.get("channel"));
        assertNull(reservation.get("expiresAt"));
        assertEquals(created.body(), server.get("/v1/reservations/NO-TTL").body());
        assertProblem(server.get("/v1/reservations/NOPE"), 404, "ERR_ORDER_NOT_FOUND");
    }

    @Test
    void insufficientStockNamesTheShortLines() throws Exception
    {
        final HttpResponse<String> response = server.post("/v1/reservations", lock("SHORT", "R2", 6));
        assertProblem(response, 409, "ERR_INSUFFICIENT_STOCK");
        final List<?> lines = (List<?>)Json.object(response.body()).get("lines");
        final Map<?, ?> line = (Map<?, ?>)lines.get(0);
        assertEquals("R2", line.get("sku"));
        assertEquals("CN-SZ", line.get("warehouse"));
        assertEquals(6L, line.get("requested"));
        assertEquals(5L, line.get("available"));
        assertProblem(server.get("/v1/reservations/SHORT"), 404, "ERR_ORDER_NOT_FOUND");
        assertProblem(server.post("/v1/reservations", lock("NOSKU", "ZZ", 1)), 404, "ERR_SKU_NOT_FOUND");
    }

    @Test
    void settleFlowsThroughStates() throws Exception
    {
        server.post("/v1/reservations", lock("FLOW", "R1", 4));
        final HttpResponse<String> partial = server.post("/v1/reservations/FLOW/deduct",
            "{\"lines\":[{\"sku\":\"R1\",\"warehouse\":\"CN-SZ\",\"quantity\":1}]}");
        assertEquals(200, partial.statusCode(), partial.body());
        assertEquals("PARTIAL", Json.object(partial.body()).get("state"));
        assertTrue(partial.headers().firstValue("Stockhold-Seq").isPresent());
        assertProblem(server.post("/v1/reservations/FLOW/deduct",
            "{\"lines\":[{\"sku\":\"R1\",\"warehouse\":\"CN-SZ\",\"quantity\":9}]}"), 400, "ERR_INVALID_QUANTITY");
        assertEquals("DEDUCTED", Json.object(server.post("/v1/reservations/FLOW/deduct", "{}").body()).get("state"));
        assertProblem(server.post("/v1/reservations/FLOW/release", "{}"), 409, "ERR_INVALID_STATE");
        assertEquals("RETURNED", Json.object(server.post("/v1/reservations/FLOW/return", "{}").body()).get("state"));

        server.post("/v1/reservations", lock("REL", "R1", 1));
        assertEquals("RELEASED", Json.object(server.post("/v1/reservations/REL/release", "{}").body()).get("state"));
        assertProblem(server.post("/v1/reservations/REL/return", "{}"), 409, "ERR_INVALID_STATE");
        assertProblem(server.post("/v1/reservations/NOPE/release", "{}"), 404, "ERR_ORDER_NOT_FOUND");
        assertProblem(server.post("/v1/reservations/REL/release", "{\"lines\":[{\"sku\":\"R1\"}]}"), 400,
            "ERR_INVALID_REQUEST");
    }

    @Test
    void idempotencyKeysReplayAndRefuseReuse() throws Exception
    {
        final HttpResponse<String> first = server.send("POST", "/v1/stock/R1/CN-SZ/adjust", "{\"onHandDelta\":1}", "k-1");
        final HttpResponse<String> repeat = server.send("POST", "/v1/stock/R1/CN-SZ/adjust", "{\"onHandDelta\":1}", "k-1");
        assertEquals(200, repeat.statusCode(), repeat.body());
        assertEquals("true", repeat.headers().firstValue("Idempotent-Replay").orElse(""));
        assertEquals(first.headers().firstValue("Stockhold-Seq"), repeat.headers().firstValue("Stockhold-Seq"));
        assertEquals(first.body(), repeat.body());
        assertProblem(server.send("POST", "/v1/stock/R1/CN-SZ/adjust", "{\"onHandDelta\":2}", "k-1"), 422,
            "ERR_IDEMPOTENCY_KEY_REUSED");
        assertProblem(server.send("POST", "/v1/stock/R1/CN-SZ/adjust", "{\"onHandDelta\":2}", "k".repeat(129)), 400,
            "ERR_INVALID_REQUEST");
    }

    @Test
    void aFieldNamedTwiceInAnyObjectIsRejectedAndChangesNothing() throws Exception
    {
        server.put("/v1/stock/DUP/CN-SZ", "{\"onHand\":10}");
        server.post("/v1/reservations", lock("DUP-HELD", "DUP", 1));
        final String before = server.get("/v1/stock/DUP/CN-SZ").body();
        final String[][] cases = {
            {"/v1/reservations", "{\"orderId\":\"DUP-1\",\"orderId\":\"DUP-2\",\"lines\":[{\"sku\":\"DUP\",\"quantity\":1}]}"},
            {"/v1/reservations", "{\"orderId\":\"DUP-1\",\"lines\":[{\"sku\":\"DUP\",\"quantity\":1,\"quantity\":2}]}"},
            {"/v1/reservations", "{\"orderId\":\"DUP-1\",\"lines\":[{\"sku\":\"DUP\",\"quantity\":1}],"
                + "\"lines\":[{\"sku\":\"DUP\",\"quantity\":1}]}"},
            {"/v1/reservations/DUP-HELD/release", "{\"lines\":[{\"sku\":\"DUP\",\"warehouse\":\"CN-SZ\",\"quantity\":1}],"
                + "\"lines\":[]}"},
            {"/v1/stock:batch", "{\"items\":[{\"sku\":\"DUP\",\"warehouse\":\"CN-SZ\",\"warehouse\":\"CN-SZ\",\"onHand\":1}]}"},
            {"/v1/stock:batch", "{\"items\":[{\"sku\":\"DUP\",\"warehouse\":\"CN-SZ\",\"onHand\":1}],\"items\":[]}"},
            {"/v1/stock/DUP/CN-SZ/adjust", "{\"onHandDelta\":1,\"reason\":\"a\",\"onHandDelta\":1}"},
            {"/v1/stock/DUP/CN-SZ/receive", "{\"quantity\":1,\"quantity\":1}"},
        };
        for (final String[] request : cases)
        {
            final HttpResponse<String> answer = server.post(request[0], request[1]);
            assertProblem(answer, 400, "ERR_INVALID_REQUEST");
            assertTrue(((String)Json.object(answer.body()).get("detail")).startsWith("duplicate field: "), answer.body());
        }
        assertProblem(server.put("/v1/stock/DUP/CN-SZ", "{\"safetyStock\":1,\"safetyStock\":1}"), 400,
            "ERR_INVALID_REQUEST");
        assertEquals(before, server.get("/v1/stock/DUP/CN-SZ").body());
        assertProblem(server.get("/v1/reservations/DUP-1"), 404, "ERR_ORDER_NOT_FOUND");
    }

    @Test
    void lockValidation() throws Exception
    {
        assertProblem(server.post("/v1/reservations", "{\"lines\":[{\"sku\":\"R1\",\"quantity\":1}]}"), 400,
            "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/reservations", "{\"orderId\":\"V1\",\"lines\":[]}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/reservations", "{\"orderId\":\"V1\",\"ttlSeconds\":0,\"lines\":"
            + "[{\"sku\":\"R1\",\"quantity\":1}]}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/reservations", "{\"orderId\":\"V1\",\"channel\":\"" + "c".repeat(65)
            + "\",\"lines\":[{\"sku\":\"R1\",\"quantity\":1}]}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/reservations", "{\"orderId\":\"V1\",\"lines\":[{\"sku\":\"R1\",\"quantity\":1.5}]}"),
            400, "ERR_INVALID_QUANTITY");
        assertProblem(server.post("/v1/reservations", "{\"orderId\":\"V1\",\"lines\":[{\"sku\":\"R1\",\"qty\":1}]}"),
            400, "ERR_INVALID_REQUEST");
        final StringBuilder many = new StringBuilder("{\"orderId\":\"V1\",\"lines\":[");
        for (int i = 0; i < 101; i++)
        {
            many.append(i == 0 ? "" : ",").append("{\"sku\":\"R1\",\"quantity\":1}");
        }
        assertProblem(server.post("/v1/reservations", many.append("]}").toString()), 400, "ERR_INVALID_REQUEST");
        final HttpResponse<String> picked = server.post("/v1/reservations",
            "{\"orderId\":\"PICK\",\"lines\":[{\"sku\":\"R1\",\"quantity\":1}]}");
        assertEquals(201, picked.statusCode(), picked.body());
        assertEquals("CN-SZ", ((Map<?, ?>)((List<?>)Json.object(picked.body()).get("lines")).get(0)).get("warehouse"));
    }

    @Test
    void theSameLinesInAnotherOrderReplayTheOrder() throws Exception
    {
        server.put("/v1/stock/ORD/CN-SZ", "{\"onHand\":10}");
        final String first = "{\"orderId\":\"ORD-1\",\"lines\":[{\"sku\":\"ORD\",\"warehouse\":\"CN-SZ\",\"quantity\":2},"
            + "{\"sku\":\"R1\",\"quantity\":1}]}";
        final String reordered = "{\"orderId\":\"ORD-1\",\"lines\":[{\"sku\":\"R1\",\"quantity\":1},"
            + "{\"sku\":\"ORD\",\"warehouse\":\"CN-SZ\",\"quantity\":2}]}";
        final HttpResponse<String> locked = server.post("/v1/reservations", first);
        assertEquals(201, locked.statusCode(), locked.body());
        final HttpResponse<String> again = server.post("/v1/reservations", reordered);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replay").orElse(""));
        assertEquals(locked.body(), again.body());
        assertEquals(2L, Json.object(server.get("/v1/stock/ORD/CN-SZ").body()).get("reserved"));
    }

    @Test
    void refusalsTheEngineDecidedCarryTheirSequence() throws Exception
    {
        server.put("/v1/stock/SEQ/CN-SZ", "{\"onHand\":1}");
        final HttpResponse<String> conflict = server.put("/v1/stock/SEQ/CN-SZ", "{\"onHand\":5,\"expectedVersion\":9}");
        assertProblem(conflict, 409, "ERR_VERSION_CONFLICT");
        final HttpResponse<String> notFound = server.post("/v1/reservations/SEQ-NOPE/release", "{}");
        assertProblem(notFound, 404, "ERR_ORDER_NOT_FOUND");
        final HttpResponse<String> shortOf = server.post("/v1/reservations", lock("SEQ-1", "SEQ", 2));
        assertProblem(shortOf, 409, "ERR_INSUFFICIENT_STOCK");
        long previous = 0;
        for (final HttpResponse<String> refused : List.of(conflict, notFound, shortOf))
        {
            final long sequence = Long.parseLong(refused.headers().firstValue("Stockhold-Seq").orElseThrow());
            assertTrue(sequence > previous, refused.body());
            previous = sequence;
        }
        // Refused before the engine: no sequence was taken.
        final HttpResponse<String> malformed = server.post("/v1/reservations", "{");
        assertProblem(malformed, 400, "ERR_INVALID_REQUEST");
        assertTrue(malformed.headers().firstValue("Stockhold-Seq").isEmpty());
    }

    @Test
    void aShortLineTheEngineWasToPlaceNamesTheWarehouseThatCameClosest() throws Exception
    {
        server.put("/v1/stock/CLOSE/CN-SZ", "{\"onHand\":2}");
        server.put("/v1/stock/CLOSE/US-LA", "{\"onHand\":7}");
        final HttpResponse<String> answer = server.post("/v1/reservations",
            "{\"orderId\":\"CLOSE-1\",\"lines\":[{\"sku\":\"CLOSE\",\"quantity\":9}]}");
        assertProblem(answer, 409, "ERR_INSUFFICIENT_STOCK");
        assertEquals(List.of(Map.of("sku", "CLOSE", "warehouse", "US-LA", "requested", 9L, "available", 7L)),
            Json.object(answer.body()).get("lines"));
    }

    @Test
    void aChannelIsCountedInCharactersNotUtf16Units() throws Exception
    {
        final String emoji = "\uD83D\uDE00";
        final HttpResponse<String> fits = server.post("/v1/reservations", "{\"orderId\":\"CH-1\",\"channel\":\""
            + emoji.repeat(64) + "\",\"lines\":[{\"sku\":\"R1\",\"quantity\":1}]}");
        assertEquals(201, fits.statusCode(), fits.body());
        assertEquals(emoji.repeat(64), Json.object(server.get("/v1/reservations/CH-1").body()).get("channel"));
        assertProblem(server.post("/v1/reservations", "{\"orderId\":\"CH-2\",\"channel\":\"" + emoji.repeat(65)
            + "\",\"lines\":[{\"sku\":\"R1\",\"quantity\":1}]}"), 400, "ERR_INVALID_REQUEST");
        // Half of a surrogate pair, escaped: JSON allows the escape, but it is not a character.
        assertProblem(server.post("/v1/reservations", "{\"orderId\":\"CH-3\",\"channel\":\"a\\ud800\","
            + "\"lines\":[{\"sku\":\"R1\",\"quantity\":1}]}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.get("/v1/reservations/CH-3"), 404, "ERR_ORDER_NOT_FOUND");
    }

    @Test
    void aMissingBodyIsNotAnEmptyObject() throws Exception
    {
        server.put("/v1/stock/EMPTY/CN-SZ", "{\"onHand\":5}");
        server.post("/v1/reservations", lock("EMPTY-1", "EMPTY", 1));
        final String before = server.get("/v1/stock/EMPTY/CN-SZ").body();
        for (final String[] request : new String[][] {
            {"PUT", "/v1/stock/EMPTY/CN-SZ"}, {"PUT", "/v1/stock/EMPTY-NEW/CN-SZ"},
            {"POST", "/v1/stock/EMPTY/CN-SZ/adjust"}, {"POST", "/v1/stock/EMPTY/CN-SZ/receive"},
            {"POST", "/v1/reservations/EMPTY-1/release"}, {"POST", "/v1/reservations/EMPTY-1/deduct"},
            {"POST", "/v1/reservations/EMPTY-1/return"}, {"POST", "/v1/reservations"}, {"POST", "/v1/stock:batch"}})
        {
            final HttpResponse<String> answer = server.send(request[0], request[1], null, null);
            assertProblem(answer, 400, "ERR_INVALID_REQUEST");
            assertEquals("the body must be a JSON object", Json.object(answer.body()).get("detail"), request[1]);
        }
        assertEquals(before, server.get("/v1/stock/EMPTY/CN-SZ").body());
        assertProblem(server.get("/v1/stock/EMPTY-NEW/CN-SZ"), 404, "ERR_SKU_NOT_FOUND");
        assertEquals("LOCKED", Json.object(server.get("/v1/reservations/EMPTY-1").body()).get("state"));
    }
}
