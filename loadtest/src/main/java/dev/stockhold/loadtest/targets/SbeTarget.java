package dev.stockhold.loadtest.targets;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.gateway.binary.client.Result;
import dev.stockhold.gateway.binary.client.StockholdClient;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server reached over the binary protocol: {@code connections} pipelined {@link StockholdClient}s,
 * requests spread over them round-robin. A single connection keeps the order of requests (what a replay
 * needs).
 */
public final class SbeTarget implements Target
{
    private final String host;
    private final int port;
    private final SslContext tls;
    private final String apiKey;
    private final StockholdClient[] clients;
    private final AtomicInteger next = new AtomicInteger();
    private final List<StockholdClient> subscribers = new ArrayList<>();

    /**
     * @throws IOException when a connection cannot be made.
     */
    public SbeTarget(final String host, final int port, final int connections) throws IOException
    {
        this(host, port, connections, false, TargetAccess.open());
    }

    /**
     * @param tls    connect over TLS (an {@code sbes://} target).
     * @param access the API key each connection authenticates with first, and the TLS trust.
     * @throws IOException when a connection cannot be made or its key is refused.
     */
    public SbeTarget(final String host, final int port, final int connections, final boolean tls,
        final TargetAccess access) throws IOException
    {
        this.host = host;
        this.port = port;
        this.tls = tls ? access.nettyTls() : null;
        this.apiKey = access.apiKey();
        this.clients = new StockholdClient[connections];
        for (int i = 0; i < connections; i++)
        {
            clients[i] = connect();
        }
    }

    /** @return a new connection, over TLS and authenticated when the target asks for it. */
    private StockholdClient connect() throws IOException
    {
        final StockholdClient client = tls == null ? StockholdClient.connect(host, port)
            : StockholdClient.connect(host, port, tls);
        if (apiKey == null)
        {
            return client;
        }
        try
        {
            final Result authenticated = client.authenticate(apiKey).get(10, TimeUnit.SECONDS);
            if (!authenticated.isOk())
            {
                throw new IOException("the server refused the API key: " + authenticated);
            }
            return client;
        }
        catch (final IOException ex)
        {
            client.close();
            throw ex;
        }
        catch (final Exception ex)
        {
            client.close();
            throw new IOException("cannot authenticate to " + host + ":" + port + ": " + ex, ex);
        }
    }

    @Override
    public CompletableFuture<Answer> send(final Command request)
    {
        final StockholdClient client = clients[Math.floorMod(next.getAndIncrement(), clients.length)];
        return client.submit(request).handle((result, failure) ->
            failure != null ? Answer.lost(String.valueOf(failure)) : toAnswer(result));
    }

    @Override
    public AutoCloseable subscribe(final ChangeListener listener) throws Exception
    {
        final StockholdClient client = connect();
        synchronized (subscribers)
        {
            subscribers.add(client);
        }
        final Result subscribed = client.subscribe(Command.ABSENT, event ->
            listener.onChange(event.seq(), System.nanoTime(), levels(event.levels())))
            .get(10, TimeUnit.SECONDS);
        if (!subscribed.isOk())
        {
            client.close();
            throw new IOException("subscription refused: " + subscribed);
        }
        return () ->
        {
            final boolean open;
            synchronized (subscribers)
            {
                open = subscribers.remove(client);
            }
            if (open)
            {
                client.close();
            }
        };
    }

    @Override
    public void sendRecordedTimes()
    {
        for (final StockholdClient client : clients)
        {
            client.stampRecordedTimes();
        }
    }

    @Override
    public OptionalLong digest() throws Exception
    {
        final Result result = clients[0].getDigest().get(30, TimeUnit.SECONDS);
        if (result instanceof Result.Digest)
        {
            return OptionalLong.of(((Result.Digest)result).digest());
        }
        throw new IOException("digest refused: " + result);
    }

    @Override
    public OptionalLong serverMemoryBytes()
    {
        return OptionalLong.empty();
    }

    @Override
    public String describe()
    {
        return (tls == null ? "sbe://" : "sbes://") + host + ":" + port + " (" + clients.length + " connections)";
    }

    @Override
    public void close()
    {
        for (final StockholdClient client : clients)
        {
            client.close();
        }
        synchronized (subscribers)
        {
            subscribers.forEach(StockholdClient::close);
            subscribers.clear();
        }
    }

    /** @return the binary client's answer in the harness's shape. */
    static Answer toAnswer(final Result result)
    {
        if (result instanceof Result.Failure)
        {
            final Result.Failure failure = (Result.Failure)result;
            return Answer.failure(failure.error(), failure.sequence(), failure.detail());
        }
        if (result instanceof Result.Reservation)
        {
            final Result.Reservation reservation = (Result.Reservation)result;
            final List<Answer.Line> lines = new ArrayList<>(reservation.lines().size());
            for (final Result.ReservationLine line : reservation.lines())
            {
                lines.add(new Answer.Line(line.sku(), line.warehouse(), line.quantity(), line.presale(),
                    line.deducted(), line.released(), line.returned()));
            }
            return new Answer(ErrorCode.OK, reservation.sequence(), reservation.replayed(), reservation.state(),
                lines, List.of(), null);
        }
        if (result instanceof Result.Levels)
        {
            final Result.Levels levels = (Result.Levels)result;
            return new Answer(ErrorCode.OK, levels.sequence(), levels.replayed(), null, List.of(),
                levels(levels.levels()), null);
        }
        return new Answer(ErrorCode.OK, result.sequence(), false, null, List.of(), List.of(), null);
    }

    private static List<Answer.Level> levels(final List<Result.Level> levels)
    {
        final List<Answer.Level> out = new ArrayList<>(levels.size());
        for (final Result.Level level : levels)
        {
            out.add(new Answer.Level(level.sku(), level.warehouse(), level.onHand(), level.reserved(),
                level.inTransit(), level.presaleReserved(), level.safetyStock(), level.version()));
        }
        return out;
    }
}
