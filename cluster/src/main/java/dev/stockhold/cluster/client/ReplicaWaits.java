package dev.stockhold.cluster.client;

import org.agrona.BitUtil;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The commands a member's replica answers, by number: a sender adds one before it is sent, the member's service
 * thread takes it when the replica decides it, the client's thread drops it at its deadline. Any thread.
 * <p>
 * Numbers count up, so a command sits in the slot its number picks; a slot is taken only while an older command
 * still waits there, many thousands of numbers later (one stuck until its deadline while the rest flow), and
 * then the command waits in an overflow map instead. So a warm client allocates nothing here, where a map of
 * boxed numbers would allocate a node and two boxes per command.
 */
final class ReplicaWaits
{
    /** Slots per command allowed in flight: room for the numbers that pass while one waits for its deadline. */
    private static final int SLOTS_PER_COMMAND = 4;

    private final AtomicReferenceArray<Pending> slots;
    private final int mask;
    private final ConcurrentHashMap<Long, Pending> overflow = new ConcurrentHashMap<>();

    /** @param maxInFlight the most commands waiting at once. */
    ReplicaWaits(final int maxInFlight)
    {
        final int size = BitUtil.findNextPositivePowerOfTwo(Math.max(16, maxInFlight * SLOTS_PER_COMMAND));
        slots = new AtomicReferenceArray<>(size);
        mask = size - 1;
    }

    /** Waits for command {@code pending}'s answer from the replica. */
    void add(final Pending pending)
    {
        if (!slots.compareAndSet(slot(pending.number), null, pending))
        {
            overflow.put(pending.number, pending);
        }
    }

    /** @return command {@code number}, no longer waiting, or null when it was not (or no longer is). */
    Pending take(final long number)
    {
        final int slot = slot(number);
        final Pending pending = slots.get(slot);
        if (pending != null && pending.number == number && slots.compareAndSet(slot, pending, null))
        {
            return pending;
        }
        return overflow.isEmpty() ? null : overflow.remove(number);
    }

    /** Stops waiting for {@code pending} (answered otherwise, or never sent). */
    void remove(final Pending pending)
    {
        if (!slots.compareAndSet(slot(pending.number), pending, null) && !overflow.isEmpty())
        {
            overflow.remove(pending.number, pending);
        }
    }

    /** Stops waiting for every command, handing each to {@code action}. */
    void removeAll(final Consumer<Pending> action)
    {
        for (int i = 0; i < slots.length(); i++)
        {
            final Pending pending = slots.getAndSet(i, null);
            if (pending != null)
            {
                action.accept(pending);
            }
        }
        overflow.values().removeIf(pending ->
        {
            action.accept(pending);
            return true;
        });
    }

    private int slot(final long number)
    {
        return (int)number & mask;
    }
}
