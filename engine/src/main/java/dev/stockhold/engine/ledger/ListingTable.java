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
 */
final class ListingTable
{
    static final int NONE = -1;

    private final List<Object2IntHashMap<String>> byChannel = new ArrayList<>();
    private final IntArrayList free = new IntArrayList();
    private int used;
    private int count;

    private int[] channel = new int[64];
    private String[] listingId = new String[64];
    private int[] sku = new int[64];
    private int[] kit = new int[64];
    private long[] published = new long[64];
    private long[] version = new long[64];
    private long[] stamp = new long[64];

    /** Lists: 0 by SKU, 1 by kit, 2 by channel; next and previous slot per list. */
    private static final int BY_SKU = 0;
    private static final int BY_KIT = 1;
    private static final int BY_CHANNEL = 2;
    private final int[][] next = {new int[64], new int[64], new int[64]};
    private final int[][] previous = {new int[64], new int[64], new int[64]};
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
        return channel[slot];
    }

    String listingId(final int slot)
    {
        return listingId[slot];
    }

    /** @return the SKU id the listing is bound to, or {@link #NONE} for a kit listing. */
    int sku(final int slot)
    {
        return sku[slot];
    }

    /** @return the kit id the listing is bound to, or {@link #NONE} for a SKU listing. */
    int kit(final int slot)
    {
        return kit[slot];
    }

    long published(final int slot)
    {
        return published[slot];
    }

    void published(final int slot, final long value)
    {
        published[slot] = value;
    }

    long version(final int slot)
    {
        return version[slot];
    }

    /** @return true the first time this is asked for {@code slot} during command {@code commandNumber}. */
    boolean firstVisit(final int slot, final long commandNumber)
    {
        if (stamp[slot] == commandNumber)
        {
            return false;
        }
        stamp[slot] = commandNumber;
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
        return next[BY_SKU][slot];
    }

    int firstOfKit(final int kitId)
    {
        return head(BY_KIT, kitId);
    }

    int nextOfKit(final int slot)
    {
        return next[BY_KIT][slot];
    }

    int firstOfChannel(final int channelId)
    {
        return head(BY_CHANNEL, channelId);
    }

    int nextOfChannel(final int slot)
    {
        return next[BY_CHANNEL][slot];
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
        channel[slot] = channelId;
        listingId[slot] = listing;
        published[slot] = 0;
        version[slot] = 1;
        stamp[slot] = 0;
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
        version[slot]++;
    }

    /** Unbinds a listing and frees its slot. */
    void unbind(final int slot)
    {
        detach(slot);
        unlink(BY_CHANNEL, channel[slot], slot);
        byChannel.get(channel[slot]).removeKey(listingId[slot]);
        listingId[slot] = null;
        count--;
        free.pushInt(slot);
    }

    /** Restores a listing from a snapshot exactly. */
    void restore(final int channelId, final String listing, final int skuId, final int kitId, final long value,
        final long restoredVersion)
    {
        final int slot = bind(channelId, listing, skuId, kitId);
        published[slot] = value;
        version[slot] = restoredVersion;
    }

    private void attach(final int slot, final int skuId, final int kitId)
    {
        sku[slot] = skuId;
        kit[slot] = kitId;
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
        if (sku[slot] != NONE)
        {
            unlink(BY_SKU, sku[slot], slot);
        }
        else
        {
            unlink(BY_KIT, kit[slot], slot);
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
        next[list][slot] = first;
        previous[list][slot] = NONE;
        if (first != NONE)
        {
            previous[list][first] = slot;
        }
        heads[list][owner] = slot;
        lengths[list][owner]++;
    }

    private void unlink(final int list, final int owner, final int slot)
    {
        final int before = previous[list][slot];
        final int after = next[list][slot];
        if (before == NONE)
        {
            heads[list][owner] = after;
        }
        else
        {
            next[list][before] = after;
        }
        if (after != NONE)
        {
            previous[list][after] = before;
        }
        lengths[list][owner]--;
    }

    private void ensureSlots(final int required)
    {
        if (required <= channel.length)
        {
            return;
        }
        final int capacity = Math.max(required, channel.length * 2);
        channel = Arrays.copyOf(channel, capacity);
        listingId = Arrays.copyOf(listingId, capacity);
        sku = Arrays.copyOf(sku, capacity);
        kit = Arrays.copyOf(kit, capacity);
        published = Arrays.copyOf(published, capacity);
        version = Arrays.copyOf(version, capacity);
        stamp = Arrays.copyOf(stamp, capacity);
        for (int list = 0; list < next.length; list++)
        {
            next[list] = Arrays.copyOf(next[list], capacity);
            previous[list] = Arrays.copyOf(previous[list], capacity);
        }
    }
}
