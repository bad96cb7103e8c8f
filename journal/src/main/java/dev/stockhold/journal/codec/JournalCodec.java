package dev.stockhold.journal.codec;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.zip.CRC32C;

/**
 * Encodes a mutating {@link Command} into one journal entry and decodes it back, in a compact hand-written
 * binary layout (no reflection, no text). One instance per thread: it keeps a reusable checksum. It is the
 * project's one command codec: a cluster's log carries every command a client sends as one such entry
 * ({@link #encodeRequest}, {@link #decodeRequest}).
 * <p>
 * Entries travel in batches, many to a Chronicle Queue document ({@code EntryBatch} frames them).
 * Integers are little-endian. Layout, field by field:
 * <pre>
 * offset  bytes  field
 *      0      1  format version, {@value #VERSION}
 *      1      1  command type, {@link CommandType#code()}
 *      2      8  sequence: engine sequence (int64)
 *     10      8  timestampMillis: engine time, epoch milliseconds (int64)
 *     18      4  clientId: the API key id (int32)
 *     22      8  requestId: the gateway's request id (int64)
 *     30  2+n    idempotencyKey: string (see below), absent = null
 *     ..      .  payload of the type, below
 *    end      4  CRC32C of every preceding byte of the entry (int32)
 *
 * string:  2 bytes length n (uint16; 0xFFFF = null), then n bytes of UTF-8; n at most 65,534
 * line:    sku string, [listing string, only when the entry's flags have bit 2,] warehouse string
 *          (null = the engine chooses), quantity (int64, 8)
 *
 * LOCK                     orderId string, channel string, ttlSeconds (int32, 4),
 *                          flags (1: bit 0 allowPresale, bit 1 allowSplit, bit 2 lines carry listings),
 *                          line count (uint16, 2), lines
 * RELEASE, DEDUCT, RETURN  orderId string, line count (uint16, 2), lines (none = the whole order)
 * SET_STOCK                item count (int32, 4), then per item: sku string, warehouse string,
 *                          onHand, inTransit, safetyStock, expectedVersion (int64, 8 each;
 *                          Long.MIN_VALUE = absent, as {@link Command#ABSENT})
 * ADJUST                   sku string, warehouse string, onHandDelta, inTransitDelta,
 *                          safetyStockDelta (int64, 8 each), reason string
 * RECEIVE                  sku string, warehouse string, quantity (int64, 8)
 * TICK                     nothing
 * PUT_CHANNEL              channel string, warehouse count (uint16, 2; 0xFFFF = null, every warehouse),
 *                          warehouse strings, bufferUnits, percent, maxUnits (int64, 8 each; maxUnits
 *                          Long.MIN_VALUE = no cap), flags (1: bit 0 allowPresale, bit 1 push follows),
 *                          [push: url string, secret string, ratePerSecond, burst, maxListings (int64, 8 each)]
 * BIND_LISTING             channel string, listing string, sku string
 * UNBIND_LISTING           channel string, listing string
 * PUT_KIT                  kit string, flags (1: bit 2 lines carry listings), component count (uint16, 2),
 *                          components as lines (sku, warehouse, quantity; as sent, so a refused request
 *                          replays as refused)
 * SET_ALLOCATION           channel string, sku string, warehouse string, units (int64, 8)
 * PUSH_OUTCOME             channel string, delivery string, status (int32, 4; 0 = no answer), error string
 *                          (null after a 2xx), listing count (uint16, 2), then per listing: listing string,
 *                          sku string, published, seq (int64, 8 each)
 * </pre>
 * A PUT_CHANNEL without push has no bit 1 and reads exactly as one written before push existed.
 * The reads a client sends are never journaled, but a cluster's log carries them in the same layout
 * ({@link #encodeRequest}): GET_CELL and GET_SKU sku string, warehouse string; GET_RESERVATION orderId
 * string; GET_CHANNEL channel string; GET_LISTING channel string, listing string; GET_KIT sku string;
 * GET_ALLOCATION channel string, sku string, warehouse string; GET_PUSH and NEXT_DELIVERY channel string; GET_DIGEST,
 * GET_STATS and LIST_CHANNELS nothing.
 * Entries written before channels existed (no bit 2, none of the channel types) read exactly as before:
 * the format version stays 1 and a lock without listings is byte for byte what it was.
 * A one-line lock with a 12-character order id, an 8-character channel, a 10-character SKU and a
 * 4-character warehouse and no idempotency key is 30 + 2 + 14 + 10 + 4 + 1 + 2 + 12 + 6 + 8 + 4 = 93 bytes.
 * The reply context ({@code replyTo}, {@code correlationId}) and the result are never journaled.
 */
public final class JournalCodec
{
    /** The format version written in byte 0; a reader refuses any other. */
    public static final byte VERSION = 1;
    /** Bytes before the idempotency key. */
    public static final int HEADER_LENGTH = 30;
    /** Bytes of the trailing checksum. */
    public static final int CHECKSUM_LENGTH = 4;

    static final int FLAG_PRESALE = 1;
    private static final int FLAG_SPLIT = 2;
    static final int FLAG_LISTINGS = 4;
    /** In a PUT_CHANNEL's flags (where bit 1 means nothing else): the push settings follow. */
    static final int FLAG_PUSH = 2;

    private final CRC32C crc = new CRC32C();
    private final EntryFields fields = new EntryFields();

    /**
     * Writes {@code command} as one entry at offset 0 of {@code buffer}, checksum included.
     *
     * @param command a mutating command with its sequence and timestamp stamped.
     * @param buffer  a heap-backed buffer that grows as needed (an {@code ExpandableArrayBuffer}).
     * @return the entry's length in bytes.
     * @throws IllegalArgumentException for a read-only type or a string longer than 65,534 UTF-8 bytes.
     */
    public int encode(final Command command, final MutableDirectBuffer buffer)
    {
        return encode(command, buffer, false);
    }

    /**
     * Writes any command a client sends as one entry at offset 0 of {@code buffer}: a mutating command exactly
     * as {@link #encode} writes it, a read in the same layout with its own payload. How a cluster's log
     * carries every client command with this one codec.
     *
     * @throws IllegalArgumentException for the engine's own snapshot request or a string longer than 65,534
     *                                  UTF-8 bytes.
     */
    public int encodeRequest(final Command command, final MutableDirectBuffer buffer)
    {
        return encode(command, buffer, true);
    }

    private int encode(final Command command, final MutableDirectBuffer buffer, final boolean reads)
    {
        final CommandType type = command.type;
        buffer.putByte(0, VERSION);
        buffer.putByte(1, type.code());
        buffer.putLong(2, command.sequence);
        buffer.putLong(10, command.timestampMillis);
        buffer.putInt(18, command.clientId);
        buffer.putLong(22, command.requestId);
        fields.cursor = HEADER_LENGTH;
        fields.putString(buffer, command.idempotencyKey);
        switch (type)
        {
            case LOCK:
                fields.putString(buffer, command.orderId);
                fields.putString(buffer, command.channel);
                buffer.putInt(fields.cursor, command.ttlSeconds);
                buffer.putByte(fields.cursor + 4, (byte)((command.allowPresale ? FLAG_PRESALE : 0)
                    | (command.allowSplit ? FLAG_SPLIT : 0) | (command.lines.hasListings() ? FLAG_LISTINGS : 0)));
                fields.cursor += 5;
                fields.putLines(buffer, command.lines, command.lines.hasListings());
                break;
            case RELEASE:
            case DEDUCT:
            case RETURN:
                fields.putString(buffer, command.orderId);
                fields.putLines(buffer, command.lines, false);
                break;
            case SET_STOCK:
                fields.putItems(buffer, command.items);
                break;
            case ADJUST:
                fields.putString(buffer, command.sku);
                fields.putString(buffer, command.warehouse);
                fields.putLong(buffer, command.onHandDelta);
                fields.putLong(buffer, command.inTransitDelta);
                fields.putLong(buffer, command.safetyStockDelta);
                fields.putString(buffer, command.reason);
                break;
            case RECEIVE:
                fields.putString(buffer, command.sku);
                fields.putString(buffer, command.warehouse);
                fields.putLong(buffer, command.quantity);
                break;
            case TICK:
                break;
            default:
                if (reads && !type.isMutating())
                {
                    ReadPayloads.encode(command, buffer, fields);
                }
                else
                {
                    ChannelPayloads.encode(command, buffer, fields);
                }
                break;
        }
        final int bodyLength = fields.cursor;
        crc.reset();
        crc.update(buffer.byteArray(), 0, bodyLength);
        buffer.putInt(bodyLength, (int)crc.getValue());
        return bodyLength + CHECKSUM_LENGTH;
    }

    /**
     * Reads the entry of {@code length} bytes at offset 0 of {@code buffer} into {@code into}, after
     * clearing its request: header (sequence and timestamp included) and payload. The result is left as it
     * was ({@link Command#clearRequest}): the ledger resets it when it applies the command.
     *
     * @param buffer a heap-backed buffer holding the entry (it may wrap part of a larger array).
     * @throws JournalFormatException when the checksum, version, type or a length is wrong.
     */
    public void decode(final DirectBuffer buffer, final int length, final Command into)
    {
        decode(buffer, length, into, false);
    }

    /**
     * Reads an entry {@link #encodeRequest} wrote: as {@link #decode}, and a read too.
     *
     * @throws JournalFormatException when the checksum, version, type or a length is wrong.
     */
    public void decodeRequest(final DirectBuffer buffer, final int length, final Command into)
    {
        decode(buffer, length, into, true);
    }

    private void decode(final DirectBuffer buffer, final int length, final Command into, final boolean reads)
    {
        verifyChecksum(buffer, length);
        fields.limit = length - CHECKSUM_LENGTH;
        final CommandType type = CommandType.fromCode(buffer.getByte(1));
        if (type == null || !(type.isMutating() || reads && ReadPayloads.carries(type)))
        {
            throw new JournalFormatException("unknown command type code " + buffer.getByte(1));
        }
        into.clearRequest();
        into.type = type;
        into.sequence = buffer.getLong(2);
        into.timestampMillis = buffer.getLong(10);
        into.clientId = buffer.getInt(18);
        into.requestId = buffer.getLong(22);
        fields.cursor = HEADER_LENGTH;
        into.idempotencyKey = fields.getString(buffer);
        decodePayload(buffer, type, into);
        if (fields.cursor != fields.limit)
        {
            throw new JournalFormatException((fields.limit - fields.cursor) + " unread bytes after the payload");
        }
    }

    /**
     * Reads only the sequence of an entry, after checking its checksum: how recovery finds its place.
     *
     * @throws JournalFormatException when the entry is torn or of another version.
     */
    public long sequenceOf(final DirectBuffer buffer, final int length)
    {
        verifyChecksum(buffer, length);
        return buffer.getLong(2);
    }

    private void verifyChecksum(final DirectBuffer buffer, final int length)
    {
        if (length < HEADER_LENGTH + 2 + CHECKSUM_LENGTH)
        {
            throw new JournalFormatException("entry of " + length + " bytes is shorter than a header");
        }
        if (buffer.getByte(0) != VERSION)
        {
            throw new JournalFormatException("unknown format version " + buffer.getByte(0));
        }
        final int bodyLength = length - CHECKSUM_LENGTH;
        crc.reset();
        crc.update(buffer.byteArray(), buffer.wrapAdjustment(), bodyLength);
        if ((int)crc.getValue() != buffer.getInt(bodyLength))
        {
            throw new JournalFormatException("checksum mismatch");
        }
    }

    private void decodePayload(final DirectBuffer buffer, final CommandType type, final Command into)
    {
        switch (type)
        {
            case LOCK:
                into.orderId = fields.getString(buffer);
                into.channel = fields.getCode(buffer);
                fields.require(5);
                into.ttlSeconds = buffer.getInt(fields.cursor);
                final int flags = buffer.getByte(fields.cursor + 4);
                into.allowPresale = (flags & FLAG_PRESALE) != 0;
                into.allowSplit = (flags & FLAG_SPLIT) != 0;
                fields.cursor += 5;
                fields.getLines(buffer, into.lines, (flags & FLAG_LISTINGS) != 0);
                break;
            case RELEASE:
            case DEDUCT:
            case RETURN:
                into.orderId = fields.getString(buffer);
                fields.getLines(buffer, into.lines, false);
                break;
            case SET_STOCK:
                fields.getItems(buffer, into.items);
                break;
            case ADJUST:
                into.sku = fields.getCode(buffer);
                into.warehouse = fields.getCode(buffer);
                into.onHandDelta = fields.getLong(buffer);
                into.inTransitDelta = fields.getLong(buffer);
                into.safetyStockDelta = fields.getLong(buffer);
                into.reason = fields.getString(buffer);
                break;
            case RECEIVE:
                into.sku = fields.getCode(buffer);
                into.warehouse = fields.getCode(buffer);
                into.quantity = fields.getLong(buffer);
                break;
            default:
                if (type.isMutating())
                {
                    ChannelPayloads.decode(buffer, type, into, fields);
                }
                else
                {
                    ReadPayloads.decode(buffer, type, into, fields);
                }
                break;
        }
    }
}
