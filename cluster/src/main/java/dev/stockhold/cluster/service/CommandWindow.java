package dev.stockhold.cluster.service;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.nio.ByteOrder;
import java.util.ArrayDeque;

/**
 * The exactly-once window: each command id the engine applied recently, with the answer it gave on egress
 * (none for a command its member's replica answered), so that a command a client resends (after an election,
 * or because an answer was lost) is applied once and, on egress, answered with its first answer.
 * <p>
 * Bounded twice, both deterministically, so every node holds the same window: an entry is forgotten once
 * {@code retentionMillis} of cluster time have passed since it was applied (clients stop resending long
 * before: their deadline is a few seconds), and at most {@code capacity} entries are held. A full window
 * does not forget early: the engine refuses new mutating commands with ERR_OVERLOADED until entries age
 * out ({@link #isFull()}), because forgetting an id a client may still resend could apply a command twice.
 * Each entry costs about 100 bytes plus its egress answer (none for a member's gateways; 100 to 400 bytes for
 * common answers).
 * <p>
 * Owned by the clustered service's thread; written into and read from the service's snapshot.
 */
final class CommandWindow
{
    /** One remembered command: its id, when it was applied and the encoded answer. */
    static final class Entry
    {
        final long origin;
        final long number;
        final long appliedAtMillis;
        final byte[] answer;
        /** The next entry whose id hashes to the same key, or null. */
        Entry nextSameKey;

        Entry(final long origin, final long number, final long appliedAtMillis, final byte[] answer)
        {
            this.origin = origin;
            this.number = number;
            this.appliedAtMillis = appliedAtMillis;
            this.answer = answer;
        }
    }

    /** The answer of a command answered by its member's replica: the window keeps only its id. */
    static final byte[] NO_ANSWER = new byte[0];
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int ENTRY_HEADER_BYTES = 3 * Long.BYTES + Integer.BYTES;

    private final long retentionMillis;
    private final int capacity;
    private final Long2ObjectHashMap<Entry> byKey = new Long2ObjectHashMap<>();
    /** Every entry, oldest first: the order of application, so the same on every node. */
    private final ArrayDeque<Entry> fifo = new ArrayDeque<>();

    /**
     * @param retentionMillis how long, in cluster time, an answer is kept after its command was applied.
     * @param capacity        the most entries kept.
     */
    CommandWindow(final long retentionMillis, final int capacity)
    {
        if (retentionMillis <= 0 || capacity <= 0)
        {
            throw new IllegalArgumentException("retention and capacity must be positive");
        }
        this.retentionMillis = retentionMillis;
        this.capacity = capacity;
    }

    /** @return the answer remembered for this command id, or null. */
    Entry find(final long origin, final long number)
    {
        for (Entry entry = byKey.get(key(origin, number)); entry != null; entry = entry.nextSameKey)
        {
            if (entry.origin == origin && entry.number == number)
            {
                return entry;
            }
        }
        return null;
    }

    /** @return true when no further answer may be remembered until older ones age out. */
    boolean isFull()
    {
        return fifo.size() >= capacity;
    }

    /**
     * Remembers the answer to a command just applied.
     *
     * @param appliedAtMillis the engine time it was applied at: never earlier than the last remembered one's.
     */
    void remember(final long origin, final long number, final long appliedAtMillis, final DirectBuffer answer,
        final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        answer.getBytes(offset, copy, 0, length);
        add(new Entry(origin, number, appliedAtMillis, copy));
    }

    /**
     * Remembers the id of a command just applied whose answer did not go on egress (its member's replica
     * answered it).
     *
     * @param appliedAtMillis the engine time it was applied at: never earlier than the last remembered one's.
     */
    void remember(final long origin, final long number, final long appliedAtMillis)
    {
        add(new Entry(origin, number, appliedAtMillis, NO_ANSWER));
    }

    private void add(final Entry entry)
    {
        if (isFull())
        {
            throw new IllegalStateException("the command window is full");
        }
        final long key = key(entry.origin, entry.number);
        entry.nextSameKey = byKey.get(key);
        byKey.put(key, entry);
        fifo.addLast(entry);
    }

    /** Forgets every answer applied more than the retention before {@code nowMillis}. */
    void expire(final long nowMillis)
    {
        Entry oldest;
        while ((oldest = fifo.peekFirst()) != null && nowMillis - oldest.appliedAtMillis > retentionMillis)
        {
            fifo.pollFirst();
            unlink(oldest);
        }
    }

    private void unlink(final Entry entry)
    {
        final long key = key(entry.origin, entry.number);
        Entry previous = null;
        for (Entry current = byKey.get(key); current != null; current = current.nextSameKey)
        {
            if (current == entry)
            {
                if (previous == null)
                {
                    if (entry.nextSameKey == null)
                    {
                        byKey.remove(key);
                    }
                    else
                    {
                        byKey.put(key, entry.nextSameKey);
                    }
                }
                else
                {
                    previous.nextSameKey = entry.nextSameKey;
                }
                return;
            }
            previous = current;
        }
    }

    /** @return the number of remembered answers. */
    int size()
    {
        return fifo.size();
    }

    /**
     * Writes every entry, oldest first, at {@code offset}: a 4-byte count, then per entry origin (8),
     * number (8), appliedAtMillis (8), answer length (4) and the answer's bytes; little-endian.
     *
     * @return the number of bytes written.
     */
    int write(final ExpandableArrayBuffer buffer, final int offset)
    {
        int position = offset;
        buffer.putInt(position, fifo.size(), LE);
        position += Integer.BYTES;
        for (final Entry entry : fifo)
        {
            buffer.putLong(position, entry.origin, LE);
            buffer.putLong(position + Long.BYTES, entry.number, LE);
            buffer.putLong(position + 2 * Long.BYTES, entry.appliedAtMillis, LE);
            buffer.putInt(position + 3 * Long.BYTES, entry.answer.length, LE);
            buffer.putBytes(position + ENTRY_HEADER_BYTES, entry.answer);
            position += ENTRY_HEADER_BYTES + entry.answer.length;
        }
        return position - offset;
    }

    /**
     * Replaces the contents with the entries {@link #write} wrote at {@code offset}.
     *
     * @throws IllegalArgumentException when the bytes are not a complete window of at most the capacity.
     */
    void read(final DirectBuffer buffer, final int offset, final int length)
    {
        byKey.clear();
        fifo.clear();
        final int end = offset + length;
        int position = offset;
        require(position + Integer.BYTES <= end);
        final int count = buffer.getInt(position, LE);
        position += Integer.BYTES;
        require(count >= 0 && count <= capacity);
        for (int i = 0; i < count; i++)
        {
            require(position + ENTRY_HEADER_BYTES <= end);
            final long origin = buffer.getLong(position, LE);
            final long number = buffer.getLong(position + Long.BYTES, LE);
            final long appliedAtMillis = buffer.getLong(position + 2 * Long.BYTES, LE);
            final int answerLength = buffer.getInt(position + 3 * Long.BYTES, LE);
            position += ENTRY_HEADER_BYTES;
            require(answerLength >= 0 && position + answerLength <= end);
            final byte[] answer = answerLength == 0 ? NO_ANSWER : new byte[answerLength];
            buffer.getBytes(position, answer);
            position += answerLength;
            add(new Entry(origin, number, appliedAtMillis, answer));
        }
        require(position == end);
    }

    private static void require(final boolean condition)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("not a complete command window");
        }
    }

    private static long key(final long origin, final long number)
    {
        // A multiplicative mix of both halves; ids that collide are chained (nextSameKey).
        return (origin * 0x9E3779B97F4A7C15L) ^ Long.rotateLeft(number * 0xC2B2AE3D27D4EB4FL, 31);
    }
}
