package dev.stockhold.gateway.feed;

import java.util.Arrays;

/**
 * The last few change records in memory (as the log keeps them), so a stream that finished replaying the
 * log can be handed to the live feed without reading the log again for what was appended in between.
 * Reused arrays: adding allocates nothing once every slot has seen its largest record. Responder thread only.
 */
final class RecentEvents
{
    private final long[] sequences;
    private final long[] previous;
    private final byte[][] events;
    private final int[] lengths;
    private final int mask;
    private long added;

    /** @param capacity events kept, a power of two. */
    RecentEvents(final int capacity)
    {
        sequences = new long[capacity];
        previous = new long[capacity];
        events = new byte[capacity][];
        lengths = new int[capacity];
        mask = capacity - 1;
        Arrays.fill(events, new byte[0]);
    }

    void add(final long sequence, final long previousSequence, final byte[] record, final int length)
    {
        final int slot = (int)(added++ & mask);
        if (events[slot].length < length)
        {
            events[slot] = new byte[Math.max(length, 512)];
        }
        System.arraycopy(record, 0, events[slot], 0, length);
        sequences[slot] = sequence;
        previous[slot] = previousSequence;
        lengths[slot] = length;
    }

    /**
     * @return the position of the first kept event after {@code after}, {@code size()} when there is
     * none, or -1 when events after {@code after} were already dropped from memory.
     */
    int firstAfter(final long after)
    {
        final int size = size();
        for (int i = 0; i < size; i++)
        {
            final int slot = slot(i);
            if (sequences[slot] > after)
            {
                return previous[slot] <= after ? i : -1;
            }
        }
        return size;
    }

    int size()
    {
        return (int)Math.min(added, sequences.length);
    }

    long sequence(final int position)
    {
        return sequences[slot(position)];
    }

    byte[] record(final int position)
    {
        return events[slot(position)];
    }

    int length(final int position)
    {
        return lengths[slot(position)];
    }

    private int slot(final int position)
    {
        final long oldest = added - size();
        return (int)((oldest + position) & mask);
    }
}
