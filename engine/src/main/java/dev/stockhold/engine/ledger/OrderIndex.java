package dev.stockhold.engine.ledger;

import java.util.function.Consumer;

/**
 * Reservations by order id: open addressing with linear probing that keeps each key's hash beside it.
 * Probes compare the cached hash before touching the key string, and deletion shifts entries back
 * using cached hashes, so a lookup or removal rarely dereferences another order's id (a cache miss
 * each). Load factor at most one half. Ledger thread only.
 */
final class OrderIndex
{
    private int[] hashes = new int[1024];
    private String[] keys = new String[1024];
    private Reservation[] values = new Reservation[1024];
    private int mask = 1023;
    private int size;

    Reservation get(final String key)
    {
        final int hash = hash(key);
        for (int i = hash & mask; keys[i] != null; i = (i + 1) & mask)
        {
            if (hashes[i] == hash && keys[i].equals(key))
            {
                return values[i];
            }
        }
        return null;
    }

    /** Adds or replaces the reservation of {@code key}. */
    void put(final String key, final Reservation value)
    {
        final int hash = hash(key);
        int i = hash & mask;
        while (keys[i] != null)
        {
            if (hashes[i] == hash && keys[i].equals(key))
            {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        hashes[i] = hash;
        keys[i] = key;
        values[i] = value;
        if (++size > (mask + 1) >>> 1)
        {
            resize((mask + 1) * 2);
        }
    }

    /**
     * Removes {@code key}, whose hash the caller cached: the same instance that was put, so identity
     * finds it without reading its characters.
     */
    void remove(final String key, final int hash)
    {
        int i = hash & mask;
        while (keys[i] != null && !(hashes[i] == hash && (keys[i] == key || keys[i].equals(key))))
        {
            i = (i + 1) & mask;
        }
        if (keys[i] == null)
        {
            return;
        }
        size--;
        // Backward-shift deletion: move later entries of the run into the hole unless they already sit
        // between their ideal slot and the hole.
        int j = i;
        while (true)
        {
            j = (j + 1) & mask;
            if (keys[j] == null)
            {
                break;
            }
            final int ideal = hashes[j] & mask;
            final boolean staysPut = i <= j ? (i < ideal && ideal <= j) : (i < ideal || ideal <= j);
            if (!staysPut)
            {
                hashes[i] = hashes[j];
                keys[i] = keys[j];
                values[i] = values[j];
                i = j;
            }
        }
        keys[i] = null;
        values[i] = null;
    }

    int size()
    {
        return size;
    }

    void forEach(final Consumer<Reservation> visitor)
    {
        for (int i = 0; i <= mask; i++)
        {
            if (keys[i] != null)
            {
                visitor.accept(values[i]);
            }
        }
    }

    private void resize(final int capacity)
    {
        final int[] oldHashes = hashes;
        final String[] oldKeys = keys;
        final Reservation[] oldValues = values;
        hashes = new int[capacity];
        keys = new String[capacity];
        values = new Reservation[capacity];
        mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++)
        {
            if (oldKeys[i] != null)
            {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null)
                {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    static int hash(final String key)
    {
        final int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
