package dev.stockhold.cluster.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Each waiting command is found by its own number and no other, also when two numbers share a slot. */
class ReplicaWaitsTest
{
    /** 16 commands in flight: 64 slots. */
    private final ReplicaWaits waits = new ReplicaWaits(16);

    private static Pending pending(final long number)
    {
        return new Pending(number, new byte[0], 0, new AtomicInteger(), null, result -> { });
    }

    @Test
    void aCommandIsTakenOnceByItsNumber()
    {
        final Pending seven = pending(7);
        waits.add(seven);
        assertNull(waits.take(7 + 64), "another number in the same slot");
        assertSame(seven, waits.take(7));
        assertNull(waits.take(7), "taken already");
    }

    @Test
    void aNumberWhoseSlotAnOlderCommandHoldsWaitsBesideIt()
    {
        final Pending stuck = pending(3);
        final Pending later = pending(3 + 64);
        final Pending muchLater = pending(3 + 128);
        waits.add(stuck);
        waits.add(later);
        waits.add(muchLater);
        assertSame(later, waits.take(3 + 64));
        waits.remove(stuck); // its deadline
        assertNull(waits.take(3));
        assertSame(muchLater, waits.take(3 + 128));
        final Pending reused = pending(3 + 192);
        waits.add(reused);
        assertSame(reused, waits.take(3 + 192), "the slot is free again");
    }

    @Test
    void removingACommandAnsweredOtherwiseLeavesTheSlotsNewOccupant()
    {
        final Pending first = pending(5);
        waits.add(first);
        assertSame(first, waits.take(5));
        final Pending second = pending(5 + 64);
        waits.add(second);
        waits.remove(first); // the client forgets the first one after its answer
        assertSame(second, waits.take(5 + 64));
    }

    @Test
    void everyWaitingCommandIsHandedOverWhenTheClientCloses()
    {
        waits.add(pending(1));
        waits.add(pending(2));
        waits.add(pending(1 + 64));
        final List<Long> numbers = new ArrayList<>();
        waits.removeAll(each -> numbers.add(each.number));
        numbers.sort(Long::compare);
        assertEquals(List.of(1L, 2L, 65L), numbers);
        assertNull(waits.take(1));
        assertNull(waits.take(65));
    }
}
