package dev.stockhold.journal.codec;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.StockItems;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Encodes a mutating {@link Command} into one journal entry and decodes it back, in a compact hand-written
 * binary layout (no reflection, no text). One instance per thread: it keeps a reusable checksum.
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
 * line:    sku string, warehouse string (null = the engine chooses), quantity (int64, 8)
 *
 * LOCK                     orderId string, channel string, ttlSeconds (int32, 4),
 *                          flags (1: bit 0 allowPresale, bit 1 allowSplit), line count (uint16, 2), lines
 * RELEASE, DEDUCT, RETURN  orderId string, line count (uint16, 2), lines (none = the whole order)
 * SET_STOCK                item count (int32, 4), then per item: sku string, warehouse string,
 *                          onHand, inTransit, safetyStock, expectedVersion (int64, 8 each;
 *                          Long.MIN_VALUE = absent, as {@link Command#ABSENT})
 * ADJUST                   sku string, warehouse string, onHandDelta, inTransitDelta,
 *                          safetyStockDelta (int64, 8 each), reason string
 * RECEIVE                  sku string, warehouse string, quantity (int64, 8)
 * TICK                     nothing
 * </pre>
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

    private static final int NULL_STRING = 0xFFFF;
    private static final int MAX_STRING_BYTES = 0xFFFE;
    private static final int FLAG_PRESALE = 1;
    private static final int FLAG_SPLIT = 2;

    private final CRC32C crc = new CRC32C();
    private final CodeCache codes = new CodeCache();
    private int cursor;
    private int limit;

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
        final CommandType type = command.type;
        buffer.putByte(0, VERSION);
        buffer.putByte(1, type.code());
        buffer.putLong(2, command.sequence);
        buffer.putLong(10, command.timestampMillis);
        buffer.putInt(18, command.clientId);
        buffer.putLong(22, command.requestId);
        cursor = HEADER_LENGTH;
        putString(buffer, command.idempotencyKey);
        switch (type)
        {
            case LOCK:
                putString(buffer, command.orderId);
                putString(buffer, command.channel);
                buffer.putInt(cursor, command.ttlSeconds);
                buffer.putByte(cursor + 4, (byte)((command.allowPresale ? FLAG_PRESALE : 0)
                    | (command.allowSplit ? FLAG_SPLIT : 0)));
                cursor += 5;
                putLines(buffer, command.lines);
                break;
            case RELEASE:
            case DEDUCT:
            case RETURN:
                putString(buffer, command.orderId);
                putLines(buffer, command.lines);
                break;
            case SET_STOCK:
                putItems(buffer, command.items);
                break;
            case ADJUST:
                putString(buffer, command.sku);
                putString(buffer, command.warehouse);
                putLong(buffer, command.onHandDelta);
                putLong(buffer, command.inTransitDelta);
                putLong(buffer, command.safetyStockDelta);
                putString(buffer, command.reason);
                break;
            case RECEIVE:
                putString(buffer, command.sku);
                putString(buffer, command.warehouse);
                putLong(buffer, command.quantity);
                break;
            case TICK:
                break;
            default:
                throw new IllegalArgumentException("not a journaled command type: " + type);
        }
        final int bodyLength = cursor;
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
        verifyChecksum(buffer, length);
        limit = length - CHECKSUM_LENGTH;
        final CommandType type = CommandType.fromCode(buffer.getByte(1));
        if (type == null || !type.isMutating())
        {
            throw new JournalFormatException("unknown command type code " + buffer.getByte(1));
        }
        into.clearRequest();
        into.type = type;
        into.sequence = buffer.getLong(2);
        into.timestampMillis = buffer.getLong(10);
        into.clientId = buffer.getInt(18);
        into.requestId = buffer.getLong(22);
        cursor = HEADER_LENGTH;
        into.idempotencyKey = getString(buffer);
        decodePayload(buffer, type, into);
        if (cursor != limit)
        {
            throw new JournalFormatException((limit - cursor) + " unread bytes after the payload");
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
                into.orderId = getString(buffer);
                into.channel = getCode(buffer);
                require(5);
                into.ttlSeconds = buffer.getInt(cursor);
                final int flags = buffer.getByte(cursor + 4);
                into.allowPresale = (flags & FLAG_PRESALE) != 0;
                into.allowSplit = (flags & FLAG_SPLIT) != 0;
                cursor += 5;
                getLines(buffer, into.lines);
                break;
            case RELEASE:
            case DEDUCT:
            case RETURN:
                into.orderId = getString(buffer);
                getLines(buffer, into.lines);
                break;
            case SET_STOCK:
                getItems(buffer, into.items);
                break;
            case ADJUST:
                into.sku = getCode(buffer);
                into.warehouse = getCode(buffer);
                into.onHandDelta = getLong(buffer);
                into.inTransitDelta = getLong(buffer);
                into.safetyStockDelta = getLong(buffer);
                into.reason = getString(buffer);
                break;
            case RECEIVE:
                into.sku = getCode(buffer);
                into.warehouse = getCode(buffer);
                into.quantity = getLong(buffer);
                break;
            default:
                break;
        }
    }

    private void putLines(final MutableDirectBuffer buffer, final OrderLines lines)
    {
        final int count = lines.count();
        if (count > MAX_STRING_BYTES)
        {
            throw new IllegalArgumentException("too many lines: " + count);
        }
        buffer.putShort(cursor, (short)count);
        cursor += 2;
        for (int i = 0; i < count; i++)
        {
            putString(buffer, lines.sku(i));
            putString(buffer, lines.warehouse(i));
            putLong(buffer, lines.quantity(i));
        }
    }

    private void getLines(final DirectBuffer buffer, final OrderLines lines)
    {
        require(2);
        final int count = buffer.getShort(cursor) & 0xFFFF;
        cursor += 2;
        for (int i = 0; i < count; i++)
        {
            final String sku = getCode(buffer);
            final String warehouse = getCode(buffer);
            lines.add(sku, warehouse, getLong(buffer));
        }
    }

    private void putItems(final MutableDirectBuffer buffer, final StockItems items)
    {
        final int count = items.count();
        buffer.putInt(cursor, count);
        cursor += 4;
        for (int i = 0; i < count; i++)
        {
            putString(buffer, items.sku(i));
            putString(buffer, items.warehouse(i));
            putLong(buffer, items.onHand(i));
            putLong(buffer, items.inTransit(i));
            putLong(buffer, items.safetyStock(i));
            putLong(buffer, items.expectedVersion(i));
        }
    }

    private void getItems(final DirectBuffer buffer, final StockItems items)
    {
        require(4);
        final int count = buffer.getInt(cursor);
        cursor += 4;
        if (count < 0)
        {
            throw new JournalFormatException("negative item count " + count);
        }
        for (int i = 0; i < count; i++)
        {
            final String sku = getCode(buffer);
            final String warehouse = getCode(buffer);
            final long onHand = getLong(buffer);
            final long inTransit = getLong(buffer);
            final long safetyStock = getLong(buffer);
            items.add(sku, warehouse, onHand, inTransit, safetyStock, getLong(buffer));
        }
    }

    private void putLong(final MutableDirectBuffer buffer, final long value)
    {
        buffer.putLong(cursor, value);
        cursor += 8;
    }

    private long getLong(final DirectBuffer buffer)
    {
        require(8);
        final long value = buffer.getLong(cursor);
        cursor += 8;
        return value;
    }

    private void putString(final MutableDirectBuffer buffer, final String value)
    {
        if (value == null)
        {
            buffer.putShort(cursor, (short)NULL_STRING);
            cursor += 2;
            return;
        }
        final int start = cursor + 2;
        final int end = Utf8.encode(value, buffer, start);
        final int byteLength = end - start;
        if (byteLength > MAX_STRING_BYTES)
        {
            throw new IllegalArgumentException("string of " + byteLength + " UTF-8 bytes is too long to journal");
        }
        buffer.putShort(cursor, (short)byteLength);
        cursor = end;
    }

    private String getString(final DirectBuffer buffer)
    {
        require(2);
        final int length = buffer.getShort(cursor) & 0xFFFF;
        cursor += 2;
        if (length == NULL_STRING)
        {
            return null;
        }
        require(length);
        final byte[] array = buffer.byteArray();
        // Straight from the entry's array: one copy, where the buffer's own method copies twice.
        final String value = array != null
            ? new String(array, buffer.wrapAdjustment() + cursor, length, StandardCharsets.UTF_8)
            : buffer.getStringWithoutLengthUtf8(cursor, length);
        cursor += length;
        return value;
    }

    /** A SKU, warehouse or channel code: repeats across entries, so it comes from the cache. */
    private String getCode(final DirectBuffer buffer)
    {
        require(2);
        final int length = buffer.getShort(cursor) & 0xFFFF;
        cursor += 2;
        if (length == NULL_STRING)
        {
            return null;
        }
        require(length);
        final String value = codes.get(buffer, cursor, length);
        cursor += length;
        return value;
    }

    private void require(final int bytes)
    {
        if (cursor + bytes > limit)
        {
            throw new JournalFormatException("field at " + cursor + " runs past the entry's end " + limit);
        }
    }
}
