package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.AdjustEncoder;
import dev.stockhold.cluster.sbe.BooleanType;
import dev.stockhold.cluster.sbe.GetDigestEncoder;
import dev.stockhold.cluster.sbe.GetReservationEncoder;
import dev.stockhold.cluster.sbe.GetStockEncoder;
import dev.stockhold.cluster.sbe.LockEncoder;
import dev.stockhold.cluster.sbe.MemberSnapshotEncoder;
import dev.stockhold.cluster.sbe.MessageHeaderEncoder;
import dev.stockhold.cluster.sbe.ReceiveEncoder;
import dev.stockhold.cluster.sbe.SetStockEncoder;
import dev.stockhold.cluster.sbe.SettleAction;
import dev.stockhold.cluster.sbe.SettleEncoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.StockItems;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes an engine {@link Command} with its command id as one cluster ingress message
 * ({@code stockhold-cluster-schema.xml}).
 * <p>
 * Not thread-safe: each thread that sends owns one. The flyweights are reused; the strings' UTF-8 bytes
 * are the only allocation. Nothing is validated here beyond what the encoding needs: the engine checks
 * every field when it applies the command, whatever the client sent.
 */
public final class IngressEncoder
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
    private final MemberSnapshotEncoder memberSnapshot = new MemberSnapshotEncoder();

    /**
     * Encodes a member's snapshot report at {@code offset}: member {@code memberId} took a snapshot at
     * {@code logPosition}.
     *
     * @return the encoded length.
     */
    public int encodeMemberSnapshot(final long origin, final int memberId, final long logPosition,
        final MutableDirectBuffer buffer, final int offset)
    {
        memberSnapshot.wrapAndApplyHeader(buffer, offset, header);
        memberSnapshot.commandId().origin(origin).number(0);
        memberSnapshot.memberId(memberId).logPosition(logPosition);
        return MessageHeaderEncoder.ENCODED_LENGTH + memberSnapshot.encodedLength();
    }

    /**
     * @return true when the cluster carries commands of this type from a client: every command but the
     * engine's own (tick, snapshot) and the stats read, which the cluster does not serve.
     */
    public static boolean carries(final Command command)
    {
        return switch (command.type)
        {
            case LOCK, RELEASE, DEDUCT, RETURN, SET_STOCK, ADJUST, RECEIVE, GET_CELL, GET_SKU, GET_RESERVATION,
                GET_DIGEST -> true;
            default -> false;
        };
    }

    /**
     * Encodes {@code command} at {@code offset}.
     *
     * @param origin the client's origin, the first half of the command id.
     * @param number the command's number within the origin.
     * @return the encoded length.
     * @throws IllegalArgumentException when the cluster does not carry the command's type ({@link #carries}).
     * @throws IllegalStateException    when a string is longer than the encoding's 1024 bytes.
     */
    public int encode(final long origin, final long number, final Command command, final MutableDirectBuffer buffer,
        final int offset)
    {
        switch (command.type)
        {
            case LOCK:
                return encodeLock(origin, number, command, buffer, offset);
            case RELEASE:
            case DEDUCT:
            case RETURN:
                return encodeSettle(origin, number, command, buffer, offset);
            case SET_STOCK:
                return encodeSetStock(origin, number, command, buffer, offset);
            case ADJUST:
                adjust.wrapAndApplyHeader(buffer, offset, header)
                    .clientId(command.clientId)
                    .requestId(command.requestId)
                    .onHandDelta(command.onHandDelta)
                    .inTransitDelta(command.inTransitDelta)
                    .safetyStockDelta(command.safetyStockDelta)
                    .commandId().origin(origin).number(number);
                adjust.sku(command.sku).warehouse(command.warehouse).reason(command.reason)
                    .idempotencyKey(command.idempotencyKey);
                return MessageHeaderEncoder.ENCODED_LENGTH + adjust.encodedLength();
            case RECEIVE:
                receive.wrapAndApplyHeader(buffer, offset, header)
                    .clientId(command.clientId)
                    .requestId(command.requestId)
                    .quantity(command.quantity)
                    .commandId().origin(origin).number(number);
                receive.sku(command.sku).warehouse(command.warehouse).idempotencyKey(command.idempotencyKey);
                return MessageHeaderEncoder.ENCODED_LENGTH + receive.encodedLength();
            case GET_CELL:
            case GET_SKU:
                getStock.wrapAndApplyHeader(buffer, offset, header)
                    .clientId(command.clientId)
                    .requestId(command.requestId)
                    .commandId().origin(origin).number(number);
                getStock.sku(command.sku).warehouse(command.type == CommandType.GET_SKU
                    ? null : command.warehouse);
                return MessageHeaderEncoder.ENCODED_LENGTH + getStock.encodedLength();
            case GET_RESERVATION:
                getReservation.wrapAndApplyHeader(buffer, offset, header)
                    .clientId(command.clientId)
                    .requestId(command.requestId)
                    .commandId().origin(origin).number(number);
                getReservation.orderId(command.orderId);
                return MessageHeaderEncoder.ENCODED_LENGTH + getReservation.encodedLength();
            case GET_DIGEST:
                getDigest.wrapAndApplyHeader(buffer, offset, header)
                    .clientId(command.clientId)
                    .requestId(command.requestId)
                    .commandId().origin(origin).number(number);
                return MessageHeaderEncoder.ENCODED_LENGTH + getDigest.encodedLength();
            default:
                throw new IllegalArgumentException("the cluster does not carry " + command.type + " from a client");
        }
    }

    private int encodeLock(final long origin, final long number, final Command command,
        final MutableDirectBuffer buffer, final int offset)
    {
        lock.wrapAndApplyHeader(buffer, offset, header)
            .clientId(command.clientId)
            .requestId(command.requestId)
            .ttlSeconds(command.ttlSeconds)
            .allowPresale(bool(command.allowPresale))
            .allowSplit(bool(command.allowSplit))
            .commandId().origin(origin).number(number);
        final OrderLines source = command.lines;
        final LockEncoder.LinesEncoder lines = lock.linesCount(source.count());
        for (int i = 0; i < source.count(); i++)
        {
            lines.next().quantity(source.quantity(i)).sku(source.sku(i)).warehouse(source.warehouse(i));
        }
        lock.orderId(command.orderId).channel(command.channel).idempotencyKey(command.idempotencyKey);
        return MessageHeaderEncoder.ENCODED_LENGTH + lock.encodedLength();
    }

    private int encodeSettle(final long origin, final long number, final Command command,
        final MutableDirectBuffer buffer, final int offset)
    {
        settle.wrapAndApplyHeader(buffer, offset, header)
            .clientId(command.clientId)
            .requestId(command.requestId)
            .action(SettleAction.get(command.type.code()))
            .commandId().origin(origin).number(number);
        final OrderLines source = command.lines;
        final SettleEncoder.LinesEncoder lines = settle.linesCount(source.count());
        for (int i = 0; i < source.count(); i++)
        {
            lines.next().quantity(source.quantity(i)).sku(source.sku(i)).warehouse(source.warehouse(i));
        }
        settle.orderId(command.orderId).idempotencyKey(command.idempotencyKey);
        return MessageHeaderEncoder.ENCODED_LENGTH + settle.encodedLength();
    }

    private int encodeSetStock(final long origin, final long number, final Command command,
        final MutableDirectBuffer buffer, final int offset)
    {
        setStock.wrapAndApplyHeader(buffer, offset, header)
            .clientId(command.clientId)
            .requestId(command.requestId)
            .commandId().origin(origin).number(number);
        final StockItems source = command.items;
        final SetStockEncoder.ItemsEncoder items = setStock.itemsCount(source.count());
        for (int i = 0; i < source.count(); i++)
        {
            items.next()
                .onHand(source.onHand(i))
                .inTransit(source.inTransit(i))
                .safetyStock(source.safetyStock(i))
                .expectedVersion(source.expectedVersion(i))
                .sku(source.sku(i))
                .warehouse(source.warehouse(i));
        }
        setStock.idempotencyKey(command.idempotencyKey);
        return MessageHeaderEncoder.ENCODED_LENGTH + setStock.encodedLength();
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
