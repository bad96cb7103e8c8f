package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.StockItems;
import dev.stockhold.client.sbe.AdjustEncoder;
import dev.stockhold.client.sbe.AuthenticateEncoder;
import dev.stockhold.client.sbe.BooleanType;
import dev.stockhold.client.sbe.GetDigestEncoder;
import dev.stockhold.client.sbe.StampEncoder;
import dev.stockhold.client.sbe.TickEncoder;
import dev.stockhold.client.sbe.GetReservationEncoder;
import dev.stockhold.client.sbe.GetStockEncoder;
import dev.stockhold.client.sbe.LockEncoder;
import dev.stockhold.client.sbe.MessageHeaderEncoder;
import dev.stockhold.client.sbe.ReceiveEncoder;
import dev.stockhold.client.sbe.SetStockEncoder;
import dev.stockhold.client.sbe.SettleAction;
import dev.stockhold.client.sbe.SettleEncoder;
import dev.stockhold.client.sbe.SubscribeChannelEncoder;
import dev.stockhold.client.sbe.SubscribeEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes an engine {@link Command} (filled with its builder methods) as one SBE request message, with
 * {@link Command#correlationId} and {@link Command#idempotencyKey}: the inverse of {@link RequestDecoder}, for
 * the tools that hold engine commands (the load harness, a journal replay, protocol tests) and hand them to the
 * Java client's raw path. Applications use the client's request types instead. Allocates nothing; not
 * thread-safe.
 */
public final class CommandEncoder
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final LockEncoder lock = new LockEncoder();
    private final SettleEncoder settle = new SettleEncoder();
    private final SetStockEncoder setStock = new SetStockEncoder();
    private final AdjustEncoder adjust = new AdjustEncoder();
    private final ReceiveEncoder receive = new ReceiveEncoder();
    private final GetStockEncoder getStock = new GetStockEncoder();
    private final GetReservationEncoder getReservation = new GetReservationEncoder();
    private final GetDigestEncoder getDigest = new GetDigestEncoder();
    private final StampEncoder stamp = new StampEncoder();
    private final TickEncoder tick = new TickEncoder();
    private boolean stampRecordedTimes;
    private final SubscribeEncoder subscribe = new SubscribeEncoder();
    private final SubscribeChannelEncoder subscribeChannel = new SubscribeChannelEncoder();
    private final AuthenticateEncoder authenticate = new AuthenticateEncoder();
    private final ChannelCommandEncoder channels = new ChannelCommandEncoder(header);

    /**
     * Writes {@code command} at {@code offset}; the buffer must be large enough (an expandable buffer grows).
     *
     * @return the encoded length, header included.
     * @throws IllegalArgumentException for command types the protocol does not carry (snapshot); a tick is
     * carried, but only a replay target accepts it.
     */
    public int encode(final Command command, final MutableDirectBuffer buffer, final int offset)
    {
        if (stampRecordedTimes && command.timestampMillis != 0)
        {
            stamp.wrapAndApplyHeader(buffer, offset, header).correlationId(0).atMillis(command.timestampMillis);
            final int stampLength = MessageHeaderEncoder.ENCODED_LENGTH + stamp.encodedLength();
            return stampLength + encodeCommand(command, buffer, offset + stampLength);
        }
        return encodeCommand(command, buffer, offset);
    }

    /**
     * Sends each command's own {@link Command#timestampMillis} (when non-zero) in a {@code Stamp} before it:
     * how a replay hands a replay target the recorded engine times. Set before the first request.
     */
    public void stampRecordedTimes(final boolean stamp)
    {
        this.stampRecordedTimes = stamp;
    }

    private int encodeCommand(final Command command, final MutableDirectBuffer buffer, final int offset)
    {
        switch (command.type)
        {
            case LOCK:
                lock.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId)
                    .ttlSeconds(command.ttlSeconds)
                    .allowPresale(bool(command.allowPresale))
                    .allowSplit(bool(command.allowSplit));
                final LockEncoder.LinesEncoder lockLines = lock.linesCount(command.lines.count());
                for (int i = 0; i < command.lines.count(); i++)
                {
                    lockLines.next().quantity(command.lines.quantity(i))
                        .sku(command.lines.sku(i)).warehouse(command.lines.warehouse(i))
                        .listing(command.lines.listing(i));
                }
                lock.orderId(command.orderId).channel(command.channel).idempotencyKey(command.idempotencyKey);
                return MessageHeaderEncoder.ENCODED_LENGTH + lock.encodedLength();
            case RELEASE:
            case DEDUCT:
            case RETURN:
                return encodeSettle(command, buffer, offset);
            case SET_STOCK:
                return encodeSetStock(command, buffer, offset);
            case ADJUST:
                adjust.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId)
                    .onHandDelta(command.onHandDelta)
                    .inTransitDelta(command.inTransitDelta)
                    .safetyStockDelta(command.safetyStockDelta)
                    .sku(command.sku).warehouse(command.warehouse).reason(command.reason)
                    .idempotencyKey(command.idempotencyKey);
                return MessageHeaderEncoder.ENCODED_LENGTH + adjust.encodedLength();
            case RECEIVE:
                receive.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId)
                    .quantity(command.quantity)
                    .sku(command.sku).warehouse(command.warehouse).idempotencyKey(command.idempotencyKey);
                return MessageHeaderEncoder.ENCODED_LENGTH + receive.encodedLength();
            case GET_CELL:
            case GET_SKU:
                getStock.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId).sku(command.sku).warehouse(command.warehouse);
                return MessageHeaderEncoder.ENCODED_LENGTH + getStock.encodedLength();
            case GET_RESERVATION:
                getReservation.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId).orderId(command.orderId);
                return MessageHeaderEncoder.ENCODED_LENGTH + getReservation.encodedLength();
            case GET_DIGEST:
                getDigest.wrapAndApplyHeader(buffer, offset, header).correlationId(command.correlationId);
                return MessageHeaderEncoder.ENCODED_LENGTH + getDigest.encodedLength();
            case TICK:
                tick.wrapAndApplyHeader(buffer, offset, header).correlationId(command.correlationId);
                return MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
            default:
                final int length = channels.encode(command, buffer, offset);
                if (length < 0)
                {
                    throw new IllegalArgumentException("not a protocol request: " + command.type);
                }
                return length;
        }
    }

    /** Encodes an authentication with an API key's secret at {@code offset}; @return its length. */
    public int encodeAuthenticate(final long correlationId, final String secret, final MutableDirectBuffer buffer,
        final int offset)
    {
        authenticate.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).secret(secret);
        return MessageHeaderEncoder.ENCODED_LENGTH + authenticate.encodedLength();
    }

    /**
     * Writes a Subscribe at {@code offset}.
     *
     * @param afterSeq the last sequence seen, or {@link Command#ABSENT} for "from now".
     * @return the encoded length.
     */
    public int encodeSubscribe(final long correlationId, final long afterSeq, final MutableDirectBuffer buffer,
        final int offset)
    {
        subscribe.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).afterSeq(afterSeq);
        return MessageHeaderEncoder.ENCODED_LENGTH + subscribe.encodedLength();
    }

    /**
     * Writes a SubscribeChannel at {@code offset}.
     *
     * @param afterSeq the last sequence seen, or {@link Command#ABSENT} for "from now".
     * @return the encoded length.
     */
    public int encodeSubscribeChannel(final long correlationId, final String channel, final long afterSeq,
        final MutableDirectBuffer buffer, final int offset)
    {
        subscribeChannel.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).afterSeq(afterSeq)
            .channel(channel);
        return MessageHeaderEncoder.ENCODED_LENGTH + subscribeChannel.encodedLength();
    }

    private int encodeSettle(final Command command, final MutableDirectBuffer buffer, final int offset)
    {
        settle.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(command.correlationId)
            .action(SettleAction.get(command.type.code()));
        final OrderLines lines = command.lines;
        final SettleEncoder.LinesEncoder group = settle.linesCount(lines.count());
        for (int i = 0; i < lines.count(); i++)
        {
            group.next().quantity(lines.quantity(i)).sku(lines.sku(i)).warehouse(lines.warehouse(i));
        }
        settle.orderId(command.orderId).idempotencyKey(command.idempotencyKey);
        return MessageHeaderEncoder.ENCODED_LENGTH + settle.encodedLength();
    }

    private int encodeSetStock(final Command command, final MutableDirectBuffer buffer, final int offset)
    {
        setStock.wrapAndApplyHeader(buffer, offset, header).correlationId(command.correlationId);
        final StockItems items = command.items;
        final SetStockEncoder.ItemsEncoder group = setStock.itemsCount(items.count());
        for (int i = 0; i < items.count(); i++)
        {
            group.next()
                .onHand(items.onHand(i))
                .inTransit(items.inTransit(i))
                .safetyStock(items.safetyStock(i))
                .expectedVersion(items.expectedVersion(i))
                .sku(items.sku(i))
                .warehouse(items.warehouse(i));
        }
        setStock.idempotencyKey(command.idempotencyKey);
        return MessageHeaderEncoder.ENCODED_LENGTH + setStock.encodedLength();
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
