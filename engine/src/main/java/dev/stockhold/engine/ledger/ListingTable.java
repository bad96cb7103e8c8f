package dev.stockhold.engine.ledger;

import org.agrona.collections.IntArrayList;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every bound listing, in slots reused after an unbind, with three reverse indexes threaded through the
 * slots as doubly linked lists: the listings bound to a SKU, those bound to a kit, and those of a channel.
 * A listing is found by its channel and id through one hash map per channel. Ledger thread only.
 * <p>
 * Per slot: channel id, listing id, the SKU id or kit id it is bound to (the other is {@link #NONE}), its
 * published quantity, the version of its binding and the number of the last command that recomputed it.
 * Slot ids stay below 2^31 and kit ids below 2^31 - 2, so each fits the halves of a long.
 */
final class ListingTable
{
    static final int NONE = -1;

    private final List<Object2IntHashMap<String>> byChannel = new ArrayList<>();
    private final IntArrayList free = new IntArrayList();
    private int used;
    private int count;

    /**
     * One 64-byte row of longs per slot, so that visiting a listing (its channel, links, stamp and published
     * quantity) costs one cache miss, not one per field: the channel id (high half) and the target (low
     * half: the SKU id, or -2 minus the kit id), published, version, the stamp, then per list the next slot
     * (high half) and the previous one (low half).
     */
    private static final int STRIDE = 8;
    private static final int IDS = 0;
    private static final int PUBLISHED = 1;
    private static final int VERSION = 2;
    private static final int STAMP = 3;
    private static final int LINKS = 4;
    private long[] rows = new long[64 * STRIDE];
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
        return channelId < byChannel.size() ? byChannel.get(channelId).getValue(listing) : NONE;
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
        return (int)(rows[slot * STRIDE + IDS] >> 32);
    }

    String listingId(final int slot)
    {
        return listingId[slot];
    }

    /** @return the SKU id the listing is bound to, or {@link #NONE} for a kit listing. */
    int sku(final int slot)
    {
        final int target = (int)rows[slot * STRIDE + IDS];
        return target >= 0 ? target : NONE;
    }

    /** @return the kit id the listing is bound to, or {@link #NONE} for a SKU listing. */
    int kit(final int slot)
    {
        final int target = (int)rows[slot * STRIDE + IDS];
        return target >= 0 ? NONE : -2 - target;
    }

    long published(final int slot)
    {
        return rows[slot * STRIDE + PUBLISHED];
    }

    void published(final int slot, final long value)
    {
        rows[slot * STRIDE + PUBLISHED] = value;
    }

    long version(final int slot)
    {
        return rows[slot * STRIDE + VERSION];
    }

    /** @return true the first time this is asked for {@code slot} during command {@code commandNumber}. */
    boolean firstVisit(final int slot, final long commandNumber)
    {
        final int at = slot * STRIDE + STAMP;
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
        while (byChannel.size() <= channelId)
        {
            byChannel.add(new Object2IntHashMap<>(NONE));
        }
        byChannel.get(channelId).put(listing, slot);
        listingId[slot] = listing;
        final int base = slot * STRIDE;
        rows[base + IDS] = (long)channelId << 32;
        rows[base + PUBLISHED] = 0;
        rows[base + VERSION] = 1;
        rows[base + STAMP] = 0;
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
        rows[slot * STRIDE + VERSION]++;
    }

    /** Unbinds a listing and frees its slot. */
    void unbind(final int slot)
    {
        detach(slot);
        unlink(BY_CHANNEL, channel(slot), slot);
        byChannel.get(channel(slot)).removeKey(listingId[slot]);
        listingId[slot] = null;
        count--;
        free.pushInt(slot);
    }

    /** Restores a listing from a snapshot exactly. */
    void restore(final int channelId, final String listing, final int skuId, final int kitId, final long value,
        final long restoredVersion)
    {
        final int slot = bind(channelId, listing, skuId, kitId);
        rows[slot * STRIDE + PUBLISHED] = value;
        rows[slot * STRIDE + VERSION] = restoredVersion;
    }

    private void attach(final int slot, final int skuId, final int kitId)
    {
        final int base = slot * STRIDE;
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
        return (int)(rows[slot * STRIDE + LINKS + list] >> 32);
    }

    private int previous(final int list, final int slot)
    {
        return (int)rows[slot * STRIDE + LINKS + list];
    }

    private void links(final int list, final int slot, final int next, final int previous)
    {
        rows[slot * STRIDE + LINKS + list] = ((long)next << 32) | (previous & 0xFFFF_FFFFL);
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
        rows = Arrays.copyOf(rows, capacity * STRIDE);
        listingId = Arrays.copyOf(listingId, capacity);
    }
}
