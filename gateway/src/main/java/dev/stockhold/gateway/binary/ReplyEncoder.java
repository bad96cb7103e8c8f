package dev.stockhold.gateway.binary;

import dev.stockhold.client.transport.FrameOutbox;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.command.PublishedChanges;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.command.ShortLines;
import dev.stockhold.client.sbe.BooleanType;
import dev.stockhold.client.sbe.ChangeEventEncoder;
import dev.stockhold.client.sbe.ChannelChangeEventEncoder;
import dev.stockhold.client.sbe.DigestResultEncoder;
import dev.stockhold.client.sbe.ErrorResultEncoder;
import dev.stockhold.client.sbe.LevelsResultEncoder;
import dev.stockhold.client.sbe.MessageHeaderEncoder;
import dev.stockhold.client.sbe.ReservationResultEncoder;
import dev.stockhold.client.sbe.ReservationStateCode;
import dev.stockhold.client.sbe.SubscribeResultEncoder;
import dev.stockhold.client.sbe.AuthenticateResultEncoder;
import org.agrona.ExpandableArrayBuffer;

/**
 * Encodes answers (results, errors, change events) as SBE messages into a reusable scratch buffer.
 * <p>
 * Not thread-safe: each thread that answers (the responder, each event loop) owns one. Encoding
 * allocates nothing; the caller copies {@link #buffer()}'s first {@code length} bytes into a
 * {@link FrameOutbox}.
 */
public final class ReplyEncoder
{
    /** The longest detail text sent; longer ones are cut (the encoding's limit is 1024). */
    private static final int MAX_DETAIL = 1000;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ReservationResultEncoder reservation = new ReservationResultEncoder();
    private final LevelsResultEncoder levels = new LevelsResultEncoder();
    private final ErrorResultEncoder error = new ErrorResultEncoder();
    private final DigestResultEncoder digest = new DigestResultEncoder();
    private final SubscribeResultEncoder subscribed = new SubscribeResultEncoder();
    private final AuthenticateResultEncoder authenticated = new AuthenticateResultEncoder();
    private final ChangeEventEncoder change = new ChangeEventEncoder();
    private final ChannelReplyEncoder channels = new ChannelReplyEncoder(buffer, header);
    private final ChannelChangeEventEncoder channelChange = new ChannelChangeEventEncoder();

    /** @return the scratch buffer the encode methods write to, from offset 0. */
    public ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    /**
     * Encodes the answer to a finished command.
     *
     * @return the encoded length, or 0 for commands that have no answer (tick, snapshot).
     */
    public int encodeResult(final Command command)
    {
        final CommandResult result = command.result;
        final long sequence = result.sequence() != 0 ? result.sequence() : command.sequence;
        if (!result.isOk())
        {
            return encodeError(command.correlationId, sequence, result.code(), result.detail(), result.shortLines());
        }
        switch (command.type)
        {
            case LOCK:
            case RELEASE:
            case DEDUCT:
            case RETURN:
            case GET_RESERVATION:
                return encodeReservation(command.correlationId, sequence, result);
            case SET_STOCK:
            case ADJUST:
            case RECEIVE:
            case GET_CELL:
            case GET_SKU:
                return encodeLevels(command.correlationId, sequence, result.isReplayed(), result.levels());
            case TICK:
                return encodeLevels(command.correlationId, sequence, false, result.changes());
            case PUSH_OUTCOME:
                // A replayed push outcome changes no cell: its answer only says it was applied, and where.
                return encodeLevels(command.correlationId, sequence, false, result.levels());
            case PUT_CHANNEL:
            case GET_CHANNEL:
            case LIST_CHANNELS:
                return channels.encodeChannels(command.correlationId, sequence, result.isReplayed(),
                    result.channels());
            case BIND_LISTING:
            case UNBIND_LISTING:
            case GET_LISTING:
                return channels.encodeListing(command.correlationId, sequence, result.isReplayed(), result.listing());
            case SET_ALLOCATION:
            case GET_ALLOCATION:
                return channels.encodeAllocation(command.correlationId, sequence, result.isReplayed(),
                    result.allocation());
            case PUT_KIT:
            case GET_KIT:
                return channels.encodeKit(command.correlationId, sequence, result.isReplayed(), result.kit());
            case GET_PUSH:
                return channels.encodePush(command.correlationId, sequence, result.push());
            case GET_DIGEST:
                digest.wrapAndApplyHeader(buffer, 0, header)
                    .correlationId(command.correlationId)
                    .sequence(command.sequence)
                    .digest(result.digest())
                    .cellCount(result.cellCount())
                    .openReservations(result.openReservations())
                    .closedReservations(result.closedReservations())
                    .idempotencyKeys(result.idempotencyKeys());
                return MessageHeaderEncoder.ENCODED_LENGTH + digest.encodedLength();
            default:
                return 0;
        }
    }

    private int encodeReservation(final long correlationId, final long sequence, final CommandResult result)
    {
        final ReservationView view = result.reservation();
        reservation.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .sequence(sequence)
            .replayed(bool(result.isReplayed()))
            .state(view.state() == null ? ReservationStateCode.NULL_VAL
                : ReservationStateCode.get((short)view.state().ordinal()))
            .createdAtMillis(view.createdAtMillis())
            .expiresAtMillis(view.expiresAtMillis() == ReservationView.NO_EXPIRY
                ? ReservationResultEncoder.expiresAtMillisNullValue() : view.expiresAtMillis());
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
                .warehouse(view.warehouse(i))
                .kit(view.kit(i))
                .listing(view.listing(i));
        }
        reservation.orderId(view.orderId()).channel(view.channel());
        return MessageHeaderEncoder.ENCODED_LENGTH + reservation.encodedLength();
    }

    private int encodeLevels(final long correlationId, final long sequence, final boolean replayed,
        final Levels source)
    {
        levels.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .sequence(sequence)
            .replayed(bool(replayed));
        final LevelsResultEncoder.LevelsEncoder group = levels.levelsCount(source.count());
        for (int i = 0; i < source.count(); i++)
        {
            group.next()
                .onHand(source.onHand(i))
                .reserved(source.reserved(i))
                .available(source.available(i))
                .inTransit(source.inTransit(i))
                .presaleReserved(source.presaleReserved(i))
                .presaleAvailable(source.presaleAvailable(i))
                .safetyStock(source.safetyStock(i))
                .shortage(source.shortage(i))
                .version(source.version(i))
                .allocated(source.allocated(i))
                .sku(source.sku(i))
                .warehouse(source.warehouse(i));
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + levels.encodedLength();
    }

    /**
     * Encodes an error answer.
     *
     * @param shortLines the lines that did not fit, or null.
     * @return the encoded length.
     */
    public int encodeError(final long correlationId, final long sequence, final ErrorCode code, final String detail,
        final ShortLines shortLines)
    {
        error.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .sequence(sequence)
            .code(code.wireCode());
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

    /** Encodes the acknowledgement of an authentication: the connection acts as key {@code keyId}. */
    public int encodeAuthenticated(final long correlationId, final int keyId)
    {
        authenticated.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).keyId(keyId);
        return MessageHeaderEncoder.ENCODED_LENGTH + authenticated.encodedLength();
    }

    /** Encodes the acknowledgement of a subscription. */
    public int encodeSubscribed(final long correlationId, final long sequence)
    {
        subscribed.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).sequence(sequence);
        return MessageHeaderEncoder.ENCODED_LENGTH + subscribed.encodedLength();
    }

    /** Encodes the change event of one command: every cell it changed. */
    public int encodeChange(final long correlationId, final long seq, final long atMillis, final Levels changes)
    {
        change.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).seq(seq).atMillis(atMillis);
        final ChangeEventEncoder.LevelsEncoder group = change.levelsCount(changes.count());
        for (int i = 0; i < changes.count(); i++)
        {
            group.next()
                .onHand(changes.onHand(i))
                .reserved(changes.reserved(i))
                .available(changes.available(i))
                .inTransit(changes.inTransit(i))
                .presaleReserved(changes.presaleReserved(i))
                .presaleAvailable(changes.presaleAvailable(i))
                .safetyStock(changes.safetyStock(i))
                .shortage(changes.shortage(i))
                .version(changes.version(i))
                .allocated(changes.allocated(i))
                .sku(changes.sku(i))
                .warehouse(changes.warehouse(i));
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + change.encodedLength();
    }

    /** Encodes a channel feed's event: {@code channel}'s entries {@code [from, to)} of {@code listings}. */
    public int encodeChannelChange(final long correlationId, final long seq, final long atMillis,
        final String channel, final PublishedChanges listings, final int from, final int to)
    {
        channelChange.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).seq(seq).atMillis(atMillis);
        final ChannelChangeEventEncoder.ListingsEncoder group = channelChange.listingsCount(to - from);
        for (int i = from; i < to; i++)
        {
            group.next().published(listings.published(i)).listingId(listings.listingId(i)).sku(listings.sku(i));
        }
        channelChange.channel(channel);
        return MessageHeaderEncoder.ENCODED_LENGTH + channelChange.encodedLength();
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
