package dev.stockhold.loadtest.targets;

import dev.stockhold.client.RequestWriter;
import dev.stockhold.client.Result;
import dev.stockhold.client.StockholdClient;
import dev.stockhold.client.request.GetDigestRequest;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.gateway.binary.CommandEncoder;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server reached over the binary protocol: {@code connections} pipelined {@link StockholdClient}s,
 * requests spread over them round-robin. A single connection keeps the order of requests (what a replay
 * needs). The harness's requests are engine commands: each goes out through the client's raw encoding path
 * ({@link CommandEncoder}), and its answer comes back decoded.
 */
public final class SbeTarget implements Target
{
    /** Generous: a saturating run queues deeply, and a lost answer is counted as lost, not retried. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final String host;
    private final int port;
    private final SslContext tls;
    private final String apiKey;
    private final Connection[] clients;
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
        this.clients = new Connection[connections];
        for (int i = 0; i < connections; i++)
        {
            clients[i] = new Connection(connect());
        }
    }

    /** @return a new connection, over TLS and authenticated when the target asks for it. */
    private StockholdClient connect() throws IOException
    {
        return StockholdClient.builder().host(host).port(port).tls(tls).apiKey(apiKey)
            .requestTimeout(REQUEST_TIMEOUT).build();
    }

    @Override
    public CompletableFuture<Answer> send(final Command request)
    {
        final Connection connection = clients[Math.floorMod(next.getAndIncrement(), clients.length)];
        return connection.submit(request).handle((result, failure) ->
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
        final Result subscribed = client.subscribe(event ->
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
        for (final Connection connection : clients)
        {
            connection.encoder.stampRecordedTimes(true);
        }
    }

    @Override
    public OptionalLong digest() throws Exception
    {
        final Result result = clients[0].client.submit(new GetDigestRequest()).get(30, TimeUnit.SECONDS);
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
        for (final Connection connection : clients)
        {
            connection.client.close();
        }
        synchronized (subscribers)
        {
            subscribers.forEach(StockholdClient::close);
            subscribers.clear();
        }
    }

    /**
     * @return the binary client's answer in the harness's shape, with what it shows of channels (the channels'
     * rules and push settings, a listing, a kit, an allocation, each reserved line's listing and kit) as the HTTP
     * target reads it, so a replay compares channel answers field by field over either protocol.
     */
    static Answer toAnswer(final Result result)
    {
        if (result instanceof Result.Failure)
        {
            final Result.Failure failure = (Result.Failure)result;
            return Answer.failure(ErrorCode.fromWireCode(failure.error().wireCode()), failure.sequence(),
                failure.detail());
        }
        if (result instanceof Result.Reservation)
        {
            final Result.Reservation reservation = (Result.Reservation)result;
            final List<Answer.Line> lines = new ArrayList<>(reservation.lines().size());
            final List<String> sources = new ArrayList<>(reservation.lines().size());
            for (final Result.ReservationLine line : reservation.lines())
            {
                lines.add(new Answer.Line(line.sku(), line.warehouse(), line.quantity(), line.presale(),
                    line.deducted(), line.released(), line.returned()));
                // The protocol's empty string is "none", as HTTP's absent field.
                sources.add(ChannelAnswer.lineSource(orNull(line.listing()), orNull(line.kit())));
            }
            return new Answer(ErrorCode.OK, reservation.sequence(), reservation.replayed(),
                reservation.state() == null ? null : ReservationState.valueOf(reservation.state().name()),
                lines, List.of(), null, new ChannelAnswer(List.of(), null, null, null, sources));
        }
        if (result instanceof Result.Levels)
        {
            final Result.Levels levels = (Result.Levels)result;
            return new Answer(ErrorCode.OK, levels.sequence(), levels.replayed(), null, List.of(),
                levels(levels.levels()), null, ChannelAnswer.NONE);
        }
        if (result instanceof Result.Channels)
        {
            final Result.Channels channels = (Result.Channels)result;
            final List<ChannelAnswer.Rules> rules = new ArrayList<>(channels.channels().size());
            channels.channels().forEach(channel -> rules.add(rules(channel)));
            return channelAnswer(channels.sequence(), channels.replayed(),
                new ChannelAnswer(rules, null, null, null, List.of()));
        }
        if (result instanceof Result.Listing)
        {
            final Result.Listing listing = (Result.Listing)result;
            return channelAnswer(listing.sequence(), listing.replayed(), new ChannelAnswer(List.of(),
                new ChannelAnswer.Listing(listing.channel(), listing.listingId(), listing.sku(), listing.published(),
                    listing.version()), null, null, List.of()));
        }
        if (result instanceof Result.Kit)
        {
            final Result.Kit kit = (Result.Kit)result;
            return channelAnswer(kit.sequence(), kit.replayed(), new ChannelAnswer(List.of(), null, kit(kit), null,
                List.of()));
        }
        if (result instanceof Result.Allocation)
        {
            final Result.Allocation allocation = (Result.Allocation)result;
            return channelAnswer(allocation.sequence(), allocation.replayed(), new ChannelAnswer(List.of(), null, null,
                new ChannelAnswer.Allocation(allocation.channel(), allocation.sku(), allocation.warehouse(),
                    allocation.units(), allocation.version()), List.of()));
        }
        return new Answer(ErrorCode.OK, result.sequence(), false, null, List.of(), List.of(), null);
    }

    private static Answer channelAnswer(final long sequence, final boolean replayed, final ChannelAnswer channel)
    {
        return new Answer(ErrorCode.OK, sequence, replayed, null, List.of(), List.of(), null, channel);
    }

    private static ChannelAnswer.Rules rules(final Result.Channel channel)
    {
        final Result.ChannelPush push = channel.push();
        return new ChannelAnswer.Rules(channel.channel(), channel.warehouses(), channel.bufferUnits(),
            channel.percent(), channel.maxUnits() == Result.NO_CAP ? -1 : channel.maxUnits(), channel.allowPresale(),
            push == null ? null : push.url(), push == null ? 0 : push.ratePerSecond(), push == null ? 0 : push.burst(),
            push == null ? 0 : push.maxListings(), channel.version());
    }

    private static ChannelAnswer.Kit kit(final Result.Kit kit)
    {
        final List<String> components = new ArrayList<>(kit.components().size());
        kit.components().forEach(component -> components.add(component.sku() + "×" + component.quantity()));
        final List<String> warehouses = new ArrayList<>(kit.warehouses().size());
        kit.warehouses().forEach(warehouse -> warehouses.add(warehouse.warehouse() + "=" + warehouse.available()));
        return new ChannelAnswer.Kit(kit.sku(), components, kit.available(), warehouses, kit.version());
    }

    private static String orNull(final String text)
    {
        return text == null || text.isEmpty() ? null : text;
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

    /** One client and the encoder of its commands (used under the client's lock, one request at a time). */
    private static final class Connection
    {
        final StockholdClient client;
        final CommandEncoder encoder = new CommandEncoder();

        Connection(final StockholdClient client)
        {
            this.client = client;
        }

        CompletableFuture<Result> submit(final Command request)
        {
            final RequestWriter writer = (correlationId, buffer, offset) ->
            {
                final long own = request.correlationId;
                request.correlationId = correlationId;
                try
                {
                    return encoder.encode(request, buffer, offset);
                }
                finally
                {
                    request.correlationId = own;
                }
            };
            return client.submit(writer);
        }
    }
}
