package dev.stockhold.gateway.binary;

import dev.stockhold.client.ReplyListener;
import dev.stockhold.client.RequestWriter;
import dev.stockhold.client.Result;
import dev.stockhold.client.StockholdClient;
import dev.stockhold.client.request.BindListingRequest;
import dev.stockhold.client.request.GetAllocationRequest;
import dev.stockhold.client.request.GetChannelRequest;
import dev.stockhold.client.request.GetDigestRequest;
import dev.stockhold.client.request.GetKitRequest;
import dev.stockhold.client.request.GetListingRequest;
import dev.stockhold.client.request.GetStockRequest;
import dev.stockhold.client.request.ListChannelsRequest;
import dev.stockhold.client.request.LockRequest;
import dev.stockhold.client.request.PutChannelRequest;
import dev.stockhold.client.request.PutKitRequest;
import dev.stockhold.client.request.SetAllocationRequest;
import dev.stockhold.client.request.SetStockRequest;
import dev.stockhold.client.request.SettleRequest;
import dev.stockhold.client.request.Settlement;
import dev.stockhold.client.request.UnbindListingRequest;
import dev.stockhold.client.sbe.AuthenticateEncoder;
import dev.stockhold.client.sbe.MessageHeaderEncoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import io.netty.handler.ssl.SslContext;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Java client as the server's tests drive it: one {@link StockholdClient} and one-line calls built from the
 * client's request types, plus {@link #submit(Command)} for tests written in engine commands (sent through the
 * client's raw encoding path with {@link CommandEncoder}) and {@link #authenticate} to test a connection that
 * authenticates late.
 */
public final class TestClient implements AutoCloseable
{
    private final StockholdClient client;
    private final CommandEncoder commands = new CommandEncoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AuthenticateEncoder authenticate = new AuthenticateEncoder();
    private final RequestWriter rawWriter = (correlationId, buffer, offset) -> encodeSending(buffer, offset);
    private Command sending;

    private TestClient(final StockholdClient client)
    {
        this.client = client;
    }

    /** @return a client of {@code host:port}, plain TCP, no key. */
    public static TestClient connect(final String host, final int port) throws IOException
    {
        return new TestClient(builder(host, port).build());
    }

    /** @return a client of {@code host:port} over TLS. */
    public static TestClient connect(final String host, final int port, final SslContext tls) throws IOException
    {
        return new TestClient(builder(host, port).tls(tls).build());
    }

    /** @return a client of {@code host:port} that authenticates with {@code apiKey} first. */
    public static TestClient connect(final String host, final int port, final String apiKey) throws IOException
    {
        return new TestClient(builder(host, port).apiKey(apiKey).build());
    }

    /** @return a raw client of {@code host:port}: {@link #send} commands, every answer goes to {@code listener}. */
    public static TestClient connect(final String host, final int port, final ReplyListener listener)
        throws IOException
    {
        return new TestClient(builder(host, port).replyListener(listener).build());
    }

    /** @return the settings the tests use: a generous request timeout for a busy machine. */
    public static StockholdClient.Builder builder(final String host, final int port)
    {
        return StockholdClient.builder().host(host).port(port).requestTimeout(Duration.ofSeconds(30));
    }

    /** @return the client itself. */
    public StockholdClient client()
    {
        return client;
    }

    /** Sends an engine command (with its own idempotency key) through the client's raw encoding path. */
    public CompletableFuture<Result> submit(final Command command)
    {
        return client.submit((correlationId, buffer, offset) ->
        {
            synchronized (commands)
            {
                final long own = command.correlationId;
                command.correlationId = correlationId;
                try
                {
                    return commands.encode(command, buffer, offset);
                }
                finally
                {
                    command.correlationId = own;
                }
            }
        });
    }

    /**
     * Raw clients: sends an engine command with its own correlation id; allocates nothing.
     *
     * @return false when the connection is closed or too far behind.
     */
    public boolean send(final Command command)
    {
        synchronized (commands)
        {
            sending = command;
            return client.send(command.correlationId, rawWriter);
        }
    }

    private int encodeSending(final org.agrona.MutableDirectBuffer buffer, final int offset)
    {
        return commands.encode(sending, buffer, offset);
    }

    /** Sends an Authenticate on this connection, as a client that did not authenticate first would. */
    public CompletableFuture<Result> authenticate(final String secret)
    {
        return client.submit((correlationId, buffer, offset) ->
        {
            synchronized (authenticate)
            {
                authenticate.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).secret(secret);
                return MessageHeaderEncoder.ENCODED_LENGTH + authenticate.encodedLength();
            }
        });
    }

    public CompletableFuture<Result> lock(final String orderId, final String sku, final String warehouse,
        final long quantity)
    {
        final LockRequest.Builder lock = LockRequest.builder().orderId(orderId);
        return client.submit((warehouse == null ? lock.line(sku, quantity) : lock.line(sku, warehouse, quantity))
            .build());
    }

    public CompletableFuture<Result> lockListing(final String orderId, final String channel, final String listingId,
        final String warehouse, final long quantity)
    {
        return client.submit(LockRequest.builder().orderId(orderId).channel(channel)
            .listingLine(listingId, warehouse, quantity).build());
    }

    public CompletableFuture<Result> settle(final CommandType type, final String orderId)
    {
        return client.submit(SettleRequest.builder(Settlement.valueOf(type.name()), orderId).build());
    }

    public CompletableFuture<Result> setOnHand(final String sku, final String warehouse, final long onHand)
    {
        return client.submit(SetStockRequest.builder().item(sku, warehouse, onHand).build());
    }

    public CompletableFuture<Result> getStock(final String sku, final String warehouse)
    {
        return client.submit(new GetStockRequest(sku, warehouse));
    }

    /** @param maxUnits the cap, or {@link Result#NO_CAP}. */
    public CompletableFuture<Result> putChannel(final String channel, final List<String> warehouses,
        final long bufferUnits, final long percent, final long maxUnits, final boolean allowPresale)
    {
        return client.submit(PutChannelRequest.builder(channel).warehouses(warehouses).bufferUnits(bufferUnits)
            .percent(percent).maxUnits(maxUnits == Result.NO_CAP ? null : maxUnits).allowPresale(allowPresale)
            .build());
    }

    public CompletableFuture<Result> getChannel(final String channel)
    {
        return client.submit(new GetChannelRequest(channel));
    }

    public CompletableFuture<Result> listChannels()
    {
        return client.submit(new ListChannelsRequest());
    }

    public CompletableFuture<Result> bindListing(final String channel, final String listingId, final String sku)
    {
        return client.submit(new BindListingRequest(channel, listingId, sku, null));
    }

    public CompletableFuture<Result> unbindListing(final String channel, final String listingId)
    {
        return client.submit(new UnbindListingRequest(channel, listingId, null));
    }

    public CompletableFuture<Result> getListing(final String channel, final String listingId)
    {
        return client.submit(new GetListingRequest(channel, listingId));
    }

    public CompletableFuture<Result> setAllocation(final String channel, final String sku, final String warehouse,
        final long units)
    {
        return client.submit(new SetAllocationRequest(channel, sku, warehouse, units, null));
    }

    public CompletableFuture<Result> getAllocation(final String channel, final String sku, final String warehouse)
    {
        return client.submit(new GetAllocationRequest(channel, sku, warehouse));
    }

    public CompletableFuture<Result> putKit(final String kit, final List<Result.KitComponent> components)
    {
        final PutKitRequest.Builder put = PutKitRequest.builder(kit);
        components.forEach(component -> put.component(component.sku(), component.quantity()));
        return client.submit(put.build());
    }

    public CompletableFuture<Result> getKit(final String kit)
    {
        return client.submit(new GetKitRequest(kit));
    }

    public CompletableFuture<Result> getDigest()
    {
        return client.submit(new GetDigestRequest());
    }

    /** @param afterSeq the last sequence seen, or {@link Command#ABSENT}: from now. */
    public CompletableFuture<Result> subscribe(final long afterSeq, final Consumer<Result.ChangeEvent> events)
    {
        return afterSeq == Command.ABSENT ? client.subscribe(events) : client.subscribe(afterSeq, events);
    }

    /** @param afterSeq the last sequence seen, or {@link Command#ABSENT}: from now. */
    public CompletableFuture<Result> subscribeChannel(final String channel, final long afterSeq,
        final Consumer<Result.ChannelChangeEvent> events)
    {
        return afterSeq == Command.ABSENT ? client.subscribeChannel(channel, events)
            : client.subscribeChannel(channel, afterSeq, events);
    }

    @Override
    public void close()
    {
        client.close();
    }
}
