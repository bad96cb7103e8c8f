package dev.stockhold.gateway.crash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server process dies under load from 8 HTTP clients, round after round, on one data directory:
 * by SIGKILL at a random moment, or halted at an exact point of the command path (a failpoint): before a
 * journal batch is written, after it is written and before anything is answered, inside the change-log
 * append, before a reply, half-way through a snapshot file, before the ledger applies a command. Background
 * snapshots every 500 commands make kills land around snapshot building too.
 * <p>
 * After every death a start of its own (no failpoint armed, killed once done) checks survival and liveness alike: the recovered digest equals what an offline
 * {@code journal verify} computes from the same files; every acknowledged lock of the last round (and a
 * sample of older ones) is there with its lines and no SKU has less reserved than its acknowledged locks; a
 * write is answered within a second; and the change feed resumes where the last round's reading stopped,
 * with every acknowledged lock since. Rounds: 10 in CI; {@code -Dstockhold.crashRounds=N} for a long run
 * (docs: 200). The seed ({@code -Dstockhold.seed}) and a summary (kills by phase, restart times) are printed.
 */
class ServerCrashTest
{
    private static final int SKUS = 20;
    private static final long STOCK = 100_000_000;
    private static final int OLD_SAMPLE = 200;
    /** Where a round may die, with the range of the failpoint's hit count that makes it land within seconds. */
    private static final String[][] POINTS = {
        {"journal.append", "20", "3000"},
        {"journal.appended", "20", "3000"},
        {"changelog.append", "20", "4000"},
        {"responder.reply", "20", "4000"},
        {"ledger.apply", "20", "4000"},
        {"snapshot.write", "1", "6"},
    };

    @Test
    void everyRestartKeepsEveryAcknowledgedLockAndAnswers(@TempDir final Path dataDir) throws Exception
    {
        final long seed = Long.getLong("stockhold.seed", System.nanoTime());
        final int rounds = Integer.getInteger("stockhold.crashRounds", Boolean.getBoolean("stockhold.long") ? 200 : 10);
        System.out.println("ServerCrashTest seed " + seed + " rounds " + rounds);
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        final Map<String, Long> sequences = new ConcurrentHashMap<>();
        final AtomicInteger orderNumber = new AtomicInteger();
        final Map<String, Integer> killsByPhase = new TreeMap<>();
        final List<Long> restartMillis = new ArrayList<>();
        List<String> lastRound = List.of();
        long feedPosition = 0;
        for (int round = 0; round <= rounds; round++)
        {
            final String when = "round " + round + " (seed " + seed + ")";
            if (round == 0)
            {
                try (ServerProcess server = ServerProcess.start("crash-setup", dataDir, List.of()).awaitReady())
                {
                    for (int sku = 0; sku < SKUS; sku++)
                    {
                        assertEquals(200, server.send("PUT", "/v1/stock/S" + sku + "/W1", "{\"onHand\":" + STOCK + "}")
                            .statusCode());
                    }
                    server.kill();
                }
            }
            else
            {
                // A start of its own for the checks, so that no failpoint can fire while they run; killed after.
                final String offlineDigest = CrashChecks.offlineDigest(dataDir);
                try (ServerProcess server = ServerProcess.start("crash-" + round + "-check", dataDir, List.of(),
                    "--snapshot-every", "500").awaitReady())
                {
                    restartMillis.add(server.millisSinceStart());
                    assertEquals(offlineDigest, CrashChecks.recoveredDigest(server), when + ": digest = journal verify");
                    verifyLocks(server, acknowledged, lastRound, random, when);
                    feedPosition = verifyLiveAndFeed(server, sequences, feedPosition, when);
                    server.kill();
                }
            }
            if (round == rounds)
            {
                break;
            }
            final String[] point = POINTS[random.nextInt(POINTS.length)];
            final boolean sigkill = random.nextInt(10) < 4;
            final long hit = Long.parseLong(point[1]) + random.nextLong(Long.parseLong(point[2]) - Long.parseLong(point[1]));
            final List<String> properties = sigkill ? List.of()
                : List.of("-Dstockhold.failpoints=" + point[0] + ":halt@" + hit);
            try (ServerProcess server = ServerProcess.start("crash-" + round, dataDir, properties,
                "--snapshot-every", "500").awaitReady())
            {
                final Set<String> thisRound = ConcurrentHashMap.newKeySet();
                final AtomicBoolean running = new AtomicBoolean(true);
                final List<CompletableFuture<Void>> clients = new ArrayList<>();
                for (int c = 0; c < 8; c++)
                {
                    clients.add(CompletableFuture.runAsync(() -> lockUntilDown(server, running, acknowledged, sequences,
                        thisRound, orderNumber)));
                }
                final String phase = dieSomehow(server, sigkill, point[0], random);
                killsByPhase.merge(phase, 1, Integer::sum);
                running.set(false);
                for (final CompletableFuture<Void> client : clients)
                {
                    client.get(30, TimeUnit.SECONDS);
                }
                lastRound = new ArrayList<>(thisRound);
            }
        }
        restartMillis.sort(null);
        System.out.println("ServerCrashTest: " + acknowledged.size() + " acknowledged locks survived " + rounds
            + " deaths; by phase " + killsByPhase + "; restart to ready ms: median "
            + restartMillis.get(restartMillis.size() / 2) + ", max " + restartMillis.get(restartMillis.size() - 1));
        assertTrue(acknowledged.size() > rounds, "the load made progress before each death: " + acknowledged.size());
    }

    /** Kills the server by SIGKILL after a while, or waits for its failpoint; @return the phase it died in. */
    private static String dieSomehow(final ServerProcess server, final boolean sigkill, final String point,
        final SplittableRandom random) throws InterruptedException
    {
        if (sigkill)
        {
            Thread.sleep(300 + random.nextInt(1200));
            server.kill();
            return "sigkill";
        }
        final int status = server.awaitExit(6);
        if (status == -1)
        {
            // The failpoint's count was not reached in time (a quiet snapshot writer): kill it anyway.
            server.kill();
            return "sigkill (" + point + " not reached)";
        }
        assertEquals(137, status, "the failpoint halted the server: " + server.tail());
        return point;
    }

    /** Locks one unit or two of a random SKU per request; records each 201 before the next request. */
    private static void lockUntilDown(final ServerProcess server, final AtomicBoolean running,
        final Map<String, Integer> acknowledged, final Map<String, Long> sequences, final Set<String> thisRound,
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
                final HttpResponse<String> answer = server.send("POST", "/v1/reservations", body, Duration.ofSeconds(10));
                if (answer.statusCode() == 201)
                {
                    acknowledged.put(orderId, sku * 10 + quantity);
                    sequences.put(orderId, Long.parseLong(answer.headers().firstValue("Stockhold-Seq").orElseThrow()));
                    thisRound.add(orderId);
                }
            }
            catch (final IOException | InterruptedException ex)
            {
                return;
            }
        }
    }

    /** Every lock of the last round and a sample of older ones are there; no SKU has less reserved than acknowledged. */
    private static void verifyLocks(final ServerProcess server, final Map<String, Integer> acknowledged,
        final List<String> lastRound, final SplittableRandom random, final String when) throws Exception
    {
        final List<String> all = new ArrayList<>(acknowledged.keySet());
        final Set<String> checked = new HashSet<>(lastRound);
        for (int i = 0; i < OLD_SAMPLE && !all.isEmpty(); i++)
        {
            checked.add(all.get(random.nextInt(all.size())));
        }
        for (final String orderId : checked)
        {
            final HttpResponse<String> answer = server.send("GET", "/v1/reservations/" + orderId, null);
            final int sku = acknowledged.get(orderId) / 10;
            final int quantity = acknowledged.get(orderId) % 10;
            assertEquals(200, answer.statusCode(), when + ": acknowledged " + orderId + " is gone");
            assertTrue(answer.body().contains("\"sku\":\"S" + sku + "\"") && answer.body().contains("\"quantity\":" + quantity),
                when + ": " + answer.body());
        }
        final long[] ackedReserved = new long[SKUS];
        for (final int value : acknowledged.values())
        {
            ackedReserved[value / 10] += value % 10;
        }
        for (int sku = 0; sku < SKUS; sku++)
        {
            final String level = server.send("GET", "/v1/stock/S" + sku + "/W1", null).body();
            final long reserved = field(level, "reserved");
            assertTrue(reserved >= ackedReserved[sku], when + ": S" + sku + " reserved " + reserved + " < acked "
                + ackedReserved[sku]);
            assertEquals(STOCK, field(level, "onHand"), when + ": locks never change on-hand stock");
            assertEquals(STOCK - reserved, field(level, "available"), when + ": " + level);
        }
    }

    /**
     * A write is answered within a second, and the feed resumes after {@code feedPosition} with every
     * acknowledged lock since; @return the new position.
     */
    private static long verifyLiveAndFeed(final ServerProcess server, final Map<String, Long> sequences,
        final long feedPosition, final String when) throws Exception
    {
        final long startNanos = System.nanoTime();
        final HttpResponse<String> write = server.send("POST", "/v1/stock/S0/W1/adjust", "{\"onHandDelta\":0,"
            + "\"inTransitDelta\":1}", CrashChecks.WRITE_DEADLINE);
        assertEquals(200, write.statusCode(), when + ": a write is answered after the restart: " + write.body());
        assertTrue(System.nanoTime() - startNanos < CrashChecks.WRITE_DEADLINE.toNanos(), when + ": promptly");
        final long newest = Long.parseLong(write.headers().firstValue("Stockhold-Seq").orElseThrow());
        final Set<Long> feed = new HashSet<>(CrashChecks.feedIds(server, feedPosition, newest));
        for (final long sequence : sequences.values())
        {
            assertTrue(sequence <= feedPosition || feed.contains(sequence), when + ": the feed after " + feedPosition
                + " has acknowledged lock " + sequence);
        }
        return newest;
    }

    private static long field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return Long.parseLong(matcher.group(1));
    }
}
