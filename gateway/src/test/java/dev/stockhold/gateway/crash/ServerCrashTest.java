package dev.stockhold.gateway.crash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server process is killed with SIGKILL while 8 clients lock stock over HTTP; after each restart
 * on the same data directory every acknowledged lock is there with its lines, and no cell is oversold. The
 * server snapshots in the background every 500 commands, so kills also land while one is being built.
 * Rounds: 3 in CI, {@code -Dstockhold.long=true} for 20. The seed is printed.
 */
class ServerCrashTest
{
    private static final Pattern READY = Pattern.compile("event=server_ready http=/127\\.0\\.0\\.1:(\\d+)");
    private static final int SKUS = 20;
    private static final long STOCK = 1_000_000;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedLockSurvivesAKillDashNine(@TempDir final Path dataDir) throws Exception
    {
        final long seed = Long.getLong("stockhold.seed", System.nanoTime());
        final int rounds = Boolean.getBoolean("stockhold.long") ? 20 : 3;
        System.out.println("ServerCrashTest seed " + seed + " rounds " + rounds);
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger orderNumber = new AtomicInteger();
        for (int round = 0; round < rounds; round++)
        {
            final Process server = start(dataDir);
            final int port = awaitReady(server);
            if (round == 0)
            {
                for (int sku = 0; sku < SKUS; sku++)
                {
                    assertEquals(200, send(port, "PUT", "/v1/stock/S" + sku + "/W1", "{\"onHand\":" + STOCK + "}").statusCode());
                }
            }
            verify(port, acknowledged, "after restart " + round);
            final AtomicBoolean running = new AtomicBoolean(true);
            final List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++)
            {
                clients.add(CompletableFuture.runAsync(() -> lockUntilDown(port, running, acknowledged, orderNumber)));
            }
            Thread.sleep(300 + random.nextInt(1200));
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            running.set(false);
            for (final CompletableFuture<Void> client : clients)
            {
                client.get(30, TimeUnit.SECONDS);
            }
        }
        final Process server = start(dataDir);
        try
        {
            final int port = awaitReady(server);
            verify(port, acknowledged, "final restart");
            assertTrue(acknowledged.size() > rounds, "the load made progress before each kill: " + acknowledged.size());
            System.out.println("ServerCrashTest: " + acknowledged.size() + " acknowledged locks all survived " + rounds + " kills");
        }
        finally
        {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Locks one unit or two of a random SKU per request; records each 201 before the next request. */
    private void lockUntilDown(final int port, final AtomicBoolean running, final Map<String, Integer> acknowledged,
        final AtomicInteger orderNumber)
    {
        final SplittableRandom random = new SplittableRandom(orderNumber.get());
        while (running.get())
        {
            final String orderId = "crash-" + orderNumber.incrementAndGet();
            final int sku = random.nextInt(SKUS);
            final int quantity = 1 + random.nextInt(2);
            final String body = "{\"orderId\":\"" + orderId + "\",\"lines\":[{\"sku\":\"S" + sku
                + "\",\"warehouse\":\"W1\",\"quantity\":" + quantity + "}]}";
            try
            {
                if (send(port, "POST", "/v1/reservations", body).statusCode() == 201)
                {
                    acknowledged.put(orderId, sku * 10 + quantity);
                }
            }
            catch (final IOException | InterruptedException ex)
            {
                return;
            }
        }
    }

    private void verify(final int port, final Map<String, Integer> acknowledged, final String when) throws Exception
    {
        final long[] ackedReserved = new long[SKUS];
        for (final Map.Entry<String, Integer> entry : acknowledged.entrySet())
        {
            final HttpResponse<String> answer = send(port, "GET", "/v1/reservations/" + entry.getKey(), null);
            final int sku = entry.getValue() / 10;
            final int quantity = entry.getValue() % 10;
            assertEquals(200, answer.statusCode(), when + ": acknowledged " + entry.getKey() + " is gone");
            assertTrue(answer.body().contains("\"sku\":\"S" + sku + "\"") && answer.body().contains("\"quantity\":" + quantity),
                when + ": " + answer.body());
            ackedReserved[sku] += quantity;
        }
        for (int sku = 0; sku < SKUS; sku++)
        {
            final String level = send(port, "GET", "/v1/stock/S" + sku + "/W1", null).body();
            final long reserved = field(level, "reserved");
            assertTrue(reserved >= ackedReserved[sku], when + ": S" + sku + " reserved " + reserved + " < acked "
                + ackedReserved[sku]);
            assertEquals(STOCK, field(level, "onHand"), when + ": locks never change on-hand stock");
            assertEquals(STOCK - reserved, field(level, "available"), when + ": " + level);
        }
    }

    private static long field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return Long.parseLong(matcher.group(1));
    }

    private HttpResponse<String> send(final int port, final String method, final String path, final String body)
        throws IOException, InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Process start(final Path dataDir) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access")
                || argument.startsWith("-Dchronicle") || argument.startsWith("--sun-misc"))
            {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
            "dev.stockhold.gateway.server.StockholdServer", "--data-dir", dataDir.toString(),
            "--http-port", "0", "--binary-port", "0",
            // Background snapshots every few hundred commands, so that kills land around them too.
            "--snapshot-every", "500"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the server's log until it says where it listens; keeps draining it afterwards. */
    private static int awaitReady(final Process server) throws Exception
    {
        final BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        final CompletableFuture<Integer> port = new CompletableFuture<>();
        final Thread drain = new Thread(() ->
        {
            try
            {
                String line;
                while ((line = log.readLine()) != null)
                {
                    final Matcher matcher = READY.matcher(line);
                    if (matcher.find())
                    {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            }
            catch (final IOException ignored)
            {
                // The process was killed: its output ends.
            }
            port.completeExceptionally(new IllegalStateException("server exited before it was ready"));
        }, "server-log");
        drain.setDaemon(true);
        drain.start();
        return port.get(60, TimeUnit.SECONDS);
    }
}
