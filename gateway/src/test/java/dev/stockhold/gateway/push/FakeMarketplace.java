package dev.stockhold.gateway.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stockhold.gateway.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A marketplace's stock endpoint on 127.0.0.1, with the JDK's HTTP server: it records every delivery (headers,
 * body, arrival time), checks nothing itself, and answers as the test says. Several handler threads, so a
 * pusher that sent two deliveries of a channel at once would be seen doing it.
 */
public final class FakeMarketplace implements AutoCloseable
{
    /** One delivery as it arrived. */
    public record Received(long atNanos, String delivery, String signature, String contentType, String body,
        Map<String, Object> json)
    {
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> listings()
        {
            return (List<Map<String, Object>>)json.get("listings");
        }
    }

    /** What the endpoint answers to one delivery. */
    public record Answer(int status, String retryAfter, long delayMillis)
    {
        public static Answer status(final int status)
        {
            return new Answer(status, null, 0);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<Received, Answer> answer = r -> Answer.status(200);

    public FakeMarketplace() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        final int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (exchange; InputStream in = exchange.getRequestBody())
        {
            final String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            final Received delivery = new Received(System.nanoTime(),
                exchange.getRequestHeaders().getFirst("Stockhold-Delivery"),
                exchange.getRequestHeaders().getFirst("Stockhold-Signature"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, Json.object(body));
            received.add(delivery);
            final Answer reply = answer.apply(delivery);
            if (reply.delayMillis() > 0)
            {
                Thread.sleep(reply.delayMillis());
            }
            if (reply.retryAfter() != null)
            {
                exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
            }
            // Out of flight before the answer leaves: once the pusher reads it, it may send the next
            // delivery at once, and that one must not find this one still counted.
            inFlight.decrementAndGet();
            counted = false;
            exchange.sendResponseHeaders(reply.status(), -1);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            if (counted)
            {
                inFlight.decrementAndGet();
            }
        }
    }

    /** @return the URL deliveries go to. */
    public String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stock";
    }

    /** Answers every later delivery with {@code answer}. */
    public FakeMarketplace answer(final Function<Received, Answer> answer)
    {
        this.answer = answer;
        return this;
    }

    /** @return every delivery so far, in arrival order. */
    public List<Received> received()
    {
        return new ArrayList<>(received);
    }

    /** @return the most deliveries ever handled at the same time. */
    public int maxInFlight()
    {
        return maxInFlight.get();
    }

    /** @return the last published value each listing was delivered with (latest arrival wins). */
    public Map<String, Long> latest()
    {
        final Map<String, Long> values = new java.util.TreeMap<>();
        for (final Received delivery : received)
        {
            for (final Map<String, Object> listing : delivery.listings())
            {
                values.put((String)listing.get("listingId"), (Long)listing.get("published"));
            }
        }
        return values;
    }

    /** A condition a test waits for; it may ask the server. */
    @FunctionalInterface
    public interface Condition
    {
        boolean holds() throws Exception;
    }

    /** Waits up to {@code seconds} for {@code condition}; @return whether it came true. */
    public static boolean await(final long seconds, final Condition condition) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline)
        {
            if (condition.holds())
            {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.holds();
    }

    /** @return the lowercase hex HMAC-SHA256 a receiver computes over {@code t + "." + body}. */
    public static String expectedSignature(final String secret, final String time, final String body)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((time + "." + body).getBytes(StandardCharsets.UTF_8)));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close()
    {
        server.stop(0);
        ((java.util.concurrent.ExecutorService)server.getExecutor()).shutdownNow();
    }
}
