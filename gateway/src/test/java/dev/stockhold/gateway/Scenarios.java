package dev.stockhold.gateway;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** One real request per documented operation and status, keyed "METHOD path status" as in the OpenAPI document. */
final class Scenarios
{
    private static final String CELL = "/v1/stock/{sku}/{warehouse}";
    private static final String RES = "/v1/reservations/{orderId}";

    private Scenarios()
    {
    }

    static Map<String, HttpResponse<String>> run(final TestServer s, final TestServer secured) throws Exception
    {
        final Map<String, HttpResponse<String>> a = new LinkedHashMap<>();
        a.put("PUT " + CELL + " 200", s.put("/v1/stock/OA/W1", "{\"onHand\":10,\"inTransit\":5}"));
        a.put("PUT " + CELL + " 400", s.put("/v1/stock/OA/W1", "{\"onHand\":\"5\"}"));
        a.put("PUT " + CELL + " 403", secured.put("/v1/stock/OA/W1", "{}"));
        a.put("PUT " + CELL + " 409", s.put("/v1/stock/OA/W1", "{\"expectedVersion\":99}"));
        a.put("PUT " + CELL + " 413", s.put("/v1/stock/OA/W1", "{\"x\":\"" + "a".repeat(1 << 20) + "\"}"));
        s.send("PUT", "/v1/stock/OA/W1", "{\"onHand\":10}", "oa-key");
        a.put("PUT " + CELL + " 422", s.send("PUT", "/v1/stock/OA/W1", "{\"onHand\":11}", "oa-key"));
        a.put("GET " + CELL + " 200", s.get("/v1/stock/OA/W1"));
        a.put("GET " + CELL + " 400", s.get("/v1/stock/O%20A/W1"));
        a.put("GET " + CELL + " 401", secured.as(null).get("/v1/stock/OA/W1"));
        secured.as("reader");
        a.put("GET " + CELL + " 404", s.get("/v1/stock/OA/NOPE"));
        a.put("POST " + CELL + "/adjust 200", s.post("/v1/stock/OA/W1/adjust", "{\"onHandDelta\":5}"));
        a.put("POST " + CELL + "/adjust 400", s.post("/v1/stock/OA/W1/adjust", "{\"onHandDelta\":-100}"));
        a.put("POST " + CELL + "/adjust 404", s.post("/v1/stock/OA/NOPE/adjust", "{\"onHandDelta\":1}"));
        a.put("POST " + CELL + "/receive 200", s.post("/v1/stock/OA/W1/receive", "{\"quantity\":1}"));
        a.put("POST " + CELL + "/receive 400", s.post("/v1/stock/OA/W1/receive", "{\"quantity\":100}"));
        a.put("POST " + CELL + "/receive 404", s.post("/v1/stock/OA/NOPE/receive", "{\"quantity\":1}"));
        a.put("GET /v1/stock/{sku} 200", s.get("/v1/stock/OA"));
        a.put("GET /v1/stock/{sku} 404", s.get("/v1/stock/OA-NOPE"));
        a.put("POST /v1/stock:batch 200", s.post("/v1/stock:batch",
            "{\"items\":[{\"sku\":\"OB\",\"warehouse\":\"W1\",\"onHand\":3}]}"));
        a.put("POST /v1/stock:batch 400", s.post("/v1/stock:batch", "{\"items\":[]}"));
        a.put("POST /v1/stock:batch 409", s.post("/v1/stock:batch",
            "{\"items\":[{\"sku\":\"OB\",\"warehouse\":\"W1\",\"expectedVersion\":0}]}"));
        final String lock = "{\"orderId\":\"OA-1\",\"ttlSeconds\":600,\"lines\":[{\"sku\":\"OA\",\"warehouse\":\"W1\",\"quantity\":2}]}";
        a.put("POST /v1/reservations 201", s.post("/v1/reservations", lock));
        a.put("POST /v1/reservations 200", s.post("/v1/reservations", lock));
        a.put("POST /v1/reservations 400", s.post("/v1/reservations", "{\"orderId\":\"OA-2\"}"));
        a.put("POST /v1/reservations 404", s.post("/v1/reservations",
            "{\"orderId\":\"OA-3\",\"lines\":[{\"sku\":\"OA\",\"warehouse\":\"NOPE\",\"quantity\":1}]}"));
        a.put("POST /v1/reservations 409", s.post("/v1/reservations",
            "{\"orderId\":\"OA-4\",\"lines\":[{\"sku\":\"OA\",\"warehouse\":\"W1\",\"quantity\":1000}]}"));
        a.put("GET " + RES + " 200", s.get("/v1/reservations/OA-1"));
        a.put("GET " + RES + " 404", s.get("/v1/reservations/OA-NOPE"));
        a.put("POST " + RES + "/deduct 400", s.post("/v1/reservations/OA-1/deduct",
            "{\"lines\":[{\"sku\":\"OA\",\"warehouse\":\"W1\",\"quantity\":3}]}"));
        a.put("POST " + RES + "/deduct 200", s.post("/v1/reservations/OA-1/deduct",
            "{\"lines\":[{\"sku\":\"OA\",\"warehouse\":\"W1\",\"quantity\":1}]}"));
        a.put("POST " + RES + "/release 200", s.post("/v1/reservations/OA-1/release", "{}"));
        a.put("POST " + RES + "/release 404", s.post("/v1/reservations/OA-NOPE/release", "{}"));
        a.put("POST " + RES + "/release 409", s.post("/v1/reservations/OA-1/release", "{}"));
        a.put("POST " + RES + "/deduct 409", s.post("/v1/reservations/OA-1/deduct", "{}"));
        a.put("POST " + RES + "/return 200", s.post("/v1/reservations/OA-1/return", "{}"));
        a.put("POST " + RES + "/return 409", s.post("/v1/reservations/OA-1/return", "{}"));
        channels(s, a);
        a.put("GET /v1/changes 200", changeEvent(s, "/v1/changes?after=0"));
        a.put("GET /v1/changes 400", s.get("/v1/changes?after=-5"));
        a.put("GET /v1/channels/{channel}/changes 200", changeEvent(s, "/v1/channels/oa-ch/changes?after=0"));
        a.put("GET /v1/channels/{channel}/changes 400", s.get("/v1/channels/oa-ch/changes?after=-5"));
        a.put("GET /v1/channels/{channel}/changes 404", s.get("/v1/channels/oa-none/changes"));
        a.put("GET /health 200", s.get("/health"));
        a.put("GET /v1/cluster 200", s.get("/v1/cluster"));
        a.put("GET /ready 200", s.get("/ready"));
        a.put("GET /metrics 200", s.get("/metrics"));
        a.put("GET /openapi.yaml 200", s.get("/openapi.yaml"));
        return a;
    }

    /** The channel, listing, allocation and kit operations. */
    private static void channels(final TestServer s, final Map<String, HttpResponse<String>> a) throws Exception
    {
        final String channel = "/v1/channels/{channel}";
        final String listing = channel + "/listings/{listingId}";
        final String allocation = channel + "/allocations/{sku}/{warehouse}";
        a.put("PUT " + channel + " 200", s.put("/v1/channels/oa-ch", "{\"warehouses\":[\"W1\"],\"bufferUnits\":1}"));
        a.put("PUT " + channel + " 400", s.put("/v1/channels/oa-ch", "{\"percent\":\"5\"}"));
        a.put("GET " + channel + " 200", s.get("/v1/channels/oa-ch"));
        a.put("GET " + channel + " 404", s.get("/v1/channels/oa-none"));
        a.put("GET /v1/channels 200", s.get("/v1/channels"));
        a.put("GET " + channel + "/push 200", s.get("/v1/channels/oa-ch/push"));
        a.put("GET " + channel + "/push 404", s.get("/v1/channels/oa-none/push"));
        a.put("PUT " + listing + " 200", s.put("/v1/channels/oa-ch/listings/L-1", "{\"sku\":\"OA\"}"));
        a.put("PUT " + listing + " 400", s.put("/v1/channels/oa-ch/listings/L-1", "{\"sku\":1}"));
        a.put("PUT " + listing + " 404", s.put("/v1/channels/oa-ch/listings/L-1", "{\"sku\":\"OA-NOPE\"}"));
        a.put("GET " + listing + " 200", s.get("/v1/channels/oa-ch/listings/L-1"));
        a.put("GET " + listing + " 404", s.get("/v1/channels/oa-ch/listings/L-2"));
        a.put("DELETE " + listing + " 200", s.send("DELETE", "/v1/channels/oa-ch/listings/L-1", null, null));
        a.put("DELETE " + listing + " 404", s.send("DELETE", "/v1/channels/oa-ch/listings/L-1", null, null));
        a.put("PUT " + allocation + " 200", s.put("/v1/channels/oa-ch/allocations/OA/W1", "{\"units\":1}"));
        a.put("PUT " + allocation + " 400", s.put("/v1/channels/oa-ch/allocations/OA/W1", "{\"units\":1.0}"));
        a.put("PUT " + allocation + " 404", s.put("/v1/channels/oa-ch/allocations/OA/NOPE", "{\"units\":1}"));
        a.put("PUT " + allocation + " 409", s.put("/v1/channels/oa-ch/allocations/OA/W1", "{\"units\":100000}"));
        a.put("GET " + allocation + " 200", s.get("/v1/channels/oa-ch/allocations/OA/W1"));
        a.put("GET " + allocation + " 404", s.get("/v1/channels/oa-none/allocations/OA/W1"));
        a.put("PUT /v1/kits/{kit} 200", s.put("/v1/kits/OA-KIT", "{\"components\":[{\"sku\":\"OA\",\"quantity\":2}]}"));
        a.put("PUT /v1/kits/{kit} 400", s.put("/v1/kits/OA-KIT", "{\"components\":[]}"));
        a.put("PUT /v1/kits/{kit} 404", s.put("/v1/kits/OA-KIT", "{\"components\":[{\"sku\":\"OA-NOPE\",\"quantity\":2}]}"));
        a.put("GET /v1/kits/{kit} 200", s.get("/v1/kits/OA-KIT"));
        a.put("GET /v1/kits/{kit} 404", s.get("/v1/kits/OA"));
    }

    /** Reads the first event of a resumed change feed ({@code path}) and presents its data as a 200 answer. */
    private static HttpResponse<String> changeEvent(final TestServer s, final String path) throws Exception
    {
        final HttpResponse<String> any = s.get("/health");
        try (RawHttp raw = new RawHttp(s.server.httpAddress().getPort()))
        {
            raw.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            final String head = raw.readHead();
            final String event = raw.readUntil("\n\n");
            final String data = event.substring(event.indexOf("data: ") + 6).trim();
            final int status = Integer.parseInt(head.substring(9, 12));
            return new FixedResponse(any, status, data);
        }
    }
}
