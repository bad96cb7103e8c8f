package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Validation;
import dev.stockhold.gateway.binary.sbe.AdjustDecoder;
import dev.stockhold.gateway.binary.sbe.GetDigestDecoder;
import dev.stockhold.gateway.binary.sbe.GetReservationDecoder;
import dev.stockhold.gateway.binary.sbe.GetStockDecoder;
import dev.stockhold.gateway.binary.sbe.LockDecoder;
import dev.stockhold.gateway.binary.sbe.MessageHeaderDecoder;
import dev.stockhold.gateway.binary.sbe.ReceiveDecoder;
import dev.stockhold.gateway.binary.sbe.SetStockDecoder;
import dev.stockhold.gateway.binary.sbe.SettleDecoder;
import dev.stockhold.gateway.binary.sbe.SubscribeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

/**
 * Turns one SBE request message into an engine {@link Command}, validating as it goes.
 * <p>
 * One instance per connection, used on its event loop only; the decoders and the
 * command it fills are reused, so a valid request allocates only the Strings of its codes. A request
 * that fails validation is still read to its end, so the next message of a batch can be decoded; a
 * request whose structure is broken (truncated, unknown template, wrong schema) leaves the end unknown
 * and the rest of its frame is dropped.
 */
final class RequestDecoder
{
    /** {@link #decode} outcomes. */
    static final int COMMAND = 1;
    static final int SUBSCRIBE = 2;
    static final int INVALID = 3;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LockDecoder lock = new LockDecoder();
    private final SettleDecoder settle = new SettleDecoder();
    private final SetStockDecoder setStock = new SetStockDecoder();
    private final AdjustDecoder adjust = new AdjustDecoder();
    private final ReceiveDecoder receive = new ReceiveDecoder();
    private final GetStockDecoder getStock = new GetStockDecoder();
    private final GetReservationDecoder getReservation = new GetReservationDecoder();
    private final GetDigestDecoder getDigest = new GetDigestDecoder();
    private final SubscribeDecoder subscribe = new SubscribeDecoder();
    private DirectBuffer varBuffer;
    private int varOffset;
    private int varLength;

    private long correlationId;
    private long afterSeq;
    private int messageEnd;
    private ErrorCode error;
    private String errorDetail;

    /**
     * Decodes the message at {@code offset} into {@code into}.
     *
     * @return {@link #COMMAND} (publish {@code into}), {@link #SUBSCRIBE} (see {@link #afterSeq()}) or
     * {@link #INVALID} (answer {@link #error()}); {@link #messageEnd()} tells where the next message starts.
     */
    int decode(final DirectBuffer frame, final int offset, final int frameEnd, final Command into)
    {
        correlationId = 0;
        messageEnd = -1;
        error = null;
        errorDetail = null;
        if (frameEnd - offset < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return structural("truncated message header");
        }
        header.wrap(frame, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return structural("unknown schema id");
        }
        if (header.version() != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return structural("unsupported schema version");
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        if (frameEnd - body >= Long.BYTES)
        {
            // Every request starts with its correlation id: an answer to a broken request still finds it.
            correlationId = frame.getLong(body, java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        if (body + blockLength > frameEnd)
        {
            return structural("truncated message");
        }
        try
        {
            final int outcome = dispatch(header.templateId(), frame, body, blockLength, into);
            return error != null ? INVALID : outcome;
        }
        catch (final IndexOutOfBoundsException ex)
        {
            messageEnd = -1;
            error = ErrorCode.INVALID_REQUEST;
            errorDetail = "truncated message";
            return INVALID;
        }
    }

    private int dispatch(final int templateId, final DirectBuffer frame, final int body, final int blockLength,
        final Command into)
    {
        switch (templateId)
        {
            case LockDecoder.TEMPLATE_ID:
                return blockLength == LockDecoder.BLOCK_LENGTH ? decodeLock(frame, body, into) : badBlock();
            case SettleDecoder.TEMPLATE_ID:
                return blockLength == SettleDecoder.BLOCK_LENGTH ? decodeSettle(frame, body, into) : badBlock();
            case SetStockDecoder.TEMPLATE_ID:
                return blockLength == SetStockDecoder.BLOCK_LENGTH ? decodeSetStock(frame, body, into) : badBlock();
            case AdjustDecoder.TEMPLATE_ID:
                return blockLength == AdjustDecoder.BLOCK_LENGTH ? decodeAdjust(frame, body, into) : badBlock();
            case ReceiveDecoder.TEMPLATE_ID:
                return blockLength == ReceiveDecoder.BLOCK_LENGTH ? decodeReceive(frame, body, into) : badBlock();
            case GetStockDecoder.TEMPLATE_ID:
                return blockLength == GetStockDecoder.BLOCK_LENGTH ? decodeGetStock(frame, body, into) : badBlock();
            case GetReservationDecoder.TEMPLATE_ID:
                return blockLength == GetReservationDecoder.BLOCK_LENGTH
                    ? decodeGetReservation(frame, body, into) : badBlock();
            case GetDigestDecoder.TEMPLATE_ID:
                getDigest.wrap(frame, body, blockLength, MessageHeaderDecoder.SCHEMA_VERSION);
                into.getDigest();
                messageEnd = getDigest.limit();
                return blockLength == GetDigestDecoder.BLOCK_LENGTH ? COMMAND : badBlock();
            case SubscribeDecoder.TEMPLATE_ID:
                return blockLength == SubscribeDecoder.BLOCK_LENGTH ? decodeSubscribe(frame, body) : badBlock();
            default:
                return structural("unknown template id");
        }
    }

    private int decodeLock(final DirectBuffer frame, final int body, final Command into)
    {
        lock.wrap(frame, body, LockDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        final int ttlSeconds = lock.ttlSeconds();
        if (!Validation.isTtlSeconds(ttlSeconds))
        {
            fail(ErrorCode.INVALID_REQUEST, "ttlSeconds out of range");
        }
        into.lock(null, null, ttlSeconds, flag(lock.allowPresaleRaw()), flag(lock.allowSplitRaw()));
        final LockDecoder.LinesDecoder lines = lock.lines();
        checkGroup(lines.actingBlockLength(), LockDecoder.LinesDecoder.sbeBlockLength());
        if (lines.count() == 0)
        {
            fail(ErrorCode.INVALID_REQUEST, "a lock needs at least one line");
        }
        while (lines.hasNext())
        {
            lines.next();
            final long quantity = quantity(lines.quantity());
            readVar(lock);
            final String sku = code(false, "bad sku");
            readVar(lock);
            into.lines.add(sku, code(true, "bad warehouse"), quantity);
        }
        readVar(lock);
        into.orderId = orderId();
        readVar(lock);
        into.channel = text(Validation.MAX_CHANNEL_LENGTH, true, "bad channel");
        readVar(lock);
        into.idempotencyKey = text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        messageEnd = lock.limit();
        return COMMAND;
    }

    private int decodeSettle(final DirectBuffer frame, final int body, final Command into)
    {
        settle.wrap(frame, body, SettleDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        final CommandType type = CommandType.fromCode(settle.actionRaw());
        if (type != CommandType.RELEASE && type != CommandType.DEDUCT && type != CommandType.RETURN)
        {
            fail(ErrorCode.INVALID_REQUEST, "unknown settle action");
        }
        into.settle(type, null);
        final SettleDecoder.LinesDecoder lines = settle.lines();
        checkGroup(lines.actingBlockLength(), SettleDecoder.LinesDecoder.sbeBlockLength());
        while (lines.hasNext())
        {
            lines.next();
            final long quantity = quantity(lines.quantity());
            readVar(settle);
            final String sku = code(false, "bad sku");
            readVar(settle);
            into.lines.add(sku, code(false, "bad warehouse"), quantity);
        }
        readVar(settle);
        into.orderId = orderId();
        readVar(settle);
        into.idempotencyKey = text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        messageEnd = settle.limit();
        return COMMAND;
    }

    private int decodeSetStock(final DirectBuffer frame, final int body, final Command into)
    {
        setStock.wrap(frame, body, SetStockDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        into.setStock();
        final SetStockDecoder.ItemsDecoder items = setStock.items();
        checkGroup(items.actingBlockLength(), SetStockDecoder.ItemsDecoder.sbeBlockLength());
        if (items.count() == 0)
        {
            fail(ErrorCode.INVALID_REQUEST, "a set needs at least one item");
        }
        while (items.hasNext())
        {
            items.next();
            final long onHand = level(items.onHand());
            final long inTransit = level(items.inTransit());
            final long safetyStock = level(items.safetyStock());
            final long expectedVersion = items.expectedVersion();
            if (expectedVersion != Command.ABSENT && expectedVersion < 0)
            {
                fail(ErrorCode.INVALID_REQUEST, "expectedVersion out of range");
            }
            readVar(setStock);
            final String sku = code(false, "bad sku");
            readVar(setStock);
            into.items.add(sku, code(false, "bad warehouse"), onHand, inTransit, safetyStock, expectedVersion);
        }
        readVar(setStock);
        into.idempotencyKey = text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        messageEnd = setStock.limit();
        return COMMAND;
    }

    private int decodeAdjust(final DirectBuffer frame, final int body, final Command into)
    {
        adjust.wrap(frame, body, AdjustDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        final long onHandDelta = delta(adjust.onHandDelta());
        final long inTransitDelta = delta(adjust.inTransitDelta());
        final long safetyStockDelta = delta(adjust.safetyStockDelta());
        readVar(adjust);
        final String sku = code(false, "bad sku");
        readVar(adjust);
        final String warehouse = code(false, "bad warehouse");
        readVar(adjust);
        final String reason = text(AsciiFields.REASON_MAX, true, "bad reason");
        into.adjust(sku, warehouse, onHandDelta, inTransitDelta, safetyStockDelta, reason);
        readVar(adjust);
        into.idempotencyKey = text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        messageEnd = adjust.limit();
        return COMMAND;
    }

    private int decodeReceive(final DirectBuffer frame, final int body, final Command into)
    {
        receive.wrap(frame, body, ReceiveDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        final long quantity = quantity(receive.quantity());
        readVar(receive);
        final String sku = code(false, "bad sku");
        readVar(receive);
        into.receive(sku, code(false, "bad warehouse"), quantity);
        readVar(receive);
        into.idempotencyKey = text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
        messageEnd = receive.limit();
        return COMMAND;
    }

    private int decodeGetStock(final DirectBuffer frame, final int body, final Command into)
    {
        getStock.wrap(frame, body, GetStockDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        readVar(getStock);
        final String sku = code(false, "bad sku");
        readVar(getStock);
        into.getStock(sku, code(true, "bad warehouse"));
        messageEnd = getStock.limit();
        return COMMAND;
    }

    private int decodeGetReservation(final DirectBuffer frame, final int body, final Command into)
    {
        getReservation.wrap(frame, body, GetReservationDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        readVar(getReservation);
        into.getReservation(orderId());
        messageEnd = getReservation.limit();
        return COMMAND;
    }

    private int decodeSubscribe(final DirectBuffer frame, final int body)
    {
        subscribe.wrap(frame, body, SubscribeDecoder.BLOCK_LENGTH, MessageHeaderDecoder.SCHEMA_VERSION);
        afterSeq = subscribe.afterSeq();
        if (afterSeq != SubscribeDecoder.afterSeqNullValue() && afterSeq < 0)
        {
            fail(ErrorCode.INVALID_REQUEST, "afterSeq out of range");
        }
        messageEnd = subscribe.limit();
        return SUBSCRIBE;
    }

    /** @return the correlation id of the last message, 0 when it could not be read. */
    long correlationId()
    {
        return correlationId;
    }

    /** @return the sequence a Subscribe resumes after, or {@link Command#ABSENT} for "from now". */
    long afterSeq()
    {
        return afterSeq;
    }

    /** @return where the next message of the frame starts, or -1 when the rest of the frame is unreadable. */
    int messageEnd()
    {
        return messageEnd;
    }

    ErrorCode error()
    {
        return error;
    }

    String errorDetail()
    {
        return errorDetail;
    }

    private int structural(final String detail)
    {
        messageEnd = -1;
        error = ErrorCode.INVALID_REQUEST;
        errorDetail = detail;
        return INVALID;
    }

    private int badBlock()
    {
        return structural("unexpected block length");
    }

    private void fail(final ErrorCode code, final String detail)
    {
        if (error == null)
        {
            error = code;
            errorDetail = detail;
        }
    }

    private void checkGroup(final int actingBlockLength, final int expectedBlockLength)
    {
        if (actingBlockLength != expectedBlockLength)
        {
            fail(ErrorCode.INVALID_REQUEST, "unexpected group block length");
        }
    }

    private boolean flag(final short raw)
    {
        if (raw != 0 && raw != 1)
        {
            fail(ErrorCode.INVALID_REQUEST, "a flag must be 0 or 1");
        }
        return raw == 1;
    }

    private long quantity(final long quantity)
    {
        if (!Validation.isRequestQuantity(quantity))
        {
            fail(ErrorCode.INVALID_QUANTITY, "quantity out of range");
        }
        return quantity;
    }

    private long level(final long level)
    {
        if (level != Command.ABSENT && !Validation.isLevel(level))
        {
            fail(ErrorCode.INVALID_QUANTITY, "level out of range");
        }
        return level;
    }

    private long delta(final long delta)
    {
        if (!Validation.isDelta(delta))
        {
            fail(ErrorCode.INVALID_QUANTITY, "delta out of range");
        }
        return delta;
    }

    /**
     * Steps over the variable-length field at the message's limit, remembering where its bytes are; the
     * frame buffer's bounds checks turn a length past the frame into an IndexOutOfBoundsException.
     */
    private void readVar(final MessageDecoderFlyweight message)
    {
        final DirectBuffer buffer = message.buffer();
        final int limit = message.limit();
        final int length = buffer.getShort(limit, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int offset = limit + Short.BYTES;
        if (offset + length > buffer.capacity())
        {
            throw new IndexOutOfBoundsException("variable-length field past the frame");
        }
        varBuffer = buffer;
        varOffset = offset;
        varLength = length;
        message.limit(offset + length);
    }

    /** Reads the code in the last variable-length field read: null when empty, or when invalid (then the request fails). */
    private String code(final boolean emptyAllowed, final String detail)
    {
        final int length = varLength;
        if (!AsciiFields.isCode(varBuffer, varOffset, length, emptyAllowed))
        {
            fail(ErrorCode.INVALID_REQUEST, detail);
            return null;
        }
        return error == null ? AsciiFields.toStringOrNull(varBuffer, varOffset, length) : null;
    }

    /** Reads the order id in the last variable-length field read: 1..64 printable ASCII. */
    private String orderId()
    {
        if (varLength == 0)
        {
            fail(ErrorCode.INVALID_REQUEST, "bad orderId");
            return null;
        }
        return text(Validation.MAX_CODE_LENGTH, true, "bad orderId");
    }

    /** Reads the optional text in the last variable-length field read: null when empty, or when invalid (then the request fails). */
    private String text(final int maxLength, final boolean spaceAllowed, final String detail)
    {
        final int length = varLength;
        if (!AsciiFields.isText(varBuffer, varOffset, length, maxLength, spaceAllowed))
        {
            fail(ErrorCode.INVALID_REQUEST, detail);
            return null;
        }
        return error == null ? AsciiFields.toStringOrNull(varBuffer, varOffset, length) : null;
    }
}
