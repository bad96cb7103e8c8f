package dev.stockhold.client;

import dev.stockhold.client.sbe.AuthenticateResultDecoder;
import dev.stockhold.client.sbe.BooleanType;
import dev.stockhold.client.sbe.ChangeEventDecoder;
import dev.stockhold.client.sbe.ChannelChangeEventDecoder;
import dev.stockhold.client.sbe.DigestResultDecoder;
import dev.stockhold.client.sbe.ErrorResultDecoder;
import dev.stockhold.client.sbe.LevelsResultDecoder;
import dev.stockhold.client.sbe.MessageHeaderDecoder;
import dev.stockhold.client.sbe.ReservationResultDecoder;
import dev.stockhold.client.sbe.ReservationStateCode;
import dev.stockhold.client.sbe.SubscribeResultDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the server's answers: into immutable {@link Result}s, or, for raw clients, just far enough to
 * know the correlation id, the template and the error code. Not thread-safe; one per connection.
 */
public final class ReplyDecoder
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ReservationResultDecoder reservation = new ReservationResultDecoder();
    private final LevelsResultDecoder levels = new LevelsResultDecoder();
    private final ErrorResultDecoder error = new ErrorResultDecoder();
    private final DigestResultDecoder digest = new DigestResultDecoder();
    private final SubscribeResultDecoder subscribed = new SubscribeResultDecoder();
    private final ChangeEventDecoder change = new ChangeEventDecoder();
    private final ChannelChangeEventDecoder channelChange = new ChannelChangeEventDecoder();
    private final AuthenticateResultDecoder authenticated = new AuthenticateResultDecoder();
    private final ChannelReplyDecoder channels = new ChannelReplyDecoder();
    private long correlationId;
    private int templateId;
    private int errorWireCode;
    private int end;

    /**
     * Reads the header of the message at {@code offset} and finds its end, without allocating.
     *
     * @throws IllegalStateException for a message this client does not know.
     */
    public void scan(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        templateId = header.templateId();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        correlationId = buffer.getLong(body, java.nio.ByteOrder.LITTLE_ENDIAN);
        errorWireCode = 0;
        switch (templateId)
        {
            case ReservationResultDecoder.TEMPLATE_ID:
                end = body + reservation.wrap(buffer, body, blockLength, version).sbeDecodedLength();
                break;
            case LevelsResultDecoder.TEMPLATE_ID:
                end = body + levels.wrap(buffer, body, blockLength, version).sbeDecodedLength();
                break;
            case ErrorResultDecoder.TEMPLATE_ID:
                errorWireCode = error.wrap(buffer, body, blockLength, version).code();
                end = body + error.sbeDecodedLength();
                break;
            case DigestResultDecoder.TEMPLATE_ID:
            case SubscribeResultDecoder.TEMPLATE_ID:
            case AuthenticateResultDecoder.TEMPLATE_ID:
                end = body + blockLength;
                break;
            case ChangeEventDecoder.TEMPLATE_ID:
                end = body + change.wrap(buffer, body, blockLength, version).sbeDecodedLength();
                break;
            case ChannelChangeEventDecoder.TEMPLATE_ID:
                end = body + channelChange.wrap(buffer, body, blockLength, version).sbeDecodedLength();
                break;
            default:
                end = body + channels.decodedLength(templateId, buffer, body, blockLength, version);
                break;
        }
    }

    /** @return the correlation id of the last message scanned or decoded. */
    public long correlationId()
    {
        return correlationId;
    }

    /** @return the template id of the last message scanned or decoded. */
    public int templateId()
    {
        return templateId;
    }

    /** @return the error wire code of the last message scanned (0 unless an ErrorResult). */
    public int errorWireCode()
    {
        return errorWireCode;
    }

    /** @return the offset just past the last message scanned or decoded. */
    public int end()
    {
        return end;
    }

    /**
     * Decodes the message at {@code offset}.
     *
     * @return a {@link Result}, or a {@link Result.ChangeEvent} for the change feed.
     */
    public Object decode(final DirectBuffer buffer, final int offset)
    {
        scan(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case ReservationResultDecoder.TEMPLATE_ID:
                return decodeReservation(buffer, body, blockLength, version);
            case LevelsResultDecoder.TEMPLATE_ID:
                levels.wrap(buffer, body, blockLength, version);
                final List<Result.Level> list = new ArrayList<>();
                for (final LevelsResultDecoder.LevelsDecoder l : levels.levels())
                {
                    list.add(new Result.Level(l.sku(), l.warehouse(), l.onHand(), l.reserved(), l.available(),
                        l.inTransit(), l.presaleReserved(), l.presaleAvailable(), l.safetyStock(), l.allocated(),
                        l.shortage(), l.version()));
                }
                return new Result.Levels(levels.sequence(), levels.replayed() == BooleanType.TRUE, List.copyOf(list));
            case ErrorResultDecoder.TEMPLATE_ID:
                return decodeError(buffer, body, blockLength, version);
            case DigestResultDecoder.TEMPLATE_ID:
                digest.wrap(buffer, body, blockLength, version);
                return new Result.Digest(digest.sequence(), digest.digest(), digest.cellCount(),
                    digest.openReservations(), digest.closedReservations(), digest.idempotencyKeys());
            case SubscribeResultDecoder.TEMPLATE_ID:
                return new Result.Subscribed(subscribed.wrap(buffer, body, blockLength, version).sequence());
            case AuthenticateResultDecoder.TEMPLATE_ID:
                return new Result.Authenticated(authenticated.wrap(buffer, body, blockLength, version).keyId());
            case ChangeEventDecoder.TEMPLATE_ID:
                return decodeChange(buffer, body, blockLength, version);
            case ChannelChangeEventDecoder.TEMPLATE_ID:
                return decodeChannelChange(buffer, body, blockLength, version);
            default:
                return channels.decode(templateId, buffer, body, blockLength, version);
        }
    }

    private Result decodeReservation(final DirectBuffer buffer, final int body, final int blockLength,
        final int version)
    {
        reservation.wrap(buffer, body, blockLength, version);
        final long sequence = reservation.sequence();
        final boolean replayed = reservation.replayed() == BooleanType.TRUE;
        final ReservationStateCode stateCode = reservation.state();
        final ReservationState state = stateCode == ReservationStateCode.NULL_VAL
            ? null : ReservationState.fromNumber(stateCode.value());
        final long createdAt = reservation.createdAtMillis();
        final long expiresAt = reservation.expiresAtMillis();
        final List<Result.ReservationLine> lines = new ArrayList<>();
        for (final ReservationResultDecoder.LinesDecoder l : reservation.lines())
        {
            final long quantity = l.quantity();
            final long deducted = l.deducted();
            final long released = l.released();
            final long returned = l.returned();
            final boolean presale = l.presale() == BooleanType.TRUE;
            final String sku = l.sku();
            final String warehouse = l.warehouse();
            final String kit = emptyToNull(l.kit());
            lines.add(new Result.ReservationLine(sku, warehouse, quantity, presale, deducted, released, returned,
                kit, emptyToNull(l.listing())));
        }
        final String orderId = reservation.orderId();
        final String channel = emptyToNull(reservation.channel());
        return new Result.Reservation(sequence, replayed, orderId, channel, state, createdAt,
            expiresAt == ReservationResultDecoder.expiresAtMillisNullValue() ? Result.NO_EXPIRY : expiresAt,
            List.copyOf(lines));
    }

    private Result decodeError(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        error.wrap(buffer, body, blockLength, version);
        final long sequence = error.sequence();
        final ResultCode code = ResultCode.fromWireCode(error.code());
        final List<Result.ShortLine> lines = new ArrayList<>();
        for (final ErrorResultDecoder.ShortLinesDecoder l : error.shortLines())
        {
            final long requested = l.requested();
            final long available = l.available();
            lines.add(new Result.ShortLine(l.sku(), emptyToNull(l.warehouse()), requested, available));
        }
        return new Result.Failure(sequence, code, emptyToNull(error.detail()),
            List.copyOf(lines));
    }

    private Result.ChannelChangeEvent decodeChannelChange(final DirectBuffer buffer, final int body,
        final int blockLength, final int version)
    {
        channelChange.wrap(buffer, body, blockLength, version);
        final long seq = channelChange.seq();
        final long at = channelChange.atMillis();
        final List<Result.ListingChange> list = new ArrayList<>();
        for (final ChannelChangeEventDecoder.ListingsDecoder l : channelChange.listings())
        {
            final long published = l.published();
            list.add(new Result.ListingChange(l.listingId(), l.sku(), published));
        }
        return new Result.ChannelChangeEvent(seq, at, channelChange.channel(), List.copyOf(list));
    }

    private Result.ChangeEvent decodeChange(final DirectBuffer buffer, final int body, final int blockLength,
        final int version)
    {
        change.wrap(buffer, body, blockLength, version);
        final long seq = change.seq();
        final long at = change.atMillis();
        final List<Result.Level> list = new ArrayList<>();
        for (final ChangeEventDecoder.LevelsDecoder l : change.levels())
        {
            list.add(new Result.Level(l.sku(), l.warehouse(), l.onHand(), l.reserved(), l.available(),
                l.inTransit(), l.presaleReserved(), l.presaleAvailable(), l.safetyStock(), l.allocated(),
                l.shortage(), l.version()));
        }
        return new Result.ChangeEvent(seq, at, List.copyOf(list));
    }

    private static String emptyToNull(final String value)
    {
        return value == null || value.isEmpty() ? null : value;
    }
}
