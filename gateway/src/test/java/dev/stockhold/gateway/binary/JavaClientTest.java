package dev.stockhold.gateway.binary;

import dev.stockhold.client.AuthenticationException;
import dev.stockhold.client.ConnectionLostException;
import dev.stockhold.client.RequestTimeoutException;
import dev.stockhold.client.ReservationState;
import dev.stockhold.client.Result;
import dev.stockhold.client.ResultCode;
import dev.stockhold.client.StockholdClient;
import dev.stockhold.client.request.GetReservationRequest;
import dev.stockhold.client.request.GetStockRequest;
import dev.stockhold.client.request.LockRequest;
import dev.stockhold.client.request.SetStockRequest;
import dev.stockhold.client.request.SettleRequest;
import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.gateway.security.TlsFiles;
import dev.stockhold.gateway.server.Server;
import dev.stockhold.gateway.server.ServerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client against real servers: a journaled server restarted under it (reconnection, re-authentication,
 * resumed subscriptions), TLS with a key, and a peer that never answers (timeouts, a connection dropped with
 * requests in flight).
 */
class JavaClientTest
{
    private static final Path CERT = Path.of("src", "test", "resources", "tls", "cert.pem");
    private static final Path KEY = Path.of("src", "test", "resources", "tls", "key.pem");
    private static final ApiKeys KEYS = new ApiKeys(List.of(
        new ApiKey(1, "reader", EnumSet.of(Scope.READ)),
        new ApiKey(2, "erp", EnumSet.of(Scope.READ, Scope.RESERVE, Scope.STOCK))));

    @TempDir
    Path dataDir;

    @Test
    void locksAndSettlesWithImmutableRequests() throws Exception
    {
        try (Server server = start(0); StockholdClient client = builder(server).build())
        {
            assertTrue(answer(client.submit(SetStockRequest.builder().item("JC-A", "W1", 10).item("JC-B", "W1", 5)
                .build())).isOk());
            final LockRequest lock = LockRequest.builder().orderId("JC-1").line("JC-A", "W1", 2).line("JC-B", 1)
                .ttl(Duration.ofMinutes(15)).idempotencyKey("jc-1").build();
            final Result.Reservation locked = assertInstanceOf(Result.Reservation.class, answer(client.submit(lock)));
            assertEquals(ReservationState.LOCKED, locked.state());
            assertEquals("W1", locked.lines().get(1).warehouse(), "the engine chose the warehouse");
            assertTrue(assertInstanceOf(Result.Reservation.class, answer(client.submit(lock))).replayed(),
                "the same request again is the same reservation");

            final Result.Failure short_ = assertInstanceOf(Result.Failure.class, answer(client.submit(
                LockRequest.builder().orderId("JC-2").line("JC-A", "W1", 100).build())));
            assertEquals(ResultCode.INSUFFICIENT_STOCK, short_.error());
            assertEquals("ERR_INSUFFICIENT_STOCK", short_.error().code());
            assertEquals(8, short_.shortLines().get(0).available());

            assertEquals(ReservationState.DEDUCTED, ((Result.Reservation)answer(client.submit(
                SettleRequest.deduct("JC-1")))).state());
            assertEquals(ReservationState.DEDUCTED, ((Result.Reservation)answer(client.submit(
                new GetReservationRequest("JC-1")))).state());
            assertEquals(8, ((Result.Levels)answer(client.submit(new GetStockRequest("JC-A", "W1"))))
                .levels().get(0).onHand());
        }
    }

    @Test
    void reconnectsAfterARestartAuthenticatesAgainAndResumesItsSubscription() throws Exception
    {
        Server server = start(0);
        final int port = server.binaryAddress().getPort();
        final BlockingQueue<Result.ChangeEvent> events = new LinkedBlockingQueue<>();
        try (StockholdClient client = builder(server).apiKey("erp")
            .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).build())
        {
            assertTrue(answer(client.subscribe(events::add)).isOk());
            final long first = answer(client.submit(SetStockRequest.builder().item("RC-A", "W1", 10).build()))
                .sequence();
            assertEquals(first, poll(events).seq());

            server.close();
            server = null;
            awaitDisconnected(client);
            // Submitted while the server is down: waits for the reconnection, within its timeout.
            final CompletableFuture<Result> waiting = client.submit(
                LockRequest.builder().orderId("RC-1").line("RC-A", "W1", 3).build(), Duration.ofSeconds(60));
            final CompletableFuture<Result> tooShort = client.submit(new GetStockRequest("RC-A", "W1"),
                Duration.ofMillis(100));
            final ExecutionException expired = assertThrows(ExecutionException.class,
                () -> tooShort.get(10, TimeUnit.SECONDS));
            assertInstanceOf(RequestTimeoutException.class, expired.getCause());
            assertFalse(waiting.isDone());

            server = start(port);
            final Result.Reservation locked = assertInstanceOf(Result.Reservation.class, answer(waiting),
                "the key was sent again on the new connection");
            assertEquals(3, locked.lines().get(0).quantity());
            final Result.ChangeEvent afterRestart = poll(events);
            assertEquals(locked.sequence(), afterRestart.seq(), "the subscription resumed after the last event seen");
            assertEquals(7, afterRestart.levels().get(0).available());
            assertNull(events.poll(100, TimeUnit.MILLISECONDS), "no event twice");
        }
        finally
        {
            if (server != null)
            {
                server.close();
            }
        }
    }

    @Test
    void tlsWithAKeyAndTheRefusals() throws Exception
    {
        try (Server server = Server.start(ServerSettings.defaults().withPorts(0, 0).withDataDir(dataDir)
            .withKeys(KEYS).withTls(new TlsFiles(CERT, KEY))))
        {
            try (StockholdClient reader = builder(server).tls(CERT).apiKey("reader").build())
            {
                assertTrue(reader.isConnected());
                assertEquals(ResultCode.SKU_NOT_FOUND, answer(reader.submit(new GetStockRequest("T-A", "W1"))).code());
                assertEquals(ResultCode.FORBIDDEN, answer(reader.submit(SetStockRequest.builder()
                    .item("T-A", "W1", 1).build())).code());
            }
            final AuthenticationException refused = assertThrows(AuthenticationException.class,
                () -> builder(server).tls(CERT).apiKey("wrong").build());
            assertEquals(ResultCode.UNAUTHORIZED, refused.refusal().error());
            assertThrows(IOException.class, () -> builder(server).apiKey("reader")
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(2)).build(),
                "plain TCP to a TLS port gets nowhere");
        }
    }

    @Test
    void aSilentPeerTimesRequestsOutAndADroppedConnectionFailsThoseInFlight() throws Exception
    {
        try (ServerSocket silent = new ServerSocket(0))
        {
            final List<Socket> accepted = new ArrayList<>();
            final Thread acceptor = new Thread(() ->
            {
                try
                {
                    while (true)
                    {
                        final Socket socket = silent.accept();
                        synchronized (accepted)
                        {
                            accepted.add(socket);
                            accepted.notifyAll();
                        }
                    }
                }
                catch (final IOException closed)
                {
                    // The test is over.
                }
            }, "silent-peer");
            acceptor.setDaemon(true);
            acceptor.start();
            try (StockholdClient client = StockholdClient.builder().port(silent.getLocalPort())
                .requestTimeout(Duration.ofMillis(300)).reconnectBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30))
                .build())
            {
                final long start = System.nanoTime();
                final ExecutionException timedOut = assertThrows(ExecutionException.class,
                    () -> client.submit(new GetStockRequest("S", "W")).get(10, TimeUnit.SECONDS));
                assertInstanceOf(RequestTimeoutException.class, timedOut.getCause());
                assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "not before its time");

                final CompletableFuture<Result> inFlight = client.submit(new GetStockRequest("S", "W"),
                    Duration.ofMinutes(1));
                Thread.sleep(100);
                synchronized (accepted)
                {
                    while (accepted.isEmpty())
                    {
                        accepted.wait(1000);
                    }
                    for (final Socket socket : accepted)
                    {
                        socket.close();
                    }
                }
                final ExecutionException lost = assertThrows(ExecutionException.class,
                    () -> inFlight.get(10, TimeUnit.SECONDS), "fails when the connection drops, not at its timeout");
                assertInstanceOf(ConnectionLostException.class, lost.getCause());
            }
        }
    }

    @Test
    void aClosedClientRefusesRequests() throws Exception
    {
        try (Server server = start(0))
        {
            final StockholdClient client = builder(server).build();
            client.close();
            final ExecutionException closed = assertThrows(ExecutionException.class,
                () -> client.submit(new GetStockRequest("S", "W")).get(10, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, closed.getCause());
        }
    }

    private Server start(final int binaryPort) throws Exception
    {
        return Server.start(ServerSettings.defaults().withPorts(0, binaryPort).withDataDir(dataDir).withKeys(KEYS));
    }

    private static StockholdClient.Builder builder(final Server server)
    {
        return StockholdClient.builder().host("127.0.0.1").port(server.binaryAddress().getPort())
            .apiKey("erp").requestTimeout(Duration.ofSeconds(30));
    }

    private static Result answer(final CompletableFuture<Result> future) throws Exception
    {
        return future.get(60, TimeUnit.SECONDS);
    }

    private static Result.ChangeEvent poll(final BlockingQueue<Result.ChangeEvent> events) throws InterruptedException
    {
        final Result.ChangeEvent event = events.poll(30, TimeUnit.SECONDS);
        assertNotNull(event, "expected a change event");
        return event;
    }

    private static void awaitDisconnected(final StockholdClient client) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.isConnected() && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        assertFalse(client.isConnected());
    }
}
