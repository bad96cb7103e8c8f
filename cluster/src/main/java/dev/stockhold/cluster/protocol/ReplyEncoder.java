package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.BooleanType;
import dev.stockhold.cluster.sbe.DigestResultEncoder;
import dev.stockhold.cluster.sbe.ErrorResultEncoder;
import dev.stockhold.cluster.sbe.LevelsResultEncoder;
import dev.stockhold.cluster.sbe.MessageHeaderEncoder;
import dev.stockhold.cluster.sbe.ReservationResultEncoder;
import dev.stockhold.cluster.sbe.ReservationStateCode;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.command.ShortLines;
import org.agrona.ExpandableArrayBuffer;

/**
 * Encodes the engine's answer to one command as a cluster egress message, into a reusable buffer.
 * <p>
 * Not thread-safe: the clustered service's thread owns one. The answer is a pure function of the command's
 * type and result, so every node encodes the same bytes for the same command; the service keeps them in its
 * exactly-once window to answer a retry.
 */
public final class ReplyEncoder
{
    /** The longest detail text sent; longer ones are cut (the encoding's limit is 1024 bytes). */
    private static final int MAX_DETAIL = 250;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ReservationResultEncoder reservation = new ReservationResultEncoder();
    private final LevelsResultEncoder levels = new LevelsResultEncoder();
    private final ErrorResultEncoder error = new ErrorResultEncoder();
    private final DigestResultEncoder digest = new DigestResultEncoder();

    /** @return the buffer the encode methods write to, from offset 0. */
    public ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    /**
     * Encodes the answer to a command the ledger applied.
     *
     * @param type   the command's type: decides the shape of the answer.
     * @param result the ledger's result.
     * @return the encoded length.
     */
    public int encodeResult(final long origin, final long number, final CommandType type, final CommandResult result)
    {
        if (!result.isOk())
        {
            return encodeError(origin, number, result.sequence(), result.code(), result.detail(), result.shortLines());
        }
        switch (type)
        {
            case LOCK:
            case RELEASE:
            case DEDUCT:
            case RETURN:
            case GET_RESERVATION:
                return encodeReservation(origin, number, result);
            case SET_STOCK:
            case ADJUST:
            case RECEIVE:
            case GET_CELL:
            case GET_SKU:
                return encodeLevels(origin, number, result);
            case GET_DIGEST:
                digest.wrapAndApplyHeader(buffer, 0, header)
                    .sequence(result.sequence())
                    .digest(result.digest())
                    .cellCount(result.cellCount())
                    .openReservations(result.openReservations())
                    .closedReservations(result.closedReservations())
                    .idempotencyKeys(result.idempotencyKeys())
                    .commandId().origin(origin).number(number);
                return MessageHeaderEncoder.ENCODED_LENGTH + digest.encodedLength();
            default:
                return encodeError(origin, number, result.sequence(), ErrorCode.INVALID_REQUEST,
                    "the cluster does not answer this command type", null);
        }
    }

    private int encodeReservation(final long origin, final long number, final CommandResult result)
    {
        final ReservationView view = result.reservation();
        reservation.wrapAndApplyHeader(buffer, 0, header)
            .sequence(result.sequence())
            .replayed(bool(result.isReplayed()))
            .state(view.state() == null ? ReservationStateCode.NULL_VAL
                : ReservationStateCode.get((short)view.state().ordinal()))
            .createdAtMillis(view.createdAtMillis())
            .expiresAtMillis(view.expiresAtMillis() == ReservationView.NO_EXPIRY
                ? ReservationResultEncoder.expiresAtMillisNullValue() : view.expiresAtMillis())
            .commandId().origin(origin).number(number);
        final ReservationResultEncoder.LinesEncoder lines = reservation.linesCount(view.lineCount());
        for (int i = 0; i < view.lineCount(); i++)
        {
            lines.next()
                .quantity(view.quantity(i))
                .deducted(view.deducted(i))
                .released(view.released(i))
                .returned(view.returned(i))
                .presale(bool(view.presale(i)))
                .sku(view.sku(i))
                .warehouse(view.warehouse(i));
        }
        reservation.orderId(view.orderId()).channel(view.channel());
        return MessageHeaderEncoder.ENCODED_LENGTH + reservation.encodedLength();
    }

    private int encodeLevels(final long origin, final long number, final CommandResult result)
    {
        final Levels source = result.levels();
        levels.wrapAndApplyHeader(buffer, 0, header)
            .sequence(result.sequence())
            .replayed(bool(result.isReplayed()))
            .commandId().origin(origin).number(number);
        final LevelsResultEncoder.LevelsEncoder group = levels.levelsCount(source.count());
        for (int i = 0; i < source.count(); i++)
        {
            group.next()
                .onHand(source.onHand(i))
                .reserved(source.reserved(i))
                .inTransit(source.inTransit(i))
                .presaleReserved(source.presaleReserved(i))
                .safetyStock(source.safetyStock(i))
                .version(source.version(i))
                .sku(source.sku(i))
                .warehouse(source.warehouse(i));
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + levels.encodedLength();
    }

    /**
     * Encodes an error answer.
     *
     * @param sequence   the sequence the command was applied at, 0 when it was not applied.
     * @param shortLines the lines that did not fit, or null.
     * @return the encoded length.
     */
    public int encodeError(final long origin, final long number, final long sequence, final ErrorCode code,
        final String detail, final ShortLines shortLines)
    {
        error.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence)
            .code(code.wireCode())
            .commandId().origin(origin).number(number);
        final int count = shortLines == null ? 0 : shortLines.count();
        final ErrorResultEncoder.ShortLinesEncoder lines = error.shortLinesCount(count);
        for (int i = 0; i < count; i++)
        {
            lines.next()
                .requested(shortLines.requested(i))
                .available(shortLines.available(i))
                .sku(shortLines.sku(i))
                .warehouse(shortLines.warehouse(i));
        }
        error.detail(detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL));
        return MessageHeaderEncoder.ENCODED_LENGTH + error.encodedLength();
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
