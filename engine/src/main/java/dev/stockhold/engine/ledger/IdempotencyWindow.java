package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.CommandResult;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The idempotency keys seen in the last window of engine time, each with a fingerprint of its request
 * and a copy of its first result. Keys are scoped per client (API key). Entries are kept in arrival
 * order, forgotten oldest first when the window passes or the count limit is reached, and their
 * instances reused, so a full window allocates nothing. Ledger thread only.
 */
final class IdempotencyWindow
{
    /** A remembered key. */
    static final class Entry
    {
        int scope;
        String key;
        long fingerprint;
        long atMillis;
        final CommandResult result = new CommandResult();
        Entry nextInBucket;
    }

    private final long windowMillis;
    private final int maxKeys;
    private final Long2ObjectHashMap<Entry> byHash = new Long2ObjectHashMap<>();
    private final ArrayDeque<Entry> arrivalOrder = new ArrayDeque<>();
    private final ArrayDeque<Entry> pool = new ArrayDeque<>();

    IdempotencyWindow(final long windowMillis, final int maxKeys)
    {
        this.windowMillis = windowMillis;
        this.maxKeys = maxKeys;
    }

    /** @return the entry of (scope, key), or null. */
    Entry find(final int scope, final String key)
    {
        Entry entry = byHash.get(hash(scope, key));
        while (entry != null && !(entry.scope == scope && entry.key.equals(key)))
        {
            entry = entry.nextInBucket;
        }
        return entry;
    }

    /** Remembers a new key with a copy of its result; forgets the oldest if the window is full. */
    void remember(final int scope, final String key, final long fingerprint, final long atMillis,
        final CommandResult result)
    {
        if (maxKeys <= 0)
        {
            return;
        }
        while (arrivalOrder.size() >= maxKeys)
        {
            forgetOldest();
        }
        final Entry entry = pool.isEmpty() ? new Entry() : pool.pop();
        entry.scope = scope;
        entry.key = key;
        entry.fingerprint = fingerprint;
        entry.atMillis = atMillis;
        entry.result.copyFrom(result);
        entry.result.changes().clear();
        entry.result.clearPublished();
        final long hash = hash(scope, key);
        entry.nextInBucket = byHash.get(hash);
        byHash.put(hash, entry);
        arrivalOrder.addLast(entry);
    }

    /** Forgets every key older than the window at {@code nowMillis}. */
    void expire(final long nowMillis)
    {
        while (!arrivalOrder.isEmpty() && arrivalOrder.peekFirst().atMillis + windowMillis <= nowMillis)
        {
            forgetOldest();
        }
    }

    int size()
    {
        return arrivalOrder.size();
    }

    /** Visits the entries oldest first (for snapshots). */
    void forEach(final Consumer<Entry> visitor)
    {
        arrivalOrder.forEach(visitor);
    }

    private void forgetOldest()
    {
        final Entry oldest = arrivalOrder.pollFirst();
        final long hash = hash(oldest.scope, oldest.key);
        Entry entry = byHash.get(hash);
        if (entry == oldest)
        {
            if (oldest.nextInBucket == null)
            {
                byHash.remove(hash);
            }
            else
            {
                byHash.put(hash, oldest.nextInBucket);
            }
        }
        else
        {
            while (entry.nextInBucket != oldest)
            {
                entry = entry.nextInBucket;
            }
            entry.nextInBucket = oldest.nextInBucket;
        }
        oldest.key = null;
        oldest.nextInBucket = null;
        oldest.result.clear();
        pool.push(oldest);
    }

    private static long hash(final int scope, final String key)
    {
        return Hashing.mix(Hashing.mix(Hashing.SEED, scope), key);
    }
}
