package dev.stockhold.engine.ledger;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void aBigTableGrowsIntoAnArrayPreparedOnAnotherThread() throws InterruptedException
    {
        final int capacity = SpareTables.MIN_LENGTH / 2;
        final HashSlots slots = new HashSlots(capacity);
        assertEquals(capacity, slots.capacity());
        int added = 0;
        while (added <= capacity / 8 * 3)
        {
            slots.add(spread(added), added);
            added++;
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!SpareTables.isReady(capacity * 2) && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        assertTrue(SpareTables.isReady(capacity * 2), "asked for at three eighths full");
        final long handedOut = SpareTables.handedOut();
        while (slots.capacity() == capacity)
        {
            slots.add(spread(added), added);
            added++;
        }
        assertEquals(handedOut + 1, SpareTables.handedOut(), "the larger table is the prepared one");
        assertFalse(SpareTables.isReady(capacity * 2));
        slots.finish();
        for (int value = 0; value < added; value++)
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
            slots.finish();
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

    /**
     * Adds, lookups, migrations and sweeps interleaved at random against a plain map: while one runs, every
     * entry it keeps and every entry added since stays findable; once it ends, what its filter dropped is
     * gone. Few distinct hashes make long runs, which moved positions cut through.
     */
    @Test
    void entriesStayFindableWhileAMigrationOrSweepRuns()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 20; round++)
        {
            final HashSlots slots = new HashSlots(16);
            final Map<Integer, Integer> present = new HashMap<>();
            final Set<Integer> doomed = new HashSet<>();
            final Set<Integer> gone = new HashSet<>();
            final Map<Integer, Integer> hashOf = new HashMap<>();
            final int distinctHashes = 1 + random.nextInt(4_000);
            int nextValue = 0;
            for (int step = 0; step < 20_000; step++)
            {
                if (random.nextInt(2_000) == 0 && !slots.isRetaining())
                {
                    final int modulus = 2 + random.nextInt(3);
                    doomed.clear();
                    present.forEach((value, hash) ->
                    {
                        if (value % modulus == 0)
                        {
                            doomed.add(value);
                        }
                    });
                    final int capacity = present.size() - doomed.size() + 1 > slots.capacity() / 4
                        ? slots.capacity() * 2 : slots.capacity();
                    // Entries added while it runs must stay, as an index's new live entries do.
                    final Set<Integer> dropping = Set.copyOf(doomed);
                    slots.retain((hash, value) -> !dropping.contains(value), capacity);
                }
                final int hash = random.nextInt(distinctHashes) * 0x9E3779B9 - 7;
                final int value = nextValue++;
                slots.add(hash, value);
                present.put(value, hash);
                hashOf.put(value, hash);
                if (!slots.isRetaining() && !doomed.isEmpty())
                {
                    doomed.forEach(present::remove);
                    gone.addAll(doomed);
                    doomed.clear();
                }
                assertTrue(slots.size() <= slots.capacity() / 2 + slots.capacity() / HashSlots.STEPS_PER_ADD,
                    "load factor at most one half, and a little more while a sweep runs");
                final int probe = random.nextInt(nextValue);
                if (gone.contains(probe))
                {
                    assertFalse(contains(slots, hashOf.get(probe), probe), "dropped entry " + probe);
                }
                else if (!doomed.contains(probe))
                {
                    assertTrue(contains(slots, present.get(probe), probe), "entry " + probe);
                }
                if (step % 1_000 == 0)
                {
                    for (final Map.Entry<Integer, Integer> entry : present.entrySet())
                    {
                        assertTrue(doomed.contains(entry.getKey()) || contains(slots, entry.getValue(), entry.getKey()),
                            "entry " + entry.getKey() + " while retaining: " + slots.isRetaining());
                    }
                }
            }
            slots.finish();
            doomed.forEach(present::remove);
            assertEquals(present.size(), slots.size());
            for (final Map.Entry<Integer, Integer> entry : present.entrySet())
            {
                assertTrue(contains(slots, entry.getValue(), entry.getKey()), "entry " + entry.getKey());
            }
        }
    }

    private static boolean contains(final HashSlots slots, final int hash, final int value)
    {
        for (int at = slots.first(hash); at >= 0; at = slots.next(hash, at))
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
