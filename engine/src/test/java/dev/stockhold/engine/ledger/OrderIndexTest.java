package dev.stockhold.engine.ledger;

import org.agrona.collections.IntArrayList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The order index against a plain map, through many random adds, forgets and lookups: ids are re-added
 * into the slot they just left (the stale entry's twin), many ids share a 32-bit hash, and the table
 * fills up and drops its stale entries again and again.
 */
class OrderIndexTest
{
    @Test
    void agreesWithAPlainMapThroughForgetsReusesAndRebuilds()
    {
        for (long seed = 1; seed <= 20; seed++)
        {
            runAgainstModel(new SplittableRandom(seed), 20_000, seed % 2 == 0 ? 300 : 5_000);
        }
    }

    @Test
    void visitsEveryLiveOrderOnceInSlotOrder()
    {
        final OrderIndex index = new OrderIndex();
        final List<Reservation> added = new ArrayList<>();
        for (int i = 0; i < 3_000; i++)
        {
            final Reservation reservation = index.newInstance();
            reservation.reset("o" + i, null, 0, 0, i, 0);
            index.add(reservation);
            added.add(reservation);
        }
        for (int i = 0; i < 3_000; i += 3)
        {
            index.remove(added.get(i).slot);
        }
        final List<Integer> visited = new ArrayList<>();
        index.forEach(reservation -> visited.add(reservation.slot));
        assertEquals(2_000, visited.size());
        assertEquals(2_000, index.size());
        for (int i = 1; i < visited.size(); i++)
        {
            assertEquals(true, visited.get(i - 1) < visited.get(i), "slot order");
        }
    }

    private static void runAgainstModel(final SplittableRandom random, final int operations, final int idPool)
    {
        final OrderIndex index = new OrderIndex();
        final Map<String, Reservation> model = new HashMap<>();
        final IntArrayList freeSlots = new IntArrayList();
        final List<String> present = new ArrayList<>();
        for (int op = 0; op < operations; op++)
        {
            final String id = orderId(random, idPool);
            final int choice = random.nextInt(10);
            if (choice < 5 && !model.containsKey(id))
            {
                final Reservation reservation = freeSlots.isEmpty() ? index.newInstance()
                    : index.inSlot(freeSlots.popInt());
                reservation.reset(id, null, 0, 0, op, 0);
                index.add(reservation);
                model.put(id, reservation);
                present.add(id);
            }
            else if (choice < 8 && !present.isEmpty())
            {
                final String gone = present.remove(random.nextInt(present.size()));
                final Reservation reservation = model.remove(gone);
                index.remove(reservation.slot);
                freeSlots.pushInt(reservation.slot);
            }
            final Reservation expected = model.get(id);
            if (expected == null)
            {
                assertNull(index.get(id), id);
            }
            else
            {
                assertSame(expected, index.get(id), id);
            }
            assertEquals(model.size(), index.size());
        }
        for (final Map.Entry<String, Reservation> entry : model.entrySet())
        {
            assertSame(entry.getValue(), index.get(entry.getKey()));
        }
    }

    /** A random id; a third of them are made of "Aa" and "BB" blocks, which all share one String hash. */
    private static String orderId(final SplittableRandom random, final int idPool)
    {
        final int n = random.nextInt(idPool);
        if (n % 3 != 0)
        {
            return "order-" + n;
        }
        final StringBuilder id = new StringBuilder();
        for (int bit = 0; bit < 12; bit++)
        {
            id.append((n >>> bit & 1) == 0 ? "Aa" : "BB");
        }
        return id.toString();
    }
}
