package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.PublishedChanges;
import org.agrona.collections.IntArrayList;

import java.util.Arrays;

/**
 * Every bound listing, in slots reused after an unbind, with three reverse indexes threaded through the
 * slots as doubly linked lists: the listings bound to a SKU, those bound to a kit, and those of a channel.
 * A listing is found by its channel and id with one probe of a hash index of slots, checked against the
 * slot's own row. Ledger thread only.
 * <p>
 * Per slot: channel id, listing id, the SKU id or kit id it is bound to (the other is {@link #NONE}), its
 * published quantity, the version of its binding and the number of the last command that recomputed it.
 * Slot ids stay below 2^31 and kit ids below 2^31 - 2, so each fits the halves of a long.
 */
final class ListingTable
{
    static final int NONE = -1;

    /**
     * Slots by the hash of (channel id, listing id). An unbind leaves its entry behind (the table has no
     * removal): a lookup skips it, as the slot's row no longer matches, and the entries of unbound listings
     * are dropped when the table would otherwise grow ({@link #isLive}).
     */
    private final HashSlots index = new HashSlots(1024);
    private final HashSlots.EntryFilter isLive = this::isLive;
    private final IntArrayList free = new IntArrayList();
    private int used;
    private int count;

    /**
     * One 64-byte row of longs per slot, so that finding a listing and visiting it (its channel, key, links,
     * stamp and published quantity) costs one cache miss, not one per field: the channel id (high half) and
     * the target (low half: the SKU id, or -2 minus the kit id), published, version, the stamp, the links of
     * the target's list (a listing is on its SKU's list or its kit's, never both), those of the channel's
     * list (each the next slot in the high half, the previous one in the low half), then the listing id
     * when it is short ASCII ({@link #KEY}).
     */
    private static final int STRIDE = 8;
    private static final int IDS = 0;
    private static final int PUBLISHED = 1;
    private static final int VERSION = 2;
    private static final int STAMP = 3;
    private static final int TARGET_LINKS = 4;
    private static final int CHANNEL_LINKS = 5;
    /**
     * The listing id inline, so that a lookup compares it against the row it reads anyway instead of
     * chasing the id's String and its bytes: up to {@link #INLINE_KEY} ASCII characters, one byte each,
     * the first eight in the lowest bytes of the first long, the rest in the second, whose top byte holds
     * the length. A second long below zero means the id is not inline (longer, or not ASCII) or the slot
     * is free.
     */
    private static final int KEY = 6;
    private static final int INLINE_KEY = 15;
    /**
     * Rows start {@code ROW_OFFSET} longs in, so that behind the 16-byte array header each row fills one
     * aligned cache line whenever the array itself is allocated on such a boundary, as large arrays are
     * (G1 humongous regions): unaligned, every row would straddle two lines.
     */
    private static final int ROW_OFFSET = 6;
    private long[] rows = new long[ROW_OFFSET + 64 * STRIDE];
    private String[] listingId = new String[64];

    /** Lists: 0 by SKU, 1 by kit, 2 by channel. */
    private static final int BY_SKU = 0;
    private static final int BY_KIT = 1;
    private static final int BY_CHANNEL = 2;
    private final int[][] heads = {new int[0], new int[0], new int[0]};
    private final int[][] lengths = {new int[0], new int[0], new int[0]};

    /** @return the slot of the listing, or {@link #NONE} when it is not bound. */
    int find(final int channelId, final String listing)
    {
        final int hash = hash(channelId, listing);
        for (int at = index.first(hash); at >= 0; at = index.next(hash, at))
        {
            final int slot = index.value(at);
            if (channel(slot) == channelId && hasKey(slot, listing))
            {
                return slot;
            }
        }
        return NONE;
    }

    /** @return true when the slot is bound to listing id {@code listing} (its channel aside). */
    private boolean hasKey(final int slot, final String listing)
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

    /**
     * @return the first order key of the slot's listing id ({@link PublishedChanges#add(int, String, String,
     * long, long, String, long, long)}), from its inline copy, or {@link PublishedChanges#NO_KEY}.
     */
    long firstOrderKey(final int slot)
    {
        final int base = row(slot);
        return rows[base + KEY + 1] < 0 ? PublishedChanges.NO_KEY : Long.reverseBytes(rows[base + KEY]);
    }

    /** @return the second order key of the slot's listing id; only when it has a first. */
    long secondOrderKey(final int slot)
    {
        return Long.reverseBytes(rows[row(slot) + KEY + 1] & 0x00FF_FFFF_FFFF_FFFFL);
    }

    /** Keeps the listing id in the row when it fits, else marks it as not inline. */
    private void storeKey(final int slot, final String listing)
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

    /** @return a well-spread 32-bit hash of a listing id in a channel. */
    private static int hash(final int channelId, final String listing)
    {
        final int h = (listing.hashCode() + channelId * 0x9E3779B9) * 0x85EBCA6B;
        return h ^ (h >>> 15);
    }

    /** @return true while an index entry leads to a bound listing whose hash it carries. */
    private boolean isLive(final int hash, final int slot)
    {
        return slot < used && listingId[slot] != null && hash(channel(slot), listingId[slot]) == hash;
    }

    /** @return the number of bound listings. */
    int count()
    {
        return count;
    }

    /** @return the highest slot in use plus one: slots below it are bound or free. */
    int slots()
    {
        return used;
    }

    boolean isBound(final int slot)
    {
        return listingId[slot] != null;
    }

    int channel(final int slot)
    {
        return (int)(rows[row(slot) + IDS] >> 32);
    }

    String listingId(final int slot)
    {
        return listingId[slot];
    }

    /** @return the SKU id the listing is bound to, or {@link #NONE} for a kit listing. */
    int sku(final int slot)
    {
        final int target = (int)rows[row(slot) + IDS];
        return target >= 0 ? target : NONE;
    }

    /** @return the kit id the listing is bound to, or {@link #NONE} for a SKU listing. */
    int kit(final int slot)
    {
        final int target = (int)rows[row(slot) + IDS];
        return target >= 0 ? NONE : -2 - target;
    }

    long published(final int slot)
    {
        return rows[row(slot) + PUBLISHED];
    }

    void published(final int slot, final long value)
    {
        rows[row(slot) + PUBLISHED] = value;
    }

    long version(final int slot)
    {
        return rows[row(slot) + VERSION];
    }

    /** @return true the first time this is asked for {@code slot} during command {@code commandNumber}. */
    boolean firstVisit(final int slot, final long commandNumber)
    {
        final int at = row(slot) + STAMP;
        if (rows[at] == commandNumber)
        {
            return false;
        }
        rows[at] = commandNumber;
        return true;
    }

    /** @return how many listings are bound to the SKU id. */
    int countOfSku(final int skuId)
    {
        return length(BY_SKU, skuId);
    }

    /** @return how many listings are bound to the kit id. */
    int countOfKit(final int kitId)
    {
        return length(BY_KIT, kitId);
    }

    /** @return the first listing bound to the SKU, or {@link #NONE}; then {@link #nextOfSku}. */
    int firstOfSku(final int skuId)
    {
        return head(BY_SKU, skuId);
    }

    int nextOfSku(final int slot)
    {
        return next(BY_SKU, slot);
    }

    int firstOfKit(final int kitId)
    {
        return head(BY_KIT, kitId);
    }

    int nextOfKit(final int slot)
    {
        return next(BY_KIT, slot);
    }

    int firstOfChannel(final int channelId)
    {
        return head(BY_CHANNEL, channelId);
    }

    int nextOfChannel(final int slot)
    {
        return next(BY_CHANNEL, slot);
    }

    /**
     * Binds a new listing to a SKU or a kit (one of them {@link #NONE}) at version 1, published 0.
     *
     * @return its slot.
     */
    int bind(final int channelId, final String listing, final int skuId, final int kitId)
    {
        final int slot = free.isEmpty() ? used++ : free.popInt();
        ensureSlots(used);
        listingId[slot] = listing;
        final int base = row(slot);
        rows[base + IDS] = (long)channelId << 32;
        rows[base + PUBLISHED] = 0;
        rows[base + VERSION] = 1;
        rows[base + STAMP] = 0;
        storeKey(slot, listing);
        addToIndex(hash(channelId, listing), slot);
        count++;
        link(BY_CHANNEL, channelId, slot);
        attach(slot, skuId, kitId);
        return slot;
    }

    /** Rebinds a bound listing to another SKU or kit; its version moves on. */
    void rebind(final int slot, final int skuId, final int kitId)
    {
        detach(slot);
        attach(slot, skuId, kitId);
        rows[row(slot) + VERSION]++;
    }

    /** Unbinds a listing and frees its slot. */
    void unbind(final int slot)
    {
        detach(slot);
        unlink(BY_CHANNEL, channel(slot), slot);
        rows[row(slot) + KEY + 1] = -1;
        listingId[slot] = null;
        count--;
        free.pushInt(slot);
    }

    /** Restores a listing from a snapshot exactly. */
    void restore(final int channelId, final String listing, final int skuId, final int kitId, final long value,
        final long restoredVersion)
    {
        final int slot = bind(channelId, listing, skuId, kitId);
        rows[row(slot) + PUBLISHED] = value;
        rows[row(slot) + VERSION] = restoredVersion;
    }

    /**
     * Adds the slot's entry unless the index still has it (the same listing bound again to the slot it
     * left); when the index is full, first drops the entries of unbound listings, in place if they are a
     * quarter of it, else while migrating to a table twice the size.
     */
    private void addToIndex(final int hash, final int slot)
    {
        for (int at = index.first(hash); at >= 0; at = index.next(hash, at))
        {
            if (index.value(at) == slot)
            {
                return;
            }
        }
        if (index.isFull())
        {
            final boolean manyStale = (index.size() - count) * 4L >= index.size();
            index.retain(isLive, manyStale ? index.capacity() : index.capacity() * 2);
        }
        index.add(hash, slot);
    }

    private void attach(final int slot, final int skuId, final int kitId)
    {
        final int base = row(slot);
        rows[base + IDS] = (rows[base + IDS] & 0xFFFF_FFFF_0000_0000L)
            | ((skuId != NONE ? skuId : -2 - kitId) & 0xFFFF_FFFFL);
        if (skuId != NONE)
        {
            link(BY_SKU, skuId, slot);
        }
        else
        {
            link(BY_KIT, kitId, slot);
        }
    }

    private void detach(final int slot)
    {
        if (sku(slot) != NONE)
        {
            unlink(BY_SKU, sku(slot), slot);
        }
        else
        {
            unlink(BY_KIT, kit(slot), slot);
        }
    }

    private int next(final int list, final int slot)
    {
        return (int)(rows[row(slot) + linksOf(list)] >> 32);
    }

    private int previous(final int list, final int slot)
    {
        return (int)rows[row(slot) + linksOf(list)];
    }

    private void links(final int list, final int slot, final int next, final int previous)
    {
        rows[row(slot) + linksOf(list)] = ((long)next << 32) | (previous & 0xFFFF_FFFFL);
    }

    private static int linksOf(final int list)
    {
        return list == BY_CHANNEL ? CHANNEL_LINKS : TARGET_LINKS;
    }

    private static int row(final int slot)
    {
        return ROW_OFFSET + slot * STRIDE;
    }

    private int head(final int list, final int owner)
    {
        return owner < heads[list].length ? heads[list][owner] : NONE;
    }

    private int length(final int list, final int owner)
    {
        return owner < lengths[list].length ? lengths[list][owner] : 0;
    }

    private void link(final int list, final int owner, final int slot)
    {
        if (owner >= heads[list].length)
        {
            final int old = heads[list].length;
            final int capacity = Math.max(owner + 1, old * 2);
            heads[list] = Arrays.copyOf(heads[list], capacity);
            lengths[list] = Arrays.copyOf(lengths[list], capacity);
            Arrays.fill(heads[list], old, capacity, NONE);
        }
        final int first = heads[list][owner];
        links(list, slot, first, NONE);
        if (first != NONE)
        {
            links(list, first, next(list, first), slot);
        }
        heads[list][owner] = slot;
        lengths[list][owner]++;
    }

    private void unlink(final int list, final int owner, final int slot)
    {
        final int before = previous(list, slot);
        final int after = next(list, slot);
        if (before == NONE)
        {
            heads[list][owner] = after;
        }
        else
        {
            links(list, before, after, previous(list, before));
        }
        if (after != NONE)
        {
            links(list, after, next(list, after), before);
        }
        lengths[list][owner]--;
    }

    private void ensureSlots(final int required)
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
