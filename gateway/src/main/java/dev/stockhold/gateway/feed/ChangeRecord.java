package dev.stockhold.gateway.feed;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.command.PublishedChanges;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One command's change event, the single record every feed is written from: its sequence and engine time,
 * every cell it changed (with the cell's levels after it) and every listing whose published quantity it
 * changed (sorted by channel, then listing id). The SSE encoder ({@link SseEvents}) and the binary encoder
 * read this record, whether it points at a command the responder is passing or was read back from the
 * {@link ChangeLog}; nothing parses an encoded event back.
 * <p>
 * The durable form, little-endian, after the log entry's own header (sequence, previous sequence, length):
 * <pre>
 *   format     1  {@link #FORMAT}; any other value is refused
 *   atMillis   8  the command's engine time
 *   cellCount  4  then per cell:
 *     sku        2 + n  length, then the code's bytes (UTF-8; codes are ASCII)
 *     warehouse  2 + n
 *     onHand, reserved, inTransit, presaleReserved, safetyStock, version, allocated   7 x 8
 *   listingCount 4  then per listing, in channel then listing-id order:
 *     channel    2 + n
 *     listingId  2 + n
 *     sku        2 + n  the SKU or kit it is (or, unbound, was) bound to
 *     previous   8  the published quantity before the command
 *     published  8  the published quantity after it (0 for an unbind)
 * </pre>
 * Threads: one record per thread. {@link #of} wraps a command's result without copying (valid while the
 * responder holds the command); {@link #decode} fills the record's own tables, reused from one entry to the next.
 */
public final class ChangeRecord
{
    /** The record format written by {@link #encode}. */
    public static final byte FORMAT = 1;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final Levels ownCells = new Levels();
    private final PublishedChanges ownListings = new PublishedChanges();
    private long sequence;
    private long atMillis;
    private Levels cells = ownCells;
    private PublishedChanges listings = ownListings;

    /** @return true when {@code command} succeeded and changed a cell or a published quantity. */
    public static boolean changedAnything(final Command command)
    {
        return command.result.isOk()
            && (command.result.changes().count() > 0 || command.result.published().count() > 0);
    }

    /** Points this record at {@code command}'s result, copying nothing; @return this. */
    public ChangeRecord of(final Command command)
    {
        sequence = command.sequence;
        atMillis = command.timestampMillis;
        cells = command.result.changes();
        listings = command.result.published();
        return this;
    }

    /** @return the engine sequence of the command. */
    public long sequence()
    {
        return sequence;
    }

    /** @return the command's engine time, epoch milliseconds. */
    public long atMillis()
    {
        return atMillis;
    }

    /** @return every cell the command changed, with its levels after it. */
    public Levels cells()
    {
        return cells;
    }

    /** @return every listing whose published quantity the command changed, by channel then listing id. */
    public PublishedChanges listings()
    {
        return listings;
    }

    /** @return the index of {@code channel}'s first listing, or -1 when the command changed none of its listings. */
    public int firstListingOf(final String channel)
    {
        final int count = listings.count();
        for (int i = 0; i < count; i = listings.endOfChannel(i))
        {
            if (listings.channel(i).equals(channel))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Writes the durable form (everything but the sequence, which the log entry carries) at offset 0.
     *
     * @return its length.
     */
    public int encode(final ExpandableArrayBuffer out)
    {
        int at = 0;
        out.putByte(at, FORMAT);
        at += 1;
        at = putLong(out, at, atMillis);
        out.putInt(at, cells.count(), ORDER);
        at += 4;
        for (int i = 0; i < cells.count(); i++)
        {
            at = putString(out, at, cells.sku(i));
            at = putString(out, at, cells.warehouse(i));
            at = putLong(out, at, cells.onHand(i));
            at = putLong(out, at, cells.reserved(i));
            at = putLong(out, at, cells.inTransit(i));
            at = putLong(out, at, cells.presaleReserved(i));
            at = putLong(out, at, cells.safetyStock(i));
            at = putLong(out, at, cells.version(i));
            at = putLong(out, at, cells.allocated(i));
        }
        out.putInt(at, listings.count(), ORDER);
        at += 4;
        for (int i = 0; i < listings.count(); i++)
        {
            at = putString(out, at, listings.channel(i));
            at = putString(out, at, listings.listingId(i));
            at = putString(out, at, listings.sku(i));
            at = putLong(out, at, listings.previous(i));
            at = putLong(out, at, listings.published(i));
        }
        return at;
    }

    /**
     * Fills this record from a durable form written by {@link #encode}; @return this.
     *
     * @throws IllegalStateException when the bytes are not a record of {@link #FORMAT}.
     */
    public ChangeRecord decode(final long sequence, final byte[] bytes, final int length)
    {
        final Reading in = new Reading(bytes, length);
        if (length < 1 || bytes[0] != FORMAT)
        {
            throw new IllegalStateException("change record " + sequence + " has format "
                + (length < 1 ? "none" : Byte.toString(bytes[0])) + ", expected " + FORMAT);
        }
        in.at = 1;
        this.sequence = sequence;
        this.atMillis = in.readLong();
        cells = ownCells;
        listings = ownListings;
        cells.clear();
        listings.clear();
        final int cellCount = in.readInt();
        for (int i = 0; i < cellCount; i++)
        {
            final String sku = in.readString();
            final String warehouse = in.readString();
            final long onHand = in.readLong();
            final long reserved = in.readLong();
            final long inTransit = in.readLong();
            final long presaleReserved = in.readLong();
            final long safetyStock = in.readLong();
            final long version = in.readLong();
            final long allocated = in.readLong();
            cells.add(sku, warehouse, onHand, reserved, inTransit, presaleReserved, safetyStock, version, allocated);
        }
        final int listingCount = in.readInt();
        for (int i = 0; i < listingCount; i++)
        {
            final String channel = in.readString();
            final String listingId = in.readString();
            final String sku = in.readString();
            final long previous = in.readLong();
            final long published = in.readLong();
            listings.add(channel, listingId, sku, previous, published);
        }
        return this;
    }

    private static int putLong(final ExpandableArrayBuffer out, final int offset, final long value)
    {
        out.putLong(offset, value, ORDER);
        return offset + 8;
    }

    /** Writes a length and the string's bytes; ASCII (every code and listing id) without allocating. */
    private static int putString(final ExpandableArrayBuffer out, final int offset, final String value)
    {
        final int length = value.length();
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++)
        {
            ascii = value.charAt(i) < 0x80;
        }
        if (ascii)
        {
            out.putShort(offset, (short)length, ORDER);
            for (int i = 0; i < length; i++)
            {
                out.putByte(offset + 2 + i, (byte)value.charAt(i));
            }
            return offset + 2 + length;
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.putShort(offset, (short)utf8.length, ORDER);
        out.putBytes(offset + 2, utf8);
        return offset + 2 + utf8.length;
    }

    /** A cursor over one durable record; bounds-checked, so a damaged entry fails clearly. */
    private static final class Reading
    {
        private final byte[] bytes;
        private final int length;
        private int at;

        Reading(final byte[] bytes, final int length)
        {
            this.bytes = bytes;
            this.length = length;
        }

        long readLong()
        {
            require(8);
            long value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = (value << 8) | (bytes[at + i] & 0xFFL);
            }
            at += 8;
            return value;
        }

        int readInt()
        {
            require(4);
            final int value = (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16
                | (bytes[at + 3] & 0xFF) << 24;
            at += 4;
            return value;
        }

        String readString()
        {
            require(2);
            final int size = (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
            at += 2;
            require(size);
            final String value = new String(bytes, at, size, StandardCharsets.UTF_8);
            at += size;
            return value;
        }

        private void require(final int count)
        {
            if (at + count > length)
            {
                throw new IllegalStateException("change record truncated at byte " + at + " of " + length);
            }
        }
    }
}
