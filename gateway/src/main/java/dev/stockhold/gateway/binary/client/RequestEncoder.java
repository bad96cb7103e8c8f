package dev.stockhold.gateway.binary.client;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.StockItems;
import dev.stockhold.gateway.binary.sbe.AdjustEncoder;
import dev.stockhold.gateway.binary.sbe.AuthenticateEncoder;
import dev.stockhold.gateway.binary.sbe.BooleanType;
import dev.stockhold.gateway.binary.sbe.GetDigestEncoder;
import dev.stockhold.gateway.binary.sbe.StampEncoder;
import dev.stockhold.gateway.binary.sbe.TickEncoder;
import dev.stockhold.gateway.binary.sbe.GetReservationEncoder;
import dev.stockhold.gateway.binary.sbe.GetStockEncoder;
import dev.stockhold.gateway.binary.sbe.LockEncoder;
import dev.stockhold.gateway.binary.sbe.MessageHeaderEncoder;
import dev.stockhold.gateway.binary.sbe.ReceiveEncoder;
import dev.stockhold.gateway.binary.sbe.SetStockEncoder;
import dev.stockhold.gateway.binary.sbe.SettleAction;
import dev.stockhold.gateway.binary.sbe.SettleEncoder;
import dev.stockhold.gateway.binary.sbe.SubscribeChannelEncoder;
import dev.stockhold.gateway.binary.sbe.SubscribeEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes an engine {@link Command} (filled with its builder methods) as one SBE request message, with
 * {@link Command#correlationId} and {@link Command#idempotencyKey}. Allocates nothing; not thread-safe.
 */
public final class RequestEncoder
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
                        .sku(command.lines.sku(i)).warehouse(command.lines.warehouse(i));
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
                throw new IllegalArgumentException("not a protocol request: " + command.type);
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
