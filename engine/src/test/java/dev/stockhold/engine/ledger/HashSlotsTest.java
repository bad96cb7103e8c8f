package dev.stockhold.engine.ledger;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table's count and load factor through growth and in-place sweeps, and every kept entry found. */
class HashSlotsTest
{
    @Test
    void growingKeepsCountAndLoadFactor()
    {
        final HashSlots slots = new HashSlots(16);
        for (int value = 0; value < 200_000; value++)
        {
            slots.add(spread(value), value);
            assertEquals(value + 1, slots.size());
            assertTrue(slots.size() <= slots.capacity() / 2, "load factor at most one half");
        }
        assertTrue(slots.capacity() <= 4 * slots.size(), "grown no more than needed: " + slots.capacity());
        for (int value = 0; value < 200_000; value++)
        {
            assertTrue(contains(slots, spread(value), value), "entry " + value);
        }
    }

    @Test
    void sweepingInPlaceKeepsExactlyTheChosenEntries()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 50; round++)
        {
            final HashSlots slots = new HashSlots(1024);
            final Set<Integer> kept = new HashSet<>();
            final int count = random.nextInt(1, 512);
            final int[] hashes = new int[count];
            for (int value = 0; value < count; value++)
            {
                // Few distinct hashes, some near the table's end: long runs, some wrapping around it.
                hashes[value] = random.nextInt(64) * 31 - 40;
                slots.add(hashes[value], value);
                if (random.nextBoolean())
                {
                    kept.add(value);
                }
            }
            final int[] offered = new int[count];
            slots.retain((hash, value) ->
            {
                offered[value]++;
                return kept.contains(value);
            }, slots.capacity());
            assertEquals(kept.size(), slots.size());
            for (int value = 0; value < count; value++)
            {
                assertEquals(1, offered[value], "each entry offered once");
            }
            for (int value = 0; value < count; value++)
            {
                assertEquals(kept.contains(value), contains(slots, hashes[value], value), "entry " + value);
            }
        }
    }

    private static boolean contains(final HashSlots slots, final int hash, final int value)
    {
        for (int at = slots.find(hash, slots.home(hash)); at >= 0; at = slots.find(hash, at + 1))
        {
            if (slots.value(at) == value)
            {
                return true;
            }
        }
        return false;
    }

    private static int spread(final int value)
    {
        return value * 0x9E3779B9;
    }
}
