package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.client.sbe.AdjustDecoder;
import dev.stockhold.client.sbe.AuthenticateDecoder;
import dev.stockhold.client.sbe.GetDigestDecoder;
import dev.stockhold.client.sbe.PushOutcomeDecoder;
import dev.stockhold.client.sbe.StampDecoder;
import dev.stockhold.client.sbe.TickDecoder;
import dev.stockhold.client.sbe.GetReservationDecoder;
import dev.stockhold.client.sbe.GetStockDecoder;
import dev.stockhold.client.sbe.LockDecoder;
import dev.stockhold.client.sbe.MessageHeaderDecoder;
import dev.stockhold.client.sbe.ReceiveDecoder;
import dev.stockhold.client.sbe.SetStockDecoder;
import dev.stockhold.client.sbe.SettleDecoder;
import dev.stockhold.client.sbe.SubscribeChannelDecoder;
import dev.stockhold.client.sbe.SubscribeDecoder;
import org.agrona.DirectBuffer;

/**
 * Turns one SBE request message into an engine {@link Command}, validating as it goes: it checks the header,
 * dispatches on the template id and reads the session's own messages (subscriptions, authentication, recorded
 * times); the stock and order requests are read by a {@link StockRequestDecoder}.
 * <p>
 * Not thread-safe: one instance per connection, used on its event loop only; the decoders and the
 * command it fills are reused, so a valid request allocates only the Strings of its order id and
 * idempotency key (SKU, warehouse and channel codes and listing ids are interned). Channel requests
 * (channels, listings, allocations, kits) are read by a {@link ChannelRequestDecoder} with the same field
 * rules. A request that fails validation is still read to its end, so the next message of a batch can be
 * decoded; a request whose structure is broken (truncated, unknown template, wrong schema) leaves the end
 * unknown and the rest of its frame is dropped.
 */
public final class RequestDecoder
{
    private static final int MAX_SECRET_BYTES = 256;

    /** {@link #decode} outcome: a command was decoded; publish it. */
    public static final int COMMAND = 1;
    /**
     * {@link #decode} outcome: a change feed subscription, of the stock feed or (when {@link #salesChannel()} is
     * not null) of one channel's feed.
     */
    public static final int SUBSCRIBE = 2;
    /** {@link #decode} outcome: the request is invalid; answer {@link #error()}. */
    public static final int INVALID = 3;
    /** A {@code Stamp} (replay targets only): {@link #stampMillis()} is the next command's engine time. */
    public static final int STAMP = 4;
    /** An {@code Authenticate}: {@link #secret()} is the key's secret (null when empty). */
    public static final int AUTHENTICATE = 5;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final GetDigestDecoder getDigest = new GetDigestDecoder();
    private final SubscribeDecoder subscribe = new SubscribeDecoder();
    private final SubscribeChannelDecoder subscribeChannel = new SubscribeChannelDecoder();
    private final StampDecoder stamp = new StampDecoder();
    private final TickDecoder tick = new TickDecoder();
    private final AuthenticateDecoder authenticate = new AuthenticateDecoder();
    private final FieldReader fields = new FieldReader();
    private final StockRequestDecoder stocks = new StockRequestDecoder(fields);
    private final ChannelRequestDecoder channels = new ChannelRequestDecoder(fields);
    private final boolean replayTarget;

    private long correlationId;
    private long afterSeq;
    private String salesChannel;
    private long stampMillis;
    private int messageEnd;
    private String secret;

    /** A decoder for an ordinary server: recorded times ({@code Stamp}, {@code Tick}) are refused. */
    public RequestDecoder()
    {
        this(false);
    }

    /** @param replayTarget true for a server started to receive a replay: it takes recorded times. */
    public RequestDecoder(final boolean replayTarget)
    {
        this.replayTarget = replayTarget;
    }

    /**
     * Decodes the message at {@code offset} into {@code into}.
     *
     * @return {@link #COMMAND} (publish {@code into}), {@link #SUBSCRIBE} (see {@link #afterSeq()}),
     * {@link #STAMP} (see {@link #stampMillis()}) or {@link #INVALID} (answer {@link #error()});
     * {@link #messageEnd()} tells where the next message starts.
     */
    public int decode(final DirectBuffer frame, final int offset, final int frameEnd, final Command into)
    {
        correlationId = 0;
        messageEnd = -1;
        fields.reset();
        if (frameEnd - offset < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return structural("truncated message header");
        }
        header.wrap(frame, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return structural("unknown schema id");
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        if (frameEnd - body >= Long.BYTES)
        {
            // Every request of every version starts with its correlation id: an answer to a broken request, or
            // to a client built against another version of the schema, still finds it.
            correlationId = frame.getLong(body, java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        if (header.version() != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return structural("unsupported schema version");
        }
        if (body + blockLength > frameEnd)
        {
            return structural("truncated message");
        }
        try
        {
            final int outcome = dispatch(header.templateId(), frame, body, blockLength, into);
            return fields.error() != null ? INVALID : outcome;
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return structural("truncated message");
        }
    }

    private int dispatch(final int templateId, final DirectBuffer frame, final int body, final int blockLength,
        final Command into)
    {
        switch (templateId)
        {
            case LockDecoder.TEMPLATE_ID:
                return blockLength == LockDecoder.BLOCK_LENGTH
                    ? command(stocks.lock(frame, body, into)) : badBlock();
            case SettleDecoder.TEMPLATE_ID:
                return blockLength == SettleDecoder.BLOCK_LENGTH
                    ? command(stocks.settle(frame, body, into)) : badBlock();
            case SetStockDecoder.TEMPLATE_ID:
                return blockLength == SetStockDecoder.BLOCK_LENGTH
                    ? command(stocks.setStock(frame, body, into)) : badBlock();
            case AdjustDecoder.TEMPLATE_ID:
                return blockLength == AdjustDecoder.BLOCK_LENGTH
                    ? command(stocks.adjust(frame, body, into)) : badBlock();
            case ReceiveDecoder.TEMPLATE_ID:
                return blockLength == ReceiveDecoder.BLOCK_LENGTH
                    ? command(stocks.receive(frame, body, into)) : badBlock();
            case GetStockDecoder.TEMPLATE_ID:
                return blockLength == GetStockDecoder.BLOCK_LENGTH
                    ? command(stocks.getStock(frame, body, into)) : badBlock();
            case GetReservationDecoder.TEMPLATE_ID:
                return blockLength == GetReservationDecoder.BLOCK_LENGTH
                    ? command(stocks.getReservation(frame, body, into)) : badBlock();
            case GetDigestDecoder.TEMPLATE_ID:
                getDigest.wrap(frame, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                into.getDigest();
                messageEnd = getDigest.limit();
                return blockLength == GetDigestDecoder.BLOCK_LENGTH ? COMMAND : badBlock();
            case SubscribeDecoder.TEMPLATE_ID:
                return blockLength == SubscribeDecoder.BLOCK_LENGTH ? decodeSubscribe(frame, body) : badBlock();
            case SubscribeChannelDecoder.TEMPLATE_ID:
                return blockLength == SubscribeChannelDecoder.BLOCK_LENGTH ? decodeSubscribeChannel(frame, body)
                    : badBlock();
            case StampDecoder.TEMPLATE_ID:
                stamp.wrap(frame, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                stampMillis = stamp.atMillis();
                messageEnd = stamp.limit();
                return blockLength != StampDecoder.BLOCK_LENGTH ? badBlock() : replayOnly(STAMP);
            case TickDecoder.TEMPLATE_ID:
                tick.wrap(frame, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                into.tick();
                messageEnd = tick.limit();
                return blockLength != TickDecoder.BLOCK_LENGTH ? badBlock() : replayOnly(COMMAND);
            case PushOutcomeDecoder.TEMPLATE_ID:
                if (blockLength != PushOutcomeDecoder.BLOCK_LENGTH)
                {
                    return badBlock();
                }
                // Refused first: an ordinary server answers ERR_FORBIDDEN whatever the fields hold.
                replayOnly(COMMAND);
                messageEnd = channels.decodePushOutcome(frame, body, into);
                return COMMAND;
            case AuthenticateDecoder.TEMPLATE_ID:
                authenticate.wrap(frame, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                fields.readVar(authenticate);
                secret = fields.text(MAX_SECRET_BYTES, false, "bad secret");
                messageEnd = authenticate.limit();
                return blockLength == AuthenticateDecoder.BLOCK_LENGTH ? AUTHENTICATE : badBlock();
            default:
                return decodeChannelRequest(templateId, frame, body, blockLength, into);
        }
    }

    private int decodeChannelRequest(final int templateId, final DirectBuffer frame, final int body,
        final int blockLength, final Command into)
    {
        final int expected = ChannelRequestDecoder.blockLength(templateId);
        if (expected < 0)
        {
            return structural("unknown template id");
        }
        if (blockLength != expected)
        {
            return badBlock();
        }
        messageEnd = channels.decode(templateId, frame, body, into);
        return COMMAND;
    }

    /** @return the secret of the last {@link #AUTHENTICATE}, or null. */
    public String secret()
    {
        return secret;
    }

    /**
     * Stamps and ticks carry recorded engine time, a push outcome what a recorded server's pusher saw: only a
     * server started as a replay target takes them.
     */
    private int replayOnly(final int outcome)
    {
        if (!replayTarget)
        {
            fields.fail(ErrorCode.FORBIDDEN,
                "only a server started with --replay-target accepts recorded times and push outcomes");
        }
        return outcome;
    }

    /** @return the engine time of the last {@link #STAMP}. */
    public long stampMillis()
    {
        return stampMillis;
    }

    private int decodeSubscribe(final DirectBuffer frame, final int body)
    {
        subscribe.wrap(frame, body, SubscribeDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        salesChannel = null;
        afterSeq = checkAfterSeq(subscribe.afterSeq());
        messageEnd = subscribe.limit();
        return SUBSCRIBE;
    }

    private int decodeSubscribeChannel(final DirectBuffer frame, final int body)
    {
        subscribeChannel.wrap(frame, body, SubscribeChannelDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        afterSeq = checkAfterSeq(subscribeChannel.afterSeq());
        fields.readVar(subscribeChannel);
        salesChannel = fields.code(false, "bad channel");
        messageEnd = subscribeChannel.limit();
        return SUBSCRIBE;
    }

    private long checkAfterSeq(final long after)
    {
        if (after != SubscribeDecoder.afterSeqNullValue() && after < 0)
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "afterSeq out of range");
        }
        return after;
    }

    /** @return the correlation id of the last message, 0 when it could not be read. */
    public long correlationId()
    {
        return correlationId;
    }

    /** @return the sequence a Subscribe resumes after, or {@link Command#ABSENT} for "from now". */
    public long afterSeq()
    {
        return afterSeq;
    }

    /** @return the channel a SubscribeChannel follows, or null for a Subscribe to the stock feed. */
    public String salesChannel()
    {
        return salesChannel;
    }

    /** @return where the next message of the frame starts, or -1 when the rest of the frame is unreadable. */
    public int messageEnd()
    {
        return messageEnd;
    }

    /** @return why the last message was refused, or null. */
    public ErrorCode error()
    {
        return fields.error();
    }

    /** @return a constant human explanation of {@link #error()}. */
    public String errorDetail()
    {
        return fields.errorDetail();
    }

    /** Records where a command's message ends: @return {@link #COMMAND}. */
    private int command(final int end)
    {
        messageEnd = end;
        return COMMAND;
    }

    private int structural(final String detail)
    {
        messageEnd = -1;
        fields.reset();
        fields.fail(ErrorCode.INVALID_REQUEST, detail);
        return INVALID;
    }

    private int badBlock()
    {
        return structural("unexpected block length");
    }
}
