package dev.stockhold.engine.ledger;

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
 * <p>
 * The rows' layout, the per-slot reads and the inline listing ids are in {@link ListingRows}; this class adds
 * the index, the free slots and the heads and lengths of the three lists, and binds and unbinds.
 */
final class ListingTable extends ListingRows
{
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

    /** Per list ({@link #BY_SKU}, {@link #BY_KIT}, {@link #BY_CHANNEL}) and owner id: its first slot. */
    private final int[][] heads = {new int[0], new int[0], new int[0]};
    /** Per list and owner id: how many slots its list holds. */
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
}
