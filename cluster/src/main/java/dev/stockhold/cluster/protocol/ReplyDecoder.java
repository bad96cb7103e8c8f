package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.DigestResultDecoder;
import dev.stockhold.cluster.sbe.ErrorResultDecoder;
import dev.stockhold.cluster.sbe.LevelsResultDecoder;
import dev.stockhold.cluster.sbe.MessageHeaderDecoder;
import dev.stockhold.cluster.sbe.ReservationResultDecoder;
import dev.stockhold.cluster.sbe.ReservationStateCode;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.command.ReservationView;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Reads one cluster egress message: {@link #wrap} finds the command id it answers, {@link #decodeInto} fills
 * an engine {@link CommandResult} with the answer. Not thread-safe: the client's thread owns one.
 */
public final class ReplyDecoder
{
    private static final int COMMAND_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ReservationState[] STATES = ReservationState.values();

    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ReservationResultDecoder reservation = new ReservationResultDecoder();
    private final LevelsResultDecoder levels = new LevelsResultDecoder();
    private final ErrorResultDecoder error = new ErrorResultDecoder();
    private final DigestResultDecoder digest = new DigestResultDecoder();
    private long origin;
    private long number;

    /**
     * Wraps the message in {@code buffer[offset, offset + length)}.
     *
     * @return false when it is not an answer of this schema and version (then nothing else may be called).
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < COMMAND_ID_OFFSET + 2 * Long.BYTES)
        {
            return false;
        }
        view.wrap(buffer, offset, length);
        header.wrap(view, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID
            || header.version() != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return false;
        }
        origin = view.getLong(COMMAND_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        number = view.getLong(COMMAND_ID_OFFSET + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        return true;
    }

    /** @return the origin of the answered command's id. */
    public long origin()
    {
        return origin;
    }

    /** @return the number of the answered command's id. */
    public long number()
    {
        return number;
    }

    /**
     * Fills {@code into} (cleared first) with the wrapped answer.
     *
     * @throws IllegalArgumentException for an unknown template, IndexOutOfBoundsException for a truncated one.
     */
    public void decodeInto(final CommandResult into)
    {
        into.clear();
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case ReservationResultDecoder.TEMPLATE_ID:
                reservation.wrap(view, body, blockLength, version);
                decodeReservation(into);
                break;
            case LevelsResultDecoder.TEMPLATE_ID:
                levels.wrap(view, body, blockLength, version);
                decodeLevels(into);
                break;
            case ErrorResultDecoder.TEMPLATE_ID:
                error.wrap(view, body, blockLength, version);
                decodeError(into);
                break;
            case DigestResultDecoder.TEMPLATE_ID:
                digest.wrap(view, body, blockLength, version);
                into.sequence(digest.sequence());
                into.stats(digest.digest(), digest.cellCount(), digest.openReservations(),
                    digest.closedReservations(), digest.idempotencyKeys());
                break;
            default:
                throw new IllegalArgumentException("unknown answer template " + header.templateId());
        }
    }

    private void decodeReservation(final CommandResult into)
    {
        into.sequence(reservation.sequence());
        into.replayed(reservation.replayedRaw() == 1);
        final ReservationStateCode state = reservation.state();
        final long expiresAt = reservation.expiresAtMillis();
        final long createdAt = reservation.createdAtMillis();
        final ReservationResultDecoder.LinesDecoder lines = reservation.lines();
        final ReservationView view = into.reservation();
        // The header comes after the lines on the wire: collect the lines, then set the header first.
        final int count = lines.count();
        final String[] skus = new String[count];
        final String[] warehouses = new String[count];
        final long[] values = new long[count * 4];
        final boolean[] presale = new boolean[count];
        for (int i = 0; i < count; i++)
        {
            lines.next();
            values[i * 4] = lines.quantity();
            values[i * 4 + 1] = lines.deducted();
            values[i * 4 + 2] = lines.released();
            values[i * 4 + 3] = lines.returned();
            presale[i] = lines.presaleRaw() == 1;
            skus[i] = text(lines.sku());
            warehouses[i] = text(lines.warehouse());
        }
        final String orderId = text(reservation.orderId());
        final String channel = text(reservation.channel());
        view.set(orderId, channel, state == ReservationStateCode.NULL_VAL ? null : STATES[state.value()], createdAt,
            expiresAt == ReservationResultDecoder.expiresAtMillisNullValue() ? ReservationView.NO_EXPIRY : expiresAt);
        for (int i = 0; i < count; i++)
        {
            view.addLine(skus[i], warehouses[i], values[i * 4], presale[i], values[i * 4 + 1], values[i * 4 + 2],
                values[i * 4 + 3]);
        }
    }

    private void decodeLevels(final CommandResult into)
    {
        into.sequence(levels.sequence());
        into.replayed(levels.replayedRaw() == 1);
        final LevelsResultDecoder.LevelsDecoder group = levels.levels();
        while (group.hasNext())
        {
            group.next();
            final long onHand = group.onHand();
            final long reserved = group.reserved();
            final long inTransit = group.inTransit();
            final long presaleReserved = group.presaleReserved();
            final long safetyStock = group.safetyStock();
            final long version = group.version();
            final String sku = text(group.sku());
            into.levels().add(sku, text(group.warehouse()), onHand, reserved, inTransit, presaleReserved, safetyStock,
                version);
        }
    }

    private void decodeError(final CommandResult into)
    {
        into.sequence(error.sequence());
        final ErrorCode code = ErrorCode.fromWireCode(error.code());
        final ErrorResultDecoder.ShortLinesDecoder lines = error.shortLines();
        while (lines.hasNext())
        {
            lines.next();
            final long requested = lines.requested();
            final long available = lines.available();
            final String sku = text(lines.sku());
            into.shortLines().add(sku, text(lines.warehouse()), requested, available);
        }
        into.fail(code == null || code == ErrorCode.OK ? ErrorCode.INTERNAL : code, text(error.detail()));
    }

    private static String text(final String value)
    {
        return value.isEmpty() ? null : value;
    }
}
