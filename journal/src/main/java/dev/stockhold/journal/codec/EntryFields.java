package dev.stockhold.journal.codec;

import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.StockItems;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The field encodings of {@link JournalCodec}'s entries (strings, int64s, lines, items) and the cursor that
 * walks an entry: one instance per codec, so per thread.
 */
final class EntryFields
{
    static final int NULL_STRING = 0xFFFF;
    static final int MAX_STRING_BYTES = 0xFFFE;

    private final CodeCache codes = new CodeCache();
    int cursor;
    int limit;

    /** Writes lines: count, then per line sku, [listing,] warehouse, quantity. */
    void putLines(final MutableDirectBuffer buffer, final OrderLines lines, final boolean withListings)
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
            if (withListings)
            {
                putString(buffer, lines.listing(i));
            }
            putString(buffer, lines.warehouse(i));
            putLong(buffer, lines.quantity(i));
        }
    }

    void getLines(final DirectBuffer buffer, final OrderLines lines, final boolean withListings)
    {
        require(2);
        final int count = buffer.getShort(cursor) & 0xFFFF;
        cursor += 2;
        for (int i = 0; i < count; i++)
        {
            final String sku = getCode(buffer);
            final String listing = withListings ? getString(buffer) : null;
            final String warehouse = getCode(buffer);
            lines.add(sku, listing, warehouse, getLong(buffer));
        }
    }

    void putItems(final MutableDirectBuffer buffer, final StockItems items)
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

    void getItems(final DirectBuffer buffer, final StockItems items)
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

    void putLong(final MutableDirectBuffer buffer, final long value)
    {
        buffer.putLong(cursor, value);
        cursor += 8;
    }

    long getLong(final DirectBuffer buffer)
    {
        require(8);
        final long value = buffer.getLong(cursor);
        cursor += 8;
        return value;
    }

    void putString(final MutableDirectBuffer buffer, final String value)
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

    String getString(final DirectBuffer buffer)
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
    String getCode(final DirectBuffer buffer)
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

    void require(final int bytes)
    {
        if (cursor + bytes > limit)
        {
            throw new JournalFormatException("field at " + cursor + " runs past the entry's end " + limit);
        }
    }
}
