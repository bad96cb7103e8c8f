package dev.stockhold.gateway;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.stockhold.gateway.StockApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The channel, listing, allocation and kit endpoints, and locks by listing, against a real server. */
class ChannelApiTest
{
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = SharedServer.get();
    }

    private static Map<String, Object> ok(final HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode(), response.body());
        return Json.object(response.body());
    }

    @Test
    void putOfAChannelTakesDefaultsForOmittedFieldsAndCountsVersions() throws Exception
    {
        final HttpResponse<String> put = server.put("/v1/channels/ch-defaults", "{}");
        assertTrue(put.headers().firstValue("Stockhold-Seq").isPresent());
        final Map<String, Object> channel = ok(put);
        assertEquals(List.of("channel", "warehouses", "bufferUnits", "percent", "maxUnits", "allowPresale", "version"),
            List.copyOf(channel.keySet()));
        assertNull(channel.get("warehouses"));
        assertEquals(0L, channel.get("bufferUnits"));
        assertEquals(100L, channel.get("percent"));
        assertNull(channel.get("maxUnits"));
        assertEquals(false, channel.get("allowPresale"));
        assertEquals(1L, channel.get("version"));
        final Map<String, Object> replaced = ok(server.put("/v1/channels/ch-defaults",
            "{\"warehouses\":[\"W1\",\"W2\"],\"bufferUnits\":5,\"percent\":50,\"maxUnits\":9,\"allowPresale\":true}"));
        assertEquals(List.of("W1", "W2"), replaced.get("warehouses"));
        assertEquals(9L, replaced.get("maxUnits"));
        assertEquals(2L, replaced.get("version"));
        final Map<String, Object> nulls = ok(server.put("/v1/channels/ch-defaults",
            "{\"warehouses\":null,\"maxUnits\":null}"));
        assertNull(nulls.get("warehouses"));
        assertEquals(0L, nulls.get("bufferUnits"), "an omitted field takes its default");
        assertEquals(nulls, ok(server.get("/v1/channels/ch-defaults")));
    }

    @Test
    void aRepeatUnderTheSameIdempotencyKeyIsAReplay() throws Exception
    {
        final HttpResponse<String> first = server.send("PUT", "/v1/channels/ch-idem", "{\"percent\":50}", "ch-idem-1");
        final HttpResponse<String> again = server.send("PUT", "/v1/channels/ch-idem", "{\"percent\":50}", "ch-idem-1");
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replay").orElse(""));
        assertEquals(first.headers().firstValue("Stockhold-Seq"), again.headers().firstValue("Stockhold-Seq"));
        assertProblem(server.send("PUT", "/v1/channels/ch-idem", "{\"percent\":60}", "ch-idem-1"), 422,
            "ERR_IDEMPOTENCY_KEY_REUSED");
        assertEquals(1L, ok(server.get("/v1/channels/ch-idem")).get("version"));
    }

    @Test
    void listOfChannelsIsInCodeOrderAndDeleteIs405() throws Exception
    {
        ok(server.put("/v1/channels/zz-list", "{}"));
        ok(server.put("/v1/channels/aa-list", "{}"));
        final List<?> channels = (List<?>)ok(server.get("/v1/channels")).get("channels");
        final String[] codes = channels.stream().map(c -> (String)((Map<?, ?>)c).get("channel")).toArray(String[]::new);
        final String[] sorted = codes.clone();
        Arrays.sort(sorted);
        assertEquals(List.of(sorted), List.of(codes));
        assertTrue(List.of(codes).containsAll(List.of("aa-list", "zz-list")));
        final HttpResponse<String> delete = server.send("DELETE", "/v1/channels/aa-list", null, null);
        assertProblem(delete, 405, "ERR_METHOD_NOT_ALLOWED");
        assertEquals("GET, PUT", delete.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void badChannelFieldsAreRefused() throws Exception
    {
        assertProblem(server.put("/v1/channels/ch-bad", "{\"percent\":101}"), 400, "ERR_INVALID_QUANTITY");
        assertProblem(server.put("/v1/channels/ch-bad", "{\"bufferUnits\":\"5\"}"), 400, "ERR_INVALID_QUANTITY");
        assertProblem(server.put("/v1/channels/ch-bad", "{\"maxUnits\":5.0}"), 400, "ERR_INVALID_QUANTITY");
        assertProblem(server.put("/v1/channels/ch-bad", "{\"bufferUnits\":1e3}"), 400, "ERR_INVALID_QUANTITY");
        assertProblem(server.put("/v1/channels/ch-bad", "{\"warehouses\":[]}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/channels/ch-bad", "{\"warehouses\":[\"W\",\"W\"]}"), 400,
            "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/channels/ch-bad", "{\"colour\":1}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/channels/ch-bad", "{\"allowPresale\":1}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.get("/v1/channels/ch-bad"), 404, "ERR_CHANNEL_NOT_FOUND");
    }

    @Test
    void everyPathUnderAnUnconfiguredChannelIsChannelNotFound() throws Exception
    {
        server.put("/v1/stock/NOCH/W1", "{\"onHand\":5}");
        assertProblem(server.get("/v1/channels/nowhere/listings/L1"), 404, "ERR_CHANNEL_NOT_FOUND");
        assertProblem(server.put("/v1/channels/nowhere/listings/L1", "{\"sku\":\"NOCH\"}"), 404,
            "ERR_CHANNEL_NOT_FOUND");
        assertProblem(server.send("DELETE", "/v1/channels/nowhere/listings/L1", null, null), 404,
            "ERR_CHANNEL_NOT_FOUND");
        assertProblem(server.get("/v1/channels/nowhere/allocations/NOCH/W1"), 404, "ERR_CHANNEL_NOT_FOUND");
        assertProblem(server.put("/v1/channels/nowhere/allocations/NOCH/W1", "{\"units\":1}"), 404,
            "ERR_CHANNEL_NOT_FOUND");
    }

    @Test
    void listingsBindRebindReadAndUnbind() throws Exception
    {
        server.put("/v1/stock/LST-A/W1", "{\"onHand\":10}");
        server.put("/v1/stock/LST-B/W1", "{\"onHand\":4}");
        ok(server.put("/v1/channels/ch-lst", "{}"));
        final Map<String, Object> bound = ok(server.put("/v1/channels/ch-lst/listings/1005~x", "{\"sku\":\"LST-A\"}"));
        assertEquals(List.of("channel", "listingId", "sku", "published", "version"), List.copyOf(bound.keySet()));
        assertEquals("1005~x", bound.get("listingId"));
        assertEquals(10L, bound.get("published"));
        assertEquals(1L, bound.get("version"));
        final Map<String, Object> rebound = ok(server.put("/v1/channels/ch-lst/listings/1005~x", "{\"sku\":\"LST-B\"}"));
        assertEquals(4L, rebound.get("published"));
        assertEquals(2L, rebound.get("version"));
        assertEquals(rebound, ok(server.get("/v1/channels/ch-lst/listings/1005~x")));
        final Map<String, Object> unbound = ok(server.send("DELETE", "/v1/channels/ch-lst/listings/1005~x", null, null));
        assertEquals("LST-B", unbound.get("sku"));
        assertEquals(0L, unbound.get("published"));
        assertProblem(server.get("/v1/channels/ch-lst/listings/1005~x"), 404, "ERR_LISTING_NOT_FOUND");
        assertProblem(server.put("/v1/channels/ch-lst/listings/L2", "{\"sku\":\"NO-SUCH\"}"), 404, "ERR_SKU_NOT_FOUND");
        assertProblem(server.put("/v1/channels/ch-lst/listings/L2", "{}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/channels/ch-lst/listings/a%20b", "{\"sku\":\"LST-A\"}"), 400,
            "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/channels/ch-lst/listings/" + "x".repeat(129), "{\"sku\":\"LST-A\"}"), 400,
            "ERR_INVALID_REQUEST");
        assertEquals(200, server.put("/v1/channels/ch-lst/listings/" + "x".repeat(128), "{\"sku\":\"LST-A\"}")
            .statusCode());
    }

    @Test
    void allocationsHoldUnitsAndARefusedRaiseNamesTheIncrease() throws Exception
    {
        server.put("/v1/stock/AL-A/W1", "{\"onHand\":10}");
        ok(server.put("/v1/channels/ch-al", "{}"));
        final Map<String, Object> none = ok(server.get("/v1/channels/ch-al/allocations/AL-A/W1"));
        assertEquals(List.of("channel", "sku", "warehouse", "units", "version"), List.copyOf(none.keySet()));
        assertEquals(0L, none.get("units"));
        assertEquals(0L, none.get("version"));
        final Map<String, Object> set = ok(server.put("/v1/channels/ch-al/allocations/AL-A/W1", "{\"units\":6}"));
        assertEquals(6L, set.get("units"));
        assertEquals(1L, set.get("version"));
        final Map<String, Object> level = ok(server.get("/v1/stock/AL-A/W1"));
        assertEquals(6L, level.get("allocated"));
        assertEquals(4L, level.get("available"));
        final HttpResponse<String> refused = server.put("/v1/channels/ch-al/allocations/AL-A/W1", "{\"units\":11}");
        assertProblem(refused, 409, "ERR_INSUFFICIENT_STOCK");
        final Map<?, ?> line = (Map<?, ?>)((List<?>)Json.object(refused.body()).get("lines")).get(0);
        assertEquals(Map.of("sku", "AL-A", "warehouse", "W1", "requested", 5L, "available", 4L), line);
        assertEquals(set, ok(server.get("/v1/channels/ch-al/allocations/AL-A/W1")), "a refused raise changes nothing");
        assertProblem(server.put("/v1/channels/ch-al/allocations/AL-A/NOPE", "{\"units\":1}"), 404,
            "ERR_SKU_NOT_FOUND");
        assertProblem(server.put("/v1/channels/ch-al/allocations/AL-A/W1", "{\"units\":-1}"), 400,
            "ERR_INVALID_QUANTITY");
        assertProblem(server.put("/v1/channels/ch-al/allocations/AL-A/W1", "{}"), 400, "ERR_INVALID_REQUEST");
        final Map<String, Object> removed = ok(server.put("/v1/channels/ch-al/allocations/AL-A/W1", "{\"units\":0}"));
        assertEquals(0L, removed.get("units"));
        assertEquals(0L, ok(server.get("/v1/channels/ch-al/allocations/AL-A/W1")).get("version"));
    }

    @Test
    void kitsArePutReadAndLockedAsComponents() throws Exception
    {
        server.put("/v1/stock/KC-A/W1", "{\"onHand\":10}");
        server.put("/v1/stock/KC-B/W1", "{\"onHand\":3}");
        final Map<String, Object> kit = ok(server.put("/v1/kits/KIT-1",
            "{\"components\":[{\"sku\":\"KC-A\",\"quantity\":2},{\"sku\":\"KC-B\",\"quantity\":1}]}"));
        assertEquals(List.of("sku", "components", "available", "warehouses", "version"), List.copyOf(kit.keySet()));
        assertEquals(3L, kit.get("available"));
        assertEquals(List.of(Map.of("warehouse", "W1", "available", 3L)), kit.get("warehouses"));
        assertEquals(1L, kit.get("version"));
        assertEquals(kit, ok(server.get("/v1/kits/KIT-1")));
        assertProblem(server.get("/v1/kits/KC-A"), 404, "ERR_SKU_NOT_FOUND");
        assertProblem(server.put("/v1/kits/KC-A", "{\"components\":[{\"sku\":\"KC-B\",\"quantity\":1}]}"), 400,
            "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/kits/KIT-2", "{\"components\":[{\"sku\":\"KIT-1\",\"quantity\":1}]}"), 400,
            "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/kits/KIT-2", "{\"components\":[{\"sku\":\"NO-SUCH\",\"quantity\":1}]}"), 404,
            "ERR_SKU_NOT_FOUND");
        assertProblem(server.put("/v1/kits/KIT-2", "{\"components\":[{\"sku\":\"KC-A\",\"quantity\":1001}]}"), 400,
            "ERR_INVALID_QUANTITY");
        assertProblem(server.put("/v1/kits/KIT-2", "{\"components\":[]}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.put("/v1/stock/KIT-1/W1", "{\"onHand\":1}"), 400, "ERR_INVALID_REQUEST");

        final HttpResponse<String> lock = server.post("/v1/reservations",
            "{\"orderId\":\"KIT-ORDER\",\"lines\":[{\"sku\":\"KIT-1\",\"quantity\":2}]}");
        assertEquals(201, lock.statusCode(), lock.body());
        final List<?> lines = (List<?>)Json.object(lock.body()).get("lines");
        assertEquals(2, lines.size());
        for (final Object line : lines)
        {
            assertEquals("KIT-1", ((Map<?, ?>)line).get("kit"));
            assertNull(((Map<?, ?>)line).get("listing"));
        }
    }

    @Test
    void locksByListing() throws Exception
    {
        server.put("/v1/stock/LL-A/W1", "{\"onHand\":10}");
        ok(server.put("/v1/channels/ch-ll", "{}"));
        ok(server.put("/v1/channels/ch-ll/listings/L-1", "{\"sku\":\"LL-A\"}"));
        final HttpResponse<String> lock = server.post("/v1/reservations",
            "{\"orderId\":\"LL-1\",\"channel\":\"ch-ll\",\"lines\":[{\"listing\":\"L-1\",\"quantity\":3}]}");
        assertEquals(201, lock.statusCode(), lock.body());
        final Map<?, ?> line = (Map<?, ?>)((List<?>)Json.object(lock.body()).get("lines")).get(0);
        assertEquals("LL-A", line.get("sku"));
        assertEquals("L-1", line.get("listing"));
        assertNull(line.get("kit"));
        assertEquals(7L, ok(server.get("/v1/channels/ch-ll/listings/L-1")).get("published"));
        assertProblem(server.post("/v1/reservations",
            "{\"orderId\":\"LL-2\",\"channel\":\"ch-ll\",\"lines\":[{\"listing\":\"L-1\",\"sku\":\"LL-A\",\"quantity\":1}]}"),
            400, "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/reservations",
            "{\"orderId\":\"LL-2\",\"channel\":\"ch-ll\",\"lines\":[{\"quantity\":1}]}"), 400, "ERR_INVALID_REQUEST");
        assertProblem(server.post("/v1/reservations",
            "{\"orderId\":\"LL-2\",\"channel\":\"no-ch\",\"lines\":[{\"listing\":\"L-1\",\"quantity\":1}]}"),
            404, "ERR_CHANNEL_NOT_FOUND");
        assertProblem(server.post("/v1/reservations",
            "{\"orderId\":\"LL-2\",\"lines\":[{\"listing\":\"L-1\",\"quantity\":1}]}"), 404, "ERR_CHANNEL_NOT_FOUND");
        assertProblem(server.post("/v1/reservations",
            "{\"orderId\":\"LL-2\",\"channel\":\"ch-ll\",\"lines\":[{\"listing\":\"L-9\",\"quantity\":1}]}"),
            404, "ERR_LISTING_NOT_FOUND");
        assertProblem(server.post("/v1/reservations/LL-1/release",
            "{\"lines\":[{\"listing\":\"L-1\",\"warehouse\":\"W1\",\"quantity\":1}]}"), 400, "ERR_INVALID_REQUEST");
    }
}
