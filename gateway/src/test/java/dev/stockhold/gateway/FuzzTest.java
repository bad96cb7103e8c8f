package dev.stockhold.gateway;

import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.gateway.server.ServerSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated JSON against every mutating endpoint: the server stays up, answers only
 * documented errors, and a rejected request leaves the ledger's digest as it was. Seeded: set
 * {@code -Dstockhold.fuzz.seed=N} to replay a run, {@code -Dstockhold.fuzz.cases=N} for more cases (10,000 by
 * default, 2,000 with API keys).
 */
class FuzzTest
{
    private static final Set<String> DOCUMENTED = Set.of("ERR_INVALID_REQUEST", "ERR_INVALID_QUANTITY",
        "ERR_SKU_NOT_FOUND", "ERR_ORDER_NOT_FOUND", "ERR_NOT_FOUND", "ERR_METHOD_NOT_ALLOWED",
        "ERR_INSUFFICIENT_STOCK", "ERR_ORDER_CONFLICT", "ERR_INVALID_STATE", "ERR_NOT_RECEIVED",
        "ERR_RESERVATION_EXPIRED", "ERR_VERSION_CONFLICT", "ERR_IDEMPOTENCY_KEY_REUSED", "ERR_PAYLOAD_TOO_LARGE");

    private static final Set<String> AUTH = Set.of("ERR_UNAUTHORIZED", "ERR_FORBIDDEN");

    private static final String[][] SEEDS = {
        {"PUT", "/v1/stock/FZ1/W1", "{\"onHand\":100,\"inTransit\":20,\"safetyStock\":5,\"expectedVersion\":6}"},
        {"POST", "/v1/stock/FZ1/W1/adjust", "{\"onHandDelta\":-3,\"inTransitDelta\":0,\"reason\":\"damaged\"}"},
        {"POST", "/v1/stock/FZ1/W1/receive", "{\"quantity\":2}"},
        {"POST", "/v1/stock:batch", "{\"items\":[{\"sku\":\"FZ2\",\"warehouse\":\"W1\",\"onHand\":5},"
            + "{\"sku\":\"FZ1\",\"warehouse\":\"W2\",\"inTransit\":3,\"expectedVersion\":0}]}"},
        {"POST", "/v1/reservations", "{\"orderId\":\"FZ-1\",\"channel\":\"shop\",\"ttlSeconds\":900,\"allowPresale\":true,"
            + "\"allowSplit\":true,\"lines\":[{\"sku\":\"FZ1\",\"warehouse\":\"W1\",\"quantity\":2},{\"sku\":\"FZ2\",\"quantity\":1}]}"},
        {"POST", "/v1/reservations/FZ-1/release", "{\"lines\":[{\"sku\":\"FZ1\",\"warehouse\":\"W1\",\"quantity\":1}]}"},
        {"POST", "/v1/reservations/FZ-1/deduct", "{}"},
        {"POST", "/v1/reservations/FZ-1/return", "{\"lines\":[{\"sku\":\"FZ2\",\"warehouse\":\"W1\",\"quantity\":1}]}"},
    };
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e3", "5.0",
        "\"5\"", "0", "99999999999999999999", "\"x\":1", "{}", "[]", "\\u0000", "\u00e9", " ", "\"quantity\"", "\"lines\""};

    @Test
    void rejectedInputChangesNothing() throws Exception
    {
        fuzz(SharedServer.get(), new String[] {null}, Integer.getInteger("stockhold.fuzz.cases", 10_000));
    }

    /**
     * The same with API keys: each case goes with no key, a wrong one, a key that may only read, or one that may
     * do everything; what a key may not do is answered 401 or 403 and changes nothing, like invalid input.
     */
    @Test
    void withKeysRejectedInputChangesNothing() throws Exception
    {
        try (TestServer secured = new TestServer(ServerSettings.defaults().withKeys(new ApiKeys(List.of(
            new ApiKey(1, "fuzz-reader", EnumSet.of(Scope.READ)), new ApiKey(2, "fuzz-admin", EnumSet.of(Scope.ADMIN)))))))
        {
            fuzz(secured, new String[] {null, "wrong", "fuzz-reader", "fuzz-admin", "fuzz-admin"},
                Integer.getInteger("stockhold.fuzz.cases", 2_000));
        }
    }

    private static void fuzz(final TestServer server, final String[] bearers, final int cases) throws Exception
    {
        final long seed = Long.getLong("stockhold.fuzz.seed", System.nanoTime());
        System.out.println("FuzzTest seed=" + seed + " cases=" + cases + " keys=" + Arrays.toString(bearers));
        final Random random = new Random(seed);
        server.as(bearers[bearers.length - 1]);
        server.put("/v1/stock/FZ1/W1", "{\"onHand\":1000,\"inTransit\":100}");
        server.put("/v1/stock/FZ2/W1", "{\"onHand\":1000}");
        long digest = server.digest();
        int rejected = 0;
        for (int i = 0; i < cases; i++)
        {
            final String[] seedCase = SEEDS[random.nextInt(SEEDS.length)];
            final String body = mutate(seedCase[2], random);
            final String key = random.nextInt(8) == 0 ? "fz-" + random.nextInt(4) : null;
            final String bearer = bearers[random.nextInt(bearers.length)];
            final HttpResponse<String> response;
            try
            {
                response = server.as(bearer).send(seedCase[0], seedCase[1], body, key);
            }
            catch (final IOException ex)
            {
                throw new AssertionError("no answer: seed=" + seed + " case=" + i + " " + seedCase[0] + " "
                    + seedCase[1] + " key=" + bearer + " body=" + body, ex);
            }
            final long after = server.digest();
            final String context = "seed=" + seed + " case=" + i + " key=" + bearer + " body=" + body + " -> "
                + response.body();
            if (response.statusCode() >= 400)
            {
                rejected++;
                final Map<String, Object> problem = Json.object(response.body());
                assertTrue(DOCUMENTED.contains((String)problem.get("code")) || bearers.length > 1
                    && AUTH.contains((String)problem.get("code")), context);
                assertEquals((long)response.statusCode(), problem.get("status"), context);
                assertEquals(digest, after, "a rejected request changed the ledger: " + context);
            }
            else
            {
                assertTrue(response.statusCode() == 200 || response.statusCode() == 201, context);
                assertTrue(bearer == null || bearer.equals("fuzz-admin"), "accepted without the scope: " + context);
                Json.parse(response.body());
            }
            digest = after;
        }
        assertEquals(200, server.get("/health").statusCode());
        assertTrue(rejected > cases / 2, "mostly rejected: " + rejected);
    }

    private static String mutate(final String valid, final Random random)
    {
        final StringBuilder text = new StringBuilder(valid);
        final int mutations = random.nextInt(4);
        for (int m = 0; m < mutations || (mutations == 0 && random.nextInt(3) == 0 && m < 1); m++)
        {
            final int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(5))
            {
                case 0 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 1 ->
                {
                    if (at < text.length())
                    {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> text.setLength(Math.min(text.length(), at));
                case 3 ->
                {
                    if (at < text.length())
                    {
                        text.setCharAt(at, (char)(32 + random.nextInt(95)));
                    }
                }
                default -> text.replace(0, text.length(), randomJson(random, 0));
            }
        }
        return text.toString();
    }

    private static String randomJson(final Random random, final int depth)
    {
        switch (depth > 2 ? random.nextInt(4) : random.nextInt(6))
        {
            case 0:
                return Long.toString(random.nextLong() % 1000);
            case 1:
                return "\"" + Long.toString(random.nextLong() & 0xffff, 36) + "\"";
            case 2:
                return random.nextBoolean() ? "true" : "null";
            case 3:
                return random.nextInt(100) + "." + random.nextInt(10);
            case 4:
                final StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(3); i > 0; i--)
                {
                    array.append(randomJson(random, depth + 1)).append(i > 1 ? "," : "");
                }
                return array.append(']').toString();
            default:
                final String[] names = {"onHand", "quantity", "orderId", "lines", "sku", "warehouse", "items", "zz"};
                final StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(3); i > 0; i--)
                {
                    object.append('"').append(names[random.nextInt(names.length)]).append("\":")
                        .append(randomJson(random, depth + 1)).append(i > 1 ? "," : "");
                }
                return object.append('}').toString();
        }
    }
}
