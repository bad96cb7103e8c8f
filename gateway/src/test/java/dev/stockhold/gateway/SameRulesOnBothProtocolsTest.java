package dev.stockhold.gateway;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.client.Result;
import dev.stockhold.gateway.binary.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One table of good and bad requests, sent over HTTP and over the binary protocol to the same server: each
 * must come back with the same outcome and code, because both decoders check fields by the same rules
 * ({@code Validation}; Unicode channels and reasons counted in characters, as the ledger does). The channel
 * requests (channels, listings, allocations, kits, locks by listing) are in the table too.
 */
class SameRulesOnBothProtocolsTest
{
    private static final Pattern CODE = Pattern.compile("\"code\":\"(ERR_[A-Z_]+)\"");
    private static final AtomicInteger ORDERS = new AtomicInteger();
    /** A configured channel with listing SL-1 bound to S1; kit SK-KIT is two of S1. */
    private static final String CHANNEL = "same-ch";
    private static TestServer server;
    private static TestClient binary;

    @BeforeAll
    static void start() throws Exception
    {
        server = new TestServer();
        binary = TestClient.connect("127.0.0.1", server.server.binaryAddress().getPort());
        assertEquals(200, server.put("/v1/stock/S1/W1", "{\"onHand\":1000000}").statusCode());
        assertEquals(200, server.put("/v1/channels/" + CHANNEL, "{}").statusCode());
        assertEquals(200, server.put("/v1/channels/" + CHANNEL + "/listings/SL-1", "{\"sku\":\"S1\"}").statusCode());
        assertEquals(200, server.put("/v1/kits/SK-KIT",
            "{\"components\":[{\"sku\":\"S1\",\"quantity\":2}]}").statusCode());
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

    /** A PUT of a channel's rules; null warehouses: every warehouse; null maxUnits: no cap. */
    private record PutChannel(String channel, List<String> warehouses, long bufferUnits, long percent,
        Long maxUnits)
    {
    }

    /**
     * A PUT of a channel with push settings (no other rules but {@code percent}); a null url or secret is left out
     * of the body. Rate, burst and maxListings are always given: the binary protocol has no defaults.
     */
    private record PutPush(String channel, long percent, String url, String secret, long rate, long burst,
        long maxListings)
    {
    }

    /** A read of a channel's push progress. */
    private record GetPush(String channel)
    {
    }

    /** A binding of a listing of a channel to a SKU or kit (null: the body has none). */
    private record Bind(String channel, String listing, String sku)
    {
    }

    /** A read of a listing. */
    private record GetListing(String channel, String listing)
    {
    }

    /** A channel's allocation of a cell. */
    private record Allocate(String channel, String sku, String warehouse, long units)
    {
    }

    /** A PUT of a kit of one component, or of none when {@code component} is null. */
    private record Kit(String kit, String component, long quantity)
    {
    }

    /** A lock of one line that names a SKU, a listing, both or neither, in W1. */
    private record ListingLock(String channel, String sku, String listing, long quantity)
    {
    }

    static Stream<Arguments> cases()
    {
        return Stream.of(stockCases(), channelCases(), pushCases()).flatMap(cases -> cases);
    }

    /** A push nobody receives: the channels below have no listings, so nothing is ever delivered. */
    private static PutPush push(final String url, final String secret, final long rate, final long burst,
        final long maxListings)
    {
        return new PutPush("same-push", 100, url, secret, rate, burst, maxListings);
    }

    static Stream<Arguments> pushCases()
    {
        final String url = "http://127.0.0.1:9/hook";
        final String url2048 = "https://h/" + "p".repeat(2048 - 10);
        return Stream.of(
            Arguments.of("push put", push(url, "whsec", 10, 10, 200), ErrorCode.OK),
            Arguments.of("push at the limits", push(url2048, "s".repeat(256), 10_000, 1, 1_000), ErrorCode.OK),
            Arguments.of("push url of 2049", push(url2048 + "p", "whsec", 10, 10, 200), ErrorCode.INVALID_REQUEST),
            Arguments.of("push url of ftp", push("ftp://127.0.0.1/hook", "whsec", 10, 10, 200),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("push url without a host", push("http:///hook", "whsec", 10, 10, 200),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("push url with a space", push("http://h/a b", "whsec", 10, 10, 200),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("push url with a non-ASCII letter", push("http://hé/", "whsec", 10, 10, 200),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("push without url", push(null, "whsec", 10, 10, 200), ErrorCode.INVALID_REQUEST),
            Arguments.of("push without secret", push(url, null, 10, 10, 200), ErrorCode.INVALID_REQUEST),
            Arguments.of("push with an empty secret", push(url, "", 10, 10, 200), ErrorCode.INVALID_REQUEST),
            Arguments.of("push secret of 257", push(url, "s".repeat(257), 10, 10, 200), ErrorCode.INVALID_REQUEST),
            Arguments.of("push secret with a non-ASCII letter", push(url, "sé", 10, 10, 200),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("push rate 0", push(url, "whsec", 0, 10, 200), ErrorCode.INVALID_QUANTITY),
            Arguments.of("push rate 10001", push(url, "whsec", 10_001, 10, 200), ErrorCode.INVALID_QUANTITY),
            Arguments.of("push burst 0", push(url, "whsec", 10, 0, 200), ErrorCode.INVALID_QUANTITY),
            Arguments.of("push maxListings 1001", push(url, "whsec", 10, 10, 1_001), ErrorCode.INVALID_QUANTITY),
            // Two faults: the numbers are judged before the URL and secret, the path and the rules before both.
            Arguments.of("push rate 0 and a bad url", push("ftp://h", "whsec", 0, 10, 200),
                ErrorCode.INVALID_QUANTITY),
            Arguments.of("push maxListings 0 without secret", push(url, null, 10, 10, 0), ErrorCode.INVALID_QUANTITY),
            Arguments.of("percent 101 and a bad push url", new PutPush("same-push", 101, "ftp://h", "whsec", 10, 10,
                200), ErrorCode.INVALID_QUANTITY),
            Arguments.of("bad channel code and push rate 0", new PutPush("same/push", 100, url, "whsec", 0, 10, 200),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("push progress", new GetPush(CHANNEL), ErrorCode.OK),
            Arguments.of("push progress of an unknown channel", new GetPush("same-nowhere"),
                ErrorCode.CHANNEL_NOT_FOUND),
            Arguments.of("push progress of a bad channel code", new GetPush("same push"), ErrorCode.INVALID_REQUEST));
    }

    static Stream<Arguments> channelCases()
    {
        final String listing128 = "l".repeat(128);
        return Stream.of(
            Arguments.of("channel put", new PutChannel("same-put", List.of("W1", "W2"), 5, 50, 9L), ErrorCode.OK),
            Arguments.of("channel put of every warehouse", new PutChannel("same-put", null, 0, 100, null),
                ErrorCode.OK),
            Arguments.of("bad channel code", new PutChannel("same/put", null, 0, 100, null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("channel code of 65", new PutChannel("c".repeat(65), null, 0, 100, null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("channel code with a space", new PutChannel("same put", null, 0, 100, null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("percent 101", new PutChannel("same-put", null, 0, 101, null), ErrorCode.INVALID_QUANTITY),
            Arguments.of("percent -1", new PutChannel("same-put", null, 0, -1, null), ErrorCode.INVALID_QUANTITY),
            Arguments.of("bufferUnits past 10^12", new PutChannel("same-put", null, 1_000_000_000_001L, 100, null),
                ErrorCode.INVALID_QUANTITY),
            Arguments.of("maxUnits -1", new PutChannel("same-put", null, 0, 100, -1L), ErrorCode.INVALID_QUANTITY),
            Arguments.of("empty warehouse list", new PutChannel("same-put", List.of(), 0, 100, null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("repeated warehouse", new PutChannel("same-put", List.of("W1", "W1"), 0, 100, null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("bad warehouse code", new PutChannel("same-put", List.of("W/1"), 0, 100, null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("101 warehouses", new PutChannel("same-put",
                IntStream.range(0, 101).mapToObj(i -> "W" + i).toList(), 0, 100, null), ErrorCode.INVALID_REQUEST),
            Arguments.of("bind", new Bind(CHANNEL, "SL-2", "S1"), ErrorCode.OK),
            Arguments.of("bind a kit", new Bind(CHANNEL, "SL-KIT", "SK-KIT"), ErrorCode.OK),
            Arguments.of("listing id of 128", new Bind(CHANNEL, listing128, "S1"), ErrorCode.OK),
            Arguments.of("listing id of 129", new Bind(CHANNEL, listing128 + "l", "S1"), ErrorCode.INVALID_REQUEST),
            Arguments.of("listing id with a space", new Bind(CHANNEL, "SL 2", "S1"), ErrorCode.INVALID_REQUEST),
            Arguments.of("bind without a sku", new Bind(CHANNEL, "SL-2", null), ErrorCode.INVALID_REQUEST),
            Arguments.of("bind to an unknown sku", new Bind(CHANNEL, "SL-2", "NOPE"), ErrorCode.SKU_NOT_FOUND),
            Arguments.of("bind on an unknown channel", new Bind("same-nowhere", "SL-2", "S1"),
                ErrorCode.CHANNEL_NOT_FOUND),
            Arguments.of("read of a listing", new GetListing(CHANNEL, "SL-1"), ErrorCode.OK),
            Arguments.of("unknown listing", new GetListing(CHANNEL, "SL-NONE"), ErrorCode.LISTING_NOT_FOUND),
            Arguments.of("allocation", new Allocate(CHANNEL, "S1", "W1", 5), ErrorCode.OK),
            Arguments.of("allocation of -1", new Allocate(CHANNEL, "S1", "W1", -1), ErrorCode.INVALID_QUANTITY),
            Arguments.of("allocation past 10^12", new Allocate(CHANNEL, "S1", "W1", 1_000_000_000_001L),
                ErrorCode.INVALID_QUANTITY),
            Arguments.of("allocation beyond available", new Allocate(CHANNEL, "S1", "W1", 1_000_000_000_000L),
                ErrorCode.INSUFFICIENT_STOCK),
            Arguments.of("allocation of an unknown cell", new Allocate(CHANNEL, "S1", "W9", 1),
                ErrorCode.SKU_NOT_FOUND),
            Arguments.of("allocation on an unknown channel", new Allocate("same-nowhere", "S1", "W1", 1),
                ErrorCode.CHANNEL_NOT_FOUND),
            Arguments.of("kit", new Kit("SK-KIT2", "S1", 3), ErrorCode.OK),
            Arguments.of("kit with a kit component", new Kit("SK-KIT3", "SK-KIT", 1), ErrorCode.INVALID_REQUEST),
            Arguments.of("kit of a stocked sku", new Kit("S1", "S1", 1), ErrorCode.INVALID_REQUEST),
            Arguments.of("kit with an unknown component", new Kit("SK-KIT3", "NOPE", 1), ErrorCode.SKU_NOT_FOUND),
            Arguments.of("kit component quantity 1001", new Kit("SK-KIT3", "S1", 1001), ErrorCode.INVALID_QUANTITY),
            Arguments.of("kit component quantity 0", new Kit("SK-KIT3", "S1", 0), ErrorCode.INVALID_QUANTITY),
            Arguments.of("kit without components", new Kit("SK-KIT3", null, 0), ErrorCode.INVALID_REQUEST),
            Arguments.of("lock by listing", new ListingLock(CHANNEL, null, "SL-1", 1), ErrorCode.OK),
            Arguments.of("lock line with both sku and listing", new ListingLock(CHANNEL, "S1", "SL-1", 1),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("lock line with neither sku nor listing", new ListingLock(CHANNEL, null, null, 1),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("lock of an unknown listing", new ListingLock(CHANNEL, null, "SL-NONE", 1),
                ErrorCode.LISTING_NOT_FOUND),
            Arguments.of("lock of a listing id of 129", new ListingLock(CHANNEL, null, listing128 + "l", 1),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("lock by listing on an unknown channel", new ListingLock("same-nowhere", null, "SL-1", 1),
                ErrorCode.CHANNEL_NOT_FOUND),
            Arguments.of("lock by listing without a channel", new ListingLock(null, null, "SL-1", 1),
                ErrorCode.CHANNEL_NOT_FOUND),
            Arguments.of("lock by listing of quantity 0", new ListingLock(CHANNEL, null, "SL-1", 0),
                ErrorCode.INVALID_QUANTITY),
            // Two faults: HTTP judges the path before the body, and the body in its documented order.
            Arguments.of("bad channel code and percent 101", new PutChannel("same/put", null, 0, 101, null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("bad warehouse and percent 101", new PutChannel("same-put", List.of("W/1"), 0, 101, null),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("repeated warehouse and percent 101",
                new PutChannel("same-put", List.of("W1", "W1"), 0, 101, null), ErrorCode.INVALID_QUANTITY),
            Arguments.of("allocation of -1 of a bad cell", new Allocate(CHANNEL, "S 1", "W1", -1),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("allocation of -1 on an unknown channel", new Allocate("same-nowhere", "S1", "W1", -1),
                ErrorCode.INVALID_QUANTITY),
            Arguments.of("bad kit code and quantity 1001", new Kit("SK/KIT", "S1", 1001), ErrorCode.INVALID_REQUEST),
            Arguments.of("bad component and quantity 1001", new Kit("SK-KIT3", "S/1", 1001),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("listing id of 129 on an unknown channel", new Bind("same-nowhere", listing128 + "l", "S1"),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("lock line of a bad listing and quantity 0", new ListingLock(CHANNEL, null, "SL 1", 0),
                ErrorCode.INVALID_REQUEST),
            Arguments.of("lock line with both sku and listing and quantity 0",
                new ListingLock(CHANNEL, "S1", "SL-1", 0), ErrorCode.INVALID_QUANTITY));
    }

    static Stream<Arguments> stockCases()
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
        else if (request instanceof Adjust adjust)
        {
            answer = server.post("/v1/stock/S1/W1/adjust", "{\"onHandDelta\":" + adjust.onHandDelta()
                + (adjust.reason() == null ? "" : ",\"reason\":" + json(adjust.reason())) + "}");
        }
        else
        {
            answer = channelOverHttp(request);
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
        else if (request instanceof Adjust adjust)
        {
            command = new Command().adjust("S1", "W1", adjust.onHandDelta(), 0, 0, adjust.reason());
        }
        else
        {
            command = channelOverBinary(request);
        }
        final Result result = binary.submit(command).get(10, TimeUnit.SECONDS);
        return ErrorCode.valueOf(result.code().name());
    }

    private static HttpResponse<String> channelOverHttp(final Object request) throws Exception
    {
        if (request instanceof PutChannel put)
        {
            return server.put("/v1/channels/" + segment(put.channel()), "{"
                + (put.warehouses() == null ? "" : "\"warehouses\":" + jsonArray(put.warehouses()) + ",")
                + "\"bufferUnits\":" + put.bufferUnits() + ",\"percent\":" + put.percent()
                + ",\"maxUnits\":" + put.maxUnits() + "}");
        }
        if (request instanceof PutPush put)
        {
            return server.put("/v1/channels/" + segment(put.channel()), "{\"percent\":" + put.percent()
                + ",\"push\":{" + (put.url() == null ? "" : "\"url\":" + json(put.url()) + ",")
                + (put.secret() == null ? "" : "\"secret\":" + json(put.secret()) + ",")
                + "\"ratePerSecond\":" + put.rate() + ",\"burst\":" + put.burst()
                + ",\"maxListings\":" + put.maxListings() + "}}");
        }
        if (request instanceof GetPush get)
        {
            return server.get("/v1/channels/" + segment(get.channel()) + "/push");
        }
        if (request instanceof Bind bind)
        {
            return server.put("/v1/channels/" + segment(bind.channel()) + "/listings/" + segment(bind.listing()),
                bind.sku() == null ? "{}" : "{\"sku\":" + json(bind.sku()) + "}");
        }
        if (request instanceof GetListing get)
        {
            return server.get("/v1/channels/" + segment(get.channel()) + "/listings/" + segment(get.listing()));
        }
        if (request instanceof Allocate allocate)
        {
            return server.put("/v1/channels/" + segment(allocate.channel()) + "/allocations/"
                + segment(allocate.sku()) + "/" + segment(allocate.warehouse()),
                "{\"units\":" + allocate.units() + "}");
        }
        if (request instanceof Kit kit)
        {
            return server.put("/v1/kits/" + segment(kit.kit()), "{\"components\":[" + (kit.component() == null ? ""
                : "{\"sku\":" + json(kit.component()) + ",\"quantity\":" + kit.quantity() + "}") + "]}");
        }
        final ListingLock lock = (ListingLock)request;
        return server.post("/v1/reservations", "{\"orderId\":\"h-" + ORDERS.incrementAndGet() + "\","
            + (lock.channel() == null ? "" : "\"channel\":" + json(lock.channel()) + ",")
            + "\"lines\":[{" + (lock.sku() == null ? "" : "\"sku\":" + json(lock.sku()) + ",")
            + (lock.listing() == null ? "" : "\"listing\":" + json(lock.listing()) + ",")
            + "\"warehouse\":\"W1\",\"quantity\":" + lock.quantity() + "}]}");
    }

    private static Command channelOverBinary(final Object request)
    {
        if (request instanceof PutChannel put)
        {
            final Command command = new Command().putChannel(put.channel(), put.bufferUnits(), put.percent(),
                put.maxUnits() == null ? Command.ABSENT : put.maxUnits(), false);
            if (put.warehouses() != null)
            {
                command.channelWarehouses.present();
                put.warehouses().forEach(command.channelWarehouses::add);
            }
            return command;
        }
        if (request instanceof PutPush put)
        {
            return new Command().putChannel(put.channel(), 0, put.percent(), Command.ABSENT, false)
                .push(put.url(), put.secret(), put.rate(), put.burst(), put.maxListings());
        }
        if (request instanceof GetPush get)
        {
            return new Command().getPush(get.channel());
        }
        if (request instanceof Bind bind)
        {
            return new Command().bindListing(bind.channel(), bind.listing(), bind.sku());
        }
        if (request instanceof GetListing get)
        {
            return new Command().getListing(get.channel(), get.listing());
        }
        if (request instanceof Allocate allocate)
        {
            return new Command().setAllocation(allocate.channel(), allocate.sku(), allocate.warehouse(),
                allocate.units());
        }
        if (request instanceof Kit kit)
        {
            final Command command = new Command().putKit(kit.kit());
            if (kit.component() != null)
            {
                command.lines.add(kit.component(), null, kit.quantity());
            }
            return command;
        }
        final ListingLock lock = (ListingLock)request;
        final Command command = new Command().lock("b-" + ORDERS.incrementAndGet(), lock.channel(), 0, false, false);
        command.lines.add(lock.sku(), lock.listing(), "W1", lock.quantity());
        return command;
    }

    /** Percent-encodes a path segment (UTF-8), so that a '/' or a space reaches the router as data. */
    private static String segment(final String value)
    {
        final StringBuilder out = new StringBuilder();
        for (final byte b : value.getBytes(StandardCharsets.UTF_8))
        {
            final char c = (char)(b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0)
            {
                out.append(c);
            }
            else
            {
                out.append(String.format("%%%02X", (int)c));
            }
        }
        return out.toString();
    }

    private static String jsonArray(final List<String> values)
    {
        return values.stream().map(SameRulesOnBothProtocolsTest::json).collect(Collectors.joining(",", "[", "]"));
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
