package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.AdjustDecoder;
import dev.stockhold.cluster.sbe.GetDigestDecoder;
import dev.stockhold.cluster.sbe.GetReservationDecoder;
import dev.stockhold.cluster.sbe.GetStockDecoder;
import dev.stockhold.cluster.sbe.LockDecoder;
import dev.stockhold.cluster.sbe.MemberSnapshotDecoder;
import dev.stockhold.cluster.sbe.MessageHeaderDecoder;
import dev.stockhold.cluster.sbe.ReceiveDecoder;
import dev.stockhold.cluster.sbe.SetStockDecoder;
import dev.stockhold.cluster.sbe.SettleDecoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Turns one cluster ingress message into an engine {@link Command} and its command id.
 * <p>
 * Only the structure is checked here (schema, version, template, lengths): the ledger validates every field
 * when it applies the command, so what is accepted is decided in one place and identically on every node.
 * The message is read through a view bounded to its own bytes, so a length that points past the message
 * fails instead of reading the log beyond it. Not thread-safe: the clustered service's thread owns one.
 * A valid message allocates its strings.
 */
public final class IngressDecoder
{
    private static final int COMMAND_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;

    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LockDecoder lock = new LockDecoder();
    private final SettleDecoder settle = new SettleDecoder();
    private final SetStockDecoder setStock = new SetStockDecoder();
    private final AdjustDecoder adjust = new AdjustDecoder();
    private final ReceiveDecoder receive = new ReceiveDecoder();
    private final GetStockDecoder getStock = new GetStockDecoder();
    private final GetReservationDecoder getReservation = new GetReservationDecoder();
    private final GetDigestDecoder getDigest = new GetDigestDecoder();
    private final MemberSnapshotDecoder memberSnapshot = new MemberSnapshotDecoder();

    private long origin;
    private long number;
    private String error;
    private int snapshotMember;
    private long snapshotPosition;

    /**
     * Reads a member's snapshot report ({@code MemberSnapshot}), which is no command.
     *
     * @return true when the message is one: {@link #snapshotMember()} and {@link #snapshotPosition()} hold it.
     */
    public boolean decodeMemberSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + MemberSnapshotDecoder.BLOCK_LENGTH)
        {
            return false;
        }
        view.wrap(buffer, offset, length);
        header.wrap(view, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.templateId() != MemberSnapshotDecoder.TEMPLATE_ID
            || header.blockLength() != MemberSnapshotDecoder.BLOCK_LENGTH)
        {
            return false;
        }
        memberSnapshot.wrap(view, MessageHeaderDecoder.ENCODED_LENGTH, MemberSnapshotDecoder.BLOCK_LENGTH,
            MessageHeaderDecoder.SCHEMA_VERSION);
        snapshotMember = memberSnapshot.memberId();
        snapshotPosition = memberSnapshot.logPosition();
        return true;
    }

    /** @return the member of the last snapshot report. */
    public int snapshotMember()
    {
        return snapshotMember;
    }

    /** @return the log position of the last snapshot report. */
    public long snapshotPosition()
    {
        return snapshotPosition;
    }

    /**
     * Decodes the message in {@code buffer[offset, offset + length)} into {@code into}.
     *
     * @return true when a command was decoded; false when the message is unreadable ({@link #error()} says
     * why; {@link #origin()} and {@link #number()} are its command id when that much could be read, else 0).
     */
    public boolean decode(final DirectBuffer buffer, final int offset, final int length, final Command into)
    {
        origin = 0;
        number = 0;
        error = null;
        if (length < COMMAND_ID_OFFSET + 2 * Long.BYTES)
        {
            return fail("truncated message");
        }
        view.wrap(buffer, offset, length);
        origin = view.getLong(COMMAND_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        number = view.getLong(COMMAND_ID_OFFSET + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        header.wrap(view, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return fail("unknown schema id");
        }
        if (header.version() != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return fail("unsupported schema version");
        }
        final int blockLength = header.blockLength();
        if (MessageHeaderDecoder.ENCODED_LENGTH + blockLength > length)
        {
            return fail("truncated message");
        }
        try
        {
            return dispatch(header.templateId(), blockLength, into);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return fail("truncated message");
        }
    }

    private boolean dispatch(final int templateId, final int blockLength, final Command into)
    {
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        final int version = MessageHeaderDecoder.SCHEMA_VERSION;
        switch (templateId)
        {
            case LockDecoder.TEMPLATE_ID:
                lock.wrap(view, body, blockLength, version);
                return blockLength == LockDecoder.BLOCK_LENGTH ? decodeLock(into) : fail("unexpected block length");
            case SettleDecoder.TEMPLATE_ID:
                settle.wrap(view, body, blockLength, version);
                return blockLength == SettleDecoder.BLOCK_LENGTH ? decodeSettle(into) : fail("unexpected block length");
            case SetStockDecoder.TEMPLATE_ID:
                setStock.wrap(view, body, blockLength, version);
                return blockLength == SetStockDecoder.BLOCK_LENGTH ? decodeSetStock(into)
                    : fail("unexpected block length");
            case AdjustDecoder.TEMPLATE_ID:
                adjust.wrap(view, body, blockLength, version);
                return blockLength == AdjustDecoder.BLOCK_LENGTH ? decodeAdjust(into) : fail("unexpected block length");
            case ReceiveDecoder.TEMPLATE_ID:
                receive.wrap(view, body, blockLength, version);
                return blockLength == ReceiveDecoder.BLOCK_LENGTH ? decodeReceive(into)
                    : fail("unexpected block length");
            case GetStockDecoder.TEMPLATE_ID:
                getStock.wrap(view, body, blockLength, version);
                return blockLength == GetStockDecoder.BLOCK_LENGTH ? decodeGetStock(into)
                    : fail("unexpected block length");
            case GetReservationDecoder.TEMPLATE_ID:
                getReservation.wrap(view, body, blockLength, version);
                if (blockLength != GetReservationDecoder.BLOCK_LENGTH)
                {
                    return fail("unexpected block length");
                }
                into.getReservation(null);
                header(into, getReservation.clientId(), getReservation.requestId());
                into.orderId = text(getReservation.orderId());
                return true;
            case GetDigestDecoder.TEMPLATE_ID:
                getDigest.wrap(view, body, blockLength, version);
                if (blockLength != GetDigestDecoder.BLOCK_LENGTH)
                {
                    return fail("unexpected block length");
                }
                into.getDigest();
                header(into, getDigest.clientId(), getDigest.requestId());
                return true;
            default:
                return fail("unknown template id");
        }
    }

    private boolean decodeLock(final Command into)
    {
        into.lock(null, null, lock.ttlSeconds(), lock.allowPresaleRaw() == 1, lock.allowSplitRaw() == 1);
        header(into, lock.clientId(), lock.requestId());
        final LockDecoder.LinesDecoder lines = lock.lines();
        if (lines.actingBlockLength() != LockDecoder.LinesDecoder.sbeBlockLength())
        {
            return fail("unexpected group block length");
        }
        while (lines.hasNext())
        {
            lines.next();
            final long quantity = lines.quantity();
            final String sku = text(lines.sku());
            into.lines.add(sku, text(lines.warehouse()), quantity);
        }
        into.orderId = text(lock.orderId());
        into.channel = text(lock.channel());
        into.idempotencyKey = text(lock.idempotencyKey());
        return true;
    }

    private boolean decodeSettle(final Command into)
    {
        final CommandType type = CommandType.fromCode(settle.actionRaw());
        if (type != CommandType.RELEASE && type != CommandType.DEDUCT && type != CommandType.RETURN)
        {
            return fail("unknown settle action");
        }
        into.settle(type, null);
        header(into, settle.clientId(), settle.requestId());
        final SettleDecoder.LinesDecoder lines = settle.lines();
        if (lines.actingBlockLength() != SettleDecoder.LinesDecoder.sbeBlockLength())
        {
            return fail("unexpected group block length");
        }
        while (lines.hasNext())
        {
            lines.next();
            final long quantity = lines.quantity();
            final String sku = text(lines.sku());
            into.lines.add(sku, text(lines.warehouse()), quantity);
        }
        into.orderId = text(settle.orderId());
        into.idempotencyKey = text(settle.idempotencyKey());
        return true;
    }

    private boolean decodeSetStock(final Command into)
    {
        into.setStock();
        header(into, setStock.clientId(), setStock.requestId());
        final SetStockDecoder.ItemsDecoder items = setStock.items();
        if (items.actingBlockLength() != SetStockDecoder.ItemsDecoder.sbeBlockLength())
        {
            return fail("unexpected group block length");
        }
        while (items.hasNext())
        {
            items.next();
            final long onHand = items.onHand();
            final long inTransit = items.inTransit();
            final long safetyStock = items.safetyStock();
            final long expectedVersion = items.expectedVersion();
            final String sku = text(items.sku());
            into.items.add(sku, text(items.warehouse()), onHand, inTransit, safetyStock, expectedVersion);
        }
        into.idempotencyKey = text(setStock.idempotencyKey());
        return true;
    }

    private boolean decodeAdjust(final Command into)
    {
        final long onHandDelta = adjust.onHandDelta();
        final long inTransitDelta = adjust.inTransitDelta();
        final long safetyStockDelta = adjust.safetyStockDelta();
        final String sku = text(adjust.sku());
        final String warehouse = text(adjust.warehouse());
        final String reason = text(adjust.reason());
        into.adjust(sku, warehouse, onHandDelta, inTransitDelta, safetyStockDelta, reason);
        header(into, adjust.clientId(), adjust.requestId());
        into.idempotencyKey = text(adjust.idempotencyKey());
        return true;
    }

    private boolean decodeReceive(final Command into)
    {
        final long quantity = receive.quantity();
        final String sku = text(receive.sku());
        into.receive(sku, text(receive.warehouse()), quantity);
        header(into, receive.clientId(), receive.requestId());
        into.idempotencyKey = text(receive.idempotencyKey());
        return true;
    }

    private boolean decodeGetStock(final Command into)
    {
        final String sku = text(getStock.sku());
        into.getStock(sku, text(getStock.warehouse()));
        header(into, getStock.clientId(), getStock.requestId());
        return true;
    }

    private static void header(final Command into, final int clientId, final long requestId)
    {
        into.clientId = clientId;
        into.requestId = requestId;
    }

    private static String text(final String value)
    {
        return value.isEmpty() ? null : value;
    }

    private boolean fail(final String why)
    {
        error = why;
        return false;
    }

    /** @return the origin of the last message's command id. */
    public long origin()
    {
        return origin;
    }

    /** @return the number of the last message's command id. */
    public long number()
    {
        return number;
    }

    /** @return why the last message could not be decoded, or null. */
    public String error()
    {
        return error;
    }
}
