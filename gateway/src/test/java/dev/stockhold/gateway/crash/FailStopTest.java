package dev.stockhold.gateway.crash;

import dev.stockhold.engine.command.CommandType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fail-stop, path by path, on the real server process: a fault is injected at an exact point (a failpoint, or
 * a data disk that fills up), under load from four clients. Each time the server must: log one
 * {@code event=engine_failed} line naming the stage, answer {@code /health} 503 with a problem body naming
 * the failure, show {@code stockhold_engine_failed 1}, answer requests promptly (ERR_INTERNAL; no client
 * waits out a time-out), and exit with status 70 within a few seconds. A restart without the fault then
 * recovers every acknowledged lock, answers a write within a second, serves every journaled change in its
 * feed, and recovers to the digest an offline {@code journal verify} computes.
 */
class FailStopTest
{
    private static final Set<CommandType> CHANGES = Set.of(CommandType.LOCK, CommandType.SET_STOCK);
    /** Three seconds of 503s before the exit, so that the monitor sees them even on a busy machine. */
    private static final String GRACE = "-Dstockhold.failStopGraceMillis=3000";

    static Stream<Arguments> faults()
    {
        return Stream.of(
            Arguments.of("responder", "responder.reply:throw@150", "single"),
            Arguments.of("responder", "changelog.append:throw@150", "single"),
            Arguments.of("responder", "changelog.append:throw@150", "staged"),
            Arguments.of("journal", "journal.append:throw@60", "single"),
            Arguments.of("journal", "journal.append:throw@60", "staged"),
            Arguments.of("journal", "journal.append:error@60", "single"),
            Arguments.of("ledger", "ledger.apply:throw@200", "single"),
            Arguments.of("ledger", "ledger.apply:throw@200", "staged"),
            Arguments.of("snapshot", "snapshot.write:throw@1", "single"));
    }

    @ParameterizedTest(name = "{1} ({2})")
    @MethodSource("faults")
    void anInternalFailureStopsTheServerAndARestartRecovers(final String stage, final String failpoint,
        final String layout, @TempDir final Path dataDir) throws Exception
    {
        final String name = "failstop-" + failpoint.replace(':', '-').replace('@', '-') + "-" + layout;
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        try (ServerProcess server = ServerProcess.start(name, dataDir, List.of("-Dstockhold.failpoints=" + failpoint,
            GRACE),
            "--thread-layout", layout, "--snapshot-every", "100").awaitReady())
        {
            final Observed observed = loadUntilExit(server, acknowledged, 1);
            observed.assertFailStop(server, stage);
        }
        restartAndCheck(name, dataDir, acknowledged);
    }

    @Test
    void aFullDataDiskStopsTheServerAndARestartOnALargerOneRecovers(@TempDir final Path work) throws Exception
    {
        final Path small = work.resolve("small");
        Files.createDirectories(small);
        // 96 MiB is what a start needs with a 32 MiB reserve (64 MiB are faulted in ahead of the journals).
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=112m", "tmpfs", small.toString()) == 0,
            "needs permission to mount a small tmpfs");
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        final Path larger = work.resolve("larger");
        try
        {
            try (ServerProcess server = ServerProcess.start("failstop-disk-full", small, List.of(GRACE),
                "--min-free-disk-mb", "32").awaitReady())
            {
                // Locks of 100 lines each write about 20 KB of journal and change log: the disk fills in seconds.
                final Observed observed = loadUntilExit(server, acknowledged, 100);
                observed.assertFailStop(server, "disk");
            }
            assertEquals(0, run("cp", "-a", "--sparse=always", small.toString(), larger.toString()));
        }
        finally
        {
            run("umount", small.toString());
        }
        restartAndCheck("failstop-disk-full", larger, acknowledged);
    }

    /**
     * A failure while the server stops in order must still end the process, non-zero, and not leave it up
     * with a dead stage: the final snapshot runs out of heap on the stopping thread (as a ledger of millions
     * of open orders in a small heap does), or its file write fails on the writer thread. The journal it
     * leaves recovers as any other.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"snapshot.take:oom@1", "snapshot.write:error@1"})
    void aFailureDuringAnOrderlyStopStillEndsTheProcess(final String failpoint, @TempDir final Path dataDir)
        throws Exception
    {
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        final String name = "failstop-during-stop-" + failpoint.replace(':', '-').replace('@', '-');
        try (ServerProcess server = ServerProcess.start(name, dataDir,
            List.of("-Dstockhold.failpoints=" + failpoint, GRACE), "--snapshot-every", "100000000")
            .awaitReady())
        {
            assertEquals(200, server.send("POST", "/v1/stock:batch",
                "{\"items\":[{\"sku\":\"FS\",\"warehouse\":\"W1\",\"onHand\":1000}]}").statusCode());
            for (int i = 0; i < 20; i++)
            {
                final HttpResponse<String> lock = server.send("POST", "/v1/reservations", "{\"orderId\":\"stop-" + i
                    + "\",\"lines\":[{\"sku\":\"FS\",\"warehouse\":\"W1\",\"quantity\":1}]}");
                assertEquals(201, lock.statusCode(), lock.body());
                acknowledged.put("stop-" + i, Long.parseLong(lock.headers().firstValue("Stockhold-Seq").orElseThrow()));
            }
            server.requestStop();
            final int status = server.awaitExit(20);
            assertEquals(70, status, "a stop that failed ends non-zero, and ends; log:\n" + server.tail());
            assertTrue(server.logLine("event=engine_failed") != null || server.logLine("event=stop_failed") != null,
                "one line names the failure:\n" + server.tail());
        }
        restartAndCheck(name, dataDir, acknowledged);
    }

    /** What four clients and a health monitor saw while the server ran into its fault and exited. */
    private static final class Observed
    {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger internal = new AtomicInteger();
        final AtomicInteger timeouts = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        final AtomicReference<String> health = new AtomicReference<>();
        final AtomicReference<String> metrics = new AtomicReference<>();
        final AtomicLong firstFailureMillis = new AtomicLong(-1);
        int status;
        long exitedMillis;

        void assertFailStop(final ServerProcess server, final String stage)
        {
            final String log = server.tail();
            assertEquals(70, status, "exit status after an internal failure; log:\n" + log);
            assertTrue(created.get() > 0, "the load made progress first");
            assertEquals(0, timeouts.get(), "no request waited out its time-out");
            assertEquals(0, other.get(), "no answer but 201 and ERR_INTERNAL");
            final String failed = server.logLine("event=engine_failed");
            assertNotNull(failed, "one line names the failure:\n" + log);
            if (stage != null)
            {
                assertTrue(failed.contains("stage=" + stage + " "), failed);
            }
            assertNotNull(server.logLine("event=exiting status=70"), log);
            assertNotNull(health.get(), "/health answered 503 before the exit");
            assertTrue(health.get().contains("\"code\":\"ERR_INTERNAL\"") && health.get().contains("failed")
                && health.get().contains("\"status\":503"), health.get());
            assertNotNull(metrics.get(), "metrics were scraped while failed");
            assertTrue(metrics.get().contains("stockhold_engine_failed 1"), "the failure metric");
            assertTrue(firstFailureMillis.get() >= 0, "a failure was seen");
            assertTrue(exitedMillis - firstFailureMillis.get() < 7_000, "exited within 7 s of the first failure: "
                + (exitedMillis - firstFailureMillis.get()) + " ms");
            System.out.println("FailStopTest " + stage + ": exit 70 " + (exitedMillis - firstFailureMillis.get())
                + " ms after the first failure seen; " + created.get() + " locks acknowledged, " + internal.get()
                + " answered ERR_INTERNAL");
        }
    }

    private static Observed loadUntilExit(final ServerProcess server, final Map<String, Long> acknowledged,
        final int linesPerLock) throws Exception
    {
        final StringBuilder items = new StringBuilder();
        final StringBuilder lines = new StringBuilder();
        for (int line = 0; line < linesPerLock; line++)
        {
            final String sku = line == 0 ? "FS" : "FS" + line;
            items.append(line == 0 ? "" : ",").append("{\"sku\":\"").append(sku)
                .append("\",\"warehouse\":\"W1\",\"onHand\":100000000}");
            lines.append(line == 0 ? "" : ",").append("{\"sku\":\"").append(sku)
                .append("\",\"warehouse\":\"W1\",\"quantity\":1}");
        }
        assertEquals(200, server.send("POST", "/v1/stock:batch", "{\"items\":[" + items + "]}").statusCode());
        final String orderLines = lines.toString();
        final Observed observed = new Observed();
        final AtomicInteger orders = new AtomicInteger();
        final List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++)
        {
            clients.add(CompletableFuture.runAsync(() -> lockUntilDown(server, observed, orders, acknowledged,
                orderLines)));
        }
        final CompletableFuture<Void> monitor = CompletableFuture.runAsync(() -> watchHealth(server, observed));
        observed.status = server.awaitExit(60);
        observed.exitedMillis = server.millisSinceStart();
        for (final CompletableFuture<Void> client : clients)
        {
            client.get(30, TimeUnit.SECONDS);
        }
        monitor.get(30, TimeUnit.SECONDS);
        return observed;
    }

    private static void lockUntilDown(final ServerProcess server, final Observed observed, final AtomicInteger orders,
        final Map<String, Long> acknowledged, final String lines)
    {
        while (server.isAlive())
        {
            final String orderId = "fs-" + orders.incrementAndGet();
            try
            {
                final HttpResponse<String> answer = server.send("POST", "/v1/reservations", "{\"orderId\":\"" + orderId
                    + "\",\"lines\":[" + lines + "]}", Duration.ofSeconds(5));
                if (answer.statusCode() == 201)
                {
                    observed.created.incrementAndGet();
                    acknowledged.put(orderId, Long.parseLong(answer.headers().firstValue("Stockhold-Seq").orElseThrow()));
                }
                else if (answer.statusCode() == 500 && answer.body().contains("\"code\":\"ERR_INTERNAL\""))
                {
                    observed.internal.incrementAndGet();
                    observed.firstFailureMillis.compareAndSet(-1, server.millisSinceStart());
                }
                else
                {
                    observed.other.incrementAndGet();
                }
            }
            catch (final HttpTimeoutException ex)
            {
                observed.timeouts.incrementAndGet();
            }
            catch (final IOException ex)
            {
                // Refused or reset: the process has exited (or is exiting).
                return;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void watchHealth(final ServerProcess server, final Observed observed)
    {
        while (server.isAlive() && observed.metrics.get() == null)
        {
            try
            {
                final HttpResponse<String> health = server.send("GET", "/health", null, Duration.ofSeconds(2));
                if (health.statusCode() == 503)
                {
                    observed.firstFailureMillis.compareAndSet(-1, server.millisSinceStart());
                    observed.health.compareAndSet(null, health.body());
                    observed.metrics.set(server.send("GET", "/metrics", null, Duration.ofSeconds(2)).body());
                }
                Thread.sleep(10);
            }
            catch (final IOException ex)
            {
                return;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Restarts without the fault and checks the state, liveness, the feed and the digest. */
    private static void restartAndCheck(final String name, final Path dataDir, final Map<String, Long> acknowledged)
        throws Exception
    {
        final String offlineDigest = CrashChecks.offlineDigest(dataDir);
        try (ServerProcess server = ServerProcess.start(name + "-restart", dataDir, List.of()).awaitReady())
        {
            assertEquals(offlineDigest, CrashChecks.recoveredDigest(server), "recovery matches an offline verify");
            final long startNanos = System.nanoTime();
            final HttpResponse<String> write = server.send("POST", "/v1/stock/FS/W1/adjust", "{\"onHandDelta\":1}",
                CrashChecks.WRITE_DEADLINE);
            assertEquals(200, write.statusCode(), write.body());
            assertTrue(System.nanoTime() - startNanos < CrashChecks.WRITE_DEADLINE.toNanos(), "a write is answered promptly");
            for (final String orderId : acknowledged.keySet())
            {
                assertEquals(200, server.send("GET", "/v1/reservations/" + orderId, null).statusCode(),
                    "acknowledged " + orderId + " survived");
            }
            final long newest = Long.parseLong(write.headers().firstValue("Stockhold-Seq").orElseThrow());
            final Set<Long> feed = new HashSet<>(CrashChecks.feedIds(server, 0, newest));
            assertTrue(feed.containsAll(acknowledged.values()), "every acknowledged lock is in the feed");
            for (final long sequence : CrashChecks.journalSequences(dataDir, CHANGES))
            {
                assertTrue(feed.contains(sequence), "the feed has journaled change " + sequence);
            }
        }
    }

    private static int run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
