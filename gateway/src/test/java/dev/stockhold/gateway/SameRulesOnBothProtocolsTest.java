package dev.stockhold.gateway;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.gateway.binary.client.Result;
import dev.stockhold.gateway.binary.client.StockholdClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One table of good and bad requests, sent over HTTP and over the binary protocol to the same server: each
 * must come back with the same outcome and code, because both decoders check fields by the same rules
 * ({@code Validation}; Unicode channels and reasons counted in characters, as the ledger does).
 */
class SameRulesOnBothProtocolsTest
{
    private static final Pattern CODE = Pattern.compile("\"code\":\"(ERR_[A-Z_]+)\"");
    private static final AtomicInteger ORDERS = new AtomicInteger();
    private static TestServer server;
    private static StockholdClient binary;

    @BeforeAll
    static void start() throws Exception
    {
        server = new TestServer();
        binary = StockholdClient.connect("127.0.0.1", server.server.binaryAddress().getPort());
        assertEquals(200, server.put("/v1/stock/S1/W1", "{\"onHand\":1000000}").statusCode());
    }

    @AfterAll
    static void stop() throws Exception
    {
        binary.close();
        server.close();
    }

    /** A lock of one line; the order id gets a unique suffix unless it is the case's point. */
    private record Lock(String orderId, String sku, long quantity, int ttlSeconds, String channel, String key)
    {
    }

    /** An adjust of S1/W1. */
    private record Adjust(long onHandDelta, String reason)
    {
    }

    static Stream<Arguments> cases()
    {
        final String long65 = "x".repeat(65);
        return Stream.of(
            Arguments.of("plain lock", new Lock(null, "S1", 1, 0, "aliexpress", null), ErrorCode.OK),
            Arguments.of("Unicode channel", new Lock(null, "S1", 1, 0, "商店🛒", null), ErrorCode.OK),
            Arguments.of("64 emoji channel", new Lock(null, "S1", 1, 0, "🛒".repeat(64), null), ErrorCode.OK),
            Arguments.of("65 character channel", new Lock(null, "S1", 1, 0, "é".repeat(65), null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("channel with a tab", new Lock(null, "S1", 1, 0, "a\tb", null), ErrorCode.OK),
            Arguments.of("quantity 0", new Lock(null, "S1", 0, 0, null, null), ErrorCode.INVALID_QUANTITY),
            Arguments.of("quantity 10^9 + 1", new Lock(null, "S1", 1_000_000_001L, 0, null, null),
                ErrorCode.INVALID_QUANTITY),
            Arguments.of("sku with a slash", new Lock(null, "S/1", 1, 0, null, null), ErrorCode.INVALID_REQUEST),
            Arguments.of("sku of 65", new Lock(null, long65, 1, 0, null, null), ErrorCode.INVALID_REQUEST),
            Arguments.of("unknown sku", new Lock(null, "NOPE", 1, 0, null, null), ErrorCode.SKU_NOT_FOUND),
            Arguments.of("order id of 65", new Lock(long65, "S1", 1, 0, null, null), ErrorCode.INVALID_REQUEST),
            Arguments.of("order id with a non-ASCII letter", new Lock("ordé", "S1", 1, 0, null, null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("ttl over a year", new Lock(null, "S1", 1, 31_536_001, null, null), ErrorCode.INVALID_REQUEST),
            Arguments.of("idempotency key of 129", new Lock(null, "S1", 1, 0, null, "k".repeat(129)),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("Unicode reason", new Adjust(1, "破损 damaged"), ErrorCode.OK),
            Arguments.of("reason of 256 euro signs", new Adjust(1, "€".repeat(256)), ErrorCode.OK),
            Arguments.of("reason of 257", new Adjust(1, "r".repeat(257)), ErrorCode.INVALID_REQUEST),
            Arguments.of("delta past 10^12", new Adjust(1_000_000_000_001L, null), ErrorCode.INVALID_QUANTITY),
            Arguments.of("delta below zero stock", new Adjust(-2_000_000_000L, null), ErrorCode.INVALID_QUANTITY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothProtocolsAnswerAlike(final String name, final Object request, final ErrorCode expected) throws Exception
    {
        assertEquals(expected, overHttp(request), name + " over HTTP");
        assertEquals(expected, overBinary(request), name + " over the binary protocol");
    }

    private static ErrorCode overHttp(final Object request) throws Exception
    {
        final HttpResponse<String> answer;
        if (request instanceof Lock lock)
        {
            answer = server.send("POST", "/v1/reservations", "{\"orderId\":" + json(orderId(lock, "h-")) + ","
                + (lock.channel() == null ? "" : "\"channel\":" + json(lock.channel()) + ",")
                + (lock.ttlSeconds() == 0 ? "" : "\"ttlSeconds\":" + lock.ttlSeconds() + ",")
                + "\"lines\":[{\"sku\":" + json(lock.sku()) + ",\"warehouse\":\"W1\",\"quantity\":" + lock.quantity()
                + "}]}", lock.key());
        }
        else
        {
            final Adjust adjust = (Adjust)request;
            answer = server.post("/v1/stock/S1/W1/adjust", "{\"onHandDelta\":" + adjust.onHandDelta()
                + (adjust.reason() == null ? "" : ",\"reason\":" + json(adjust.reason())) + "}");
        }
        if (answer.statusCode() / 100 == 2)
        {
            return ErrorCode.OK;
        }
        final Matcher matcher = CODE.matcher(answer.body());
        return matcher.find() ? ErrorCode.valueOf(matcher.group(1).substring(4)) : null;
    }

    private static ErrorCode overBinary(final Object request) throws Exception
    {
        final Command command;
        if (request instanceof Lock lock)
        {
            command = new Command().lock(orderId(lock, "b-"), lock.channel(), lock.ttlSeconds(), false, false);
            command.lines.add(lock.sku(), "W1", lock.quantity());
            command.idempotencyKey = lock.key();
        }
        else
        {
            final Adjust adjust = (Adjust)request;
            command = new Command().adjust("S1", "W1", adjust.onHandDelta(), 0, 0, adjust.reason());
        }
        final Result result = binary.submit(command).get(10, TimeUnit.SECONDS);
        return result.code();
    }

    private static String orderId(final Lock lock, final String prefix)
    {
        return lock.orderId() != null ? lock.orderId() : prefix + ORDERS.incrementAndGet();
    }

    private static String json(final String text)
    {
        final StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < ' ')
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
