package dev.stockhold.loadtest.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A fake marketplace: the stock endpoint stockhold pushes one channel's quantities to (JDK HTTP server on
 * 127.0.0.1). It checks every delivery's signature (a bad one is answered 401 and counted), applies each
 * listing's value unless its {@code seq} is older than the one it shows, and shows shoppers what a real
 * marketplace would: the pushed quantity less its own sales that the pushed value does not yet count.
 */
final class Marketplace implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the marketplace shows for one listing; guarded by itself. */
    static final class Shown
    {
        long pushed;
        long pushedSeq = -1;
        /** Own sales not yet counted by a pushed value: their lock's seq, or Long.MAX_VALUE while in flight. */
        final java.util.List<Long> sales = new java.util.ArrayList<>();

        synchronized long available()
        {
            return pushed - sales.size();
        }
    }

    /** One listing value as it arrived: for the end-to-end latency. */
    record Arrival(String listingId, long published, long seq, long atNanos)
    {
    }

    private final String channel;
    private final String secret;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final Map<String, Shown> listings = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private volatile Consumer<Arrival> arrivals = arrival -> { };

    Marketplace(final String channel, final String secret) throws IOException
    {
        this.channel = channel;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String channel()
    {
        return channel;
    }

    String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stock";
    }

    /** Sends every listing value that arrives to {@code sink} as well (on a server thread). */
    void onArrival(final Consumer<Arrival> sink)
    {
        this.arrivals = sink;
    }

    Shown shown(final String listingId)
    {
        return listings.computeIfAbsent(listingId, id -> new Shown());
    }

    long deliveries()
    {
        return deliveries.get();
    }

    long badSignatures()
    {
        return badSignatures.get();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        final long at = System.nanoTime();
        try (exchange; InputStream in = exchange.getRequestBody())
        {
            final byte[] body = in.readAllBytes();
            if (!signed(exchange.getRequestHeaders().getFirst("Stockhold-Signature"), body))
            {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            deliveries.incrementAndGet();
            for (final JsonNode listing : JSON.readTree(body).path("listings"))
            {
                final String id = listing.path("listingId").asText();
                final long seq = listing.path("seq").asLong();
                final long published = listing.path("published").asLong();
                final Shown shown = shown(id);
                synchronized (shown)
                {
                    if (seq > shown.pushedSeq)
                    {
                        shown.pushed = published;
                        shown.pushedSeq = seq;
                        shown.sales.removeIf(sale -> sale <= seq);
                    }
                }
                arrivals.accept(new Arrival(id, published, seq, at));
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private boolean signed(final String header, final byte[] body)
    {
        if (header == null || !header.startsWith("t=") || !header.contains(",v1="))
        {
            return false;
        }
        final String time = header.substring(2, header.indexOf(','));
        final String signature = header.substring(header.indexOf(",v1=") + 4);
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            mac.update((time + ".").getBytes(StandardCharsets.US_ASCII));
            final byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
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
        threads.shutdownNow();
    }
}
