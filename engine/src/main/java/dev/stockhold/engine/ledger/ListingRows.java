package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.PublishedChanges;

import java.util.Arrays;

/**
 * The rows of {@link ListingTable}: one 64-byte row of longs per slot with the listing's channel, target,
 * published quantity, version, stamp, list links and inline id, and the per-row reads and writes the ledger
 * makes on every command that touches a listing. {@link ListingTable} adds the index, the free slots and the
 * reverse lists' heads on top.
 * <p>
 * A superclass rather than a field of {@link ListingTable}, so that a read of a listing stays one load of
 * {@link #rows} from the table the ledger holds, with no object in between; every method is final, so no call
 * is virtual. Ledger thread only.
 */
abstract class ListingRows
{
    /** No slot, SKU or kit: the end of a list, or the target a listing is not bound to. */
    static final int NONE = -1;

    /**
     * One 64-byte row of longs per slot, so that finding a listing and visiting it (its channel, key, links,
     * stamp and published quantity) costs one cache miss, not one per field: the channel id (high half) and
     * the target (low half: the SKU id, or -2 minus the kit id), published, version, the stamp, the links of
     * the target's list (a listing is on its SKU's list or its kit's, never both), those of the channel's
     * list (each the next slot in the high half, the previous one in the low half), then the listing id
     * when it is short ASCII ({@link #KEY}).
     */
    static final int STRIDE = 8;
    static final int IDS = 0;
    static final int PUBLISHED = 1;
    static final int VERSION = 2;
    static final int STAMP = 3;
    static final int TARGET_LINKS = 4;
    static final int CHANNEL_LINKS = 5;
    /**
     * The listing id inline, so that a lookup compares it against the row it reads anyway instead of
     * chasing the id's String and its bytes: up to {@link #INLINE_KEY} ASCII characters, one byte each,
     * the first eight in the lowest bytes of the first long, the rest in the second, whose top byte holds
     * the length. A second long below zero means the id is not inline (longer, or not ASCII) or the slot
     * is free.
     */
    static final int KEY = 6;
    static final int INLINE_KEY = 15;
    /**
     * Rows start {@code ROW_OFFSET} longs in, so that behind the 16-byte array header each row fills one
     * aligned cache line whenever the array itself is allocated on such a boundary, as large arrays are
     * (G1 humongous regions): unaligned, every row would straddle two lines.
     */
    static final int ROW_OFFSET = 6;
    /** The rows, behind {@link #ROW_OFFSET} longs; written here and by {@link ListingTable}, nowhere else. */
    long[] rows = new long[ROW_OFFSET + 64 * STRIDE];
    /** Per slot, the listing id, or null for a free slot. */
    String[] listingId = new String[64];

    /** Lists: 0 by SKU, 1 by kit, 2 by channel. */
    static final int BY_SKU = 0;
    static final int BY_KIT = 1;
    static final int BY_CHANNEL = 2;

    final boolean isBound(final int slot)
    {
        return listingId[slot] != null;
    }

    final int channel(final int slot)
    {
        return (int)(rows[row(slot) + IDS] >> 32);
    }

    final String listingId(final int slot)
    {
        return listingId[slot];
    }

    /** @return the SKU id the listing is bound to, or {@link #NONE} for a kit listing. */
    final int sku(final int slot)
    {
        final int target = (int)rows[row(slot) + IDS];
        return target >= 0 ? target : NONE;
    }

    /** @return the kit id the listing is bound to, or {@link #NONE} for a SKU listing. */
    final int kit(final int slot)
    {
        final int target = (int)rows[row(slot) + IDS];
        return target >= 0 ? NONE : -2 - target;
    }

    final long published(final int slot)
    {
        return rows[row(slot) + PUBLISHED];
    }

    final void published(final int slot, final long value)
    {
        rows[row(slot) + PUBLISHED] = value;
    }

    final long version(final int slot)
    {
        return rows[row(slot) + VERSION];
    }

    /** @return true the first time this is asked for {@code slot} during command {@code commandNumber}. */
    final boolean firstVisit(final int slot, final long commandNumber)
    {
        final int at = row(slot) + STAMP;
        if (rows[at] == commandNumber)
        {
            return false;
        }
        rows[at] = commandNumber;
        return true;
    }

    /**
     * @return the first order key of the slot's listing id ({@link PublishedChanges#add(int, String, String,
     * long, long, String, long, long)}), from its inline copy, or {@link PublishedChanges#NO_KEY}.
     */
    final long firstOrderKey(final int slot)
    {
        final int base = row(slot);
        return rows[base + KEY + 1] < 0 ? PublishedChanges.NO_KEY : Long.reverseBytes(rows[base + KEY]);
    }

    /** @return the second order key of the slot's listing id; only when it has a first. */
    final long secondOrderKey(final int slot)
    {
        return Long.reverseBytes(rows[row(slot) + KEY + 1] & 0x00FF_FFFF_FFFF_FFFFL);
    }

    /** @return true when the slot is bound to listing id {@code listing} (its channel aside). */
    final boolean hasKey(final int slot, final String listing)
    {
        final int base = row(slot);
        final long high = rows[base + KEY + 1];
        if (high < 0)
        {
            return listing.equals(listingId[slot]);
        }
        final int length = listing.length();
        return length == (int)(high >>> 56) && pack(listing, 0, Math.min(length, Long.BYTES)) == rows[base + KEY]
            && pack(listing, Long.BYTES, length) == (high & 0x00FF_FFFF_FFFF_FFFFL);
    }

    /** Keeps the listing id in the row when it fits, else marks it as not inline. */
    final void storeKey(final int slot, final String listing)
    {
        final int base = row(slot);
        final int length = listing.length();
        final long low = pack(listing, 0, Math.min(length, Long.BYTES));
        final long high = pack(listing, Long.BYTES, length);
        final boolean inline = length <= INLINE_KEY && low >= 0 && high >= 0;
        rows[base + KEY] = inline ? low : 0;
        rows[base + KEY + 1] = inline ? (long)length << 56 | high : -1;
    }

    /**
     * @return the characters of {@code id} from {@code from} to {@code to} (at most eight), one byte each,
     * the first in the lowest byte, or -1 when one of them is not ASCII; 0 for none.
     */
    private static long pack(final String id, final int from, final int to)
    {
        if (to - from > Long.BYTES)
        {
            return -1;
        }
        long packed = 0;
        for (int i = to - 1; i >= from; i--)
        {
            final char c = id.charAt(i);
            if (c > 0x7F)
            {
                return -1;
            }
            packed = packed << 8 | c;
        }
        return packed;
    }

    /** @return the slot after {@code slot} on its list {@code list}, or {@link #NONE}. */
    final int next(final int list, final int slot)
    {
        return (int)(rows[row(slot) + linksOf(list)] >> 32);
    }

    /** @return the slot before {@code slot} on its list {@code list}, or {@link #NONE}. */
    final int previous(final int list, final int slot)
    {
        return (int)rows[row(slot) + linksOf(list)];
    }

    /** Sets the neighbours of {@code slot} on its list {@code list}. */
    final void links(final int list, final int slot, final int next, final int previous)
    {
        rows[row(slot) + linksOf(list)] = ((long)next << 32) | (previous & 0xFFFF_FFFFL);
    }

    static int linksOf(final int list)
    {
        return list == BY_CHANNEL ? CHANNEL_LINKS : TARGET_LINKS;
    }

    static int row(final int slot)
    {
        return ROW_OFFSET + slot * STRIDE;
    }

    final void ensureSlots(final int required)
    {
        if (required <= listingId.length)
        {
            return;
        }
        final int capacity = Math.max(required, listingId.length * 2);
        rows = Arrays.copyOf(rows, ROW_OFFSET + capacity * STRIDE);
        listingId = Arrays.copyOf(listingId, capacity);
    }
}
