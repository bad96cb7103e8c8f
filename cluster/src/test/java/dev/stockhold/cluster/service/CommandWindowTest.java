package dev.stockhold.cluster.service;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandWindowTest
{
    private static void remember(final CommandWindow window, final long origin, final long number, final long at)
    {
        final byte[] answer = {(byte)origin, (byte)number};
        window.remember(origin, number, at, new UnsafeBuffer(answer), 0, answer.length);
    }

    @Test
    void idsAreFoundUntilTheyAgeOutOldestFirst()
    {
        final long seed = System.nanoTime();
        System.out.println("seed=" + seed);
        final Random random = new Random(seed);
        final CommandWindow window = new CommandWindow(100, 10_000);
        final long[] origins = new long[1_000];
        for (int i = 0; i < origins.length; i++)
        {
            // Few origins, so that many ids share a hash bucket's neighbourhood.
            origins[i] = random.nextInt(4);
            remember(window, origins[i], i, i);
        }
        for (int i = 0; i < origins.length; i++)
        {
            assertNotNull(window.find(origins[i], i), "id " + i);
        }
        assertNull(window.find(99, 1));
        window.expire(600);
        assertEquals(500, window.size(), "kept: applied at most 100 ms before 600");
        for (int i = 0; i < origins.length; i++)
        {
            assertEquals(i >= 500, window.find(origins[i], i) != null, "id " + i);
        }
    }

    @Test
    void aWrittenWindowReadsBackEntryForEntry()
    {
        final CommandWindow window = new CommandWindow(1_000, 100);
        for (int i = 0; i < 50; i++)
        {
            remember(window, i % 3, i, 10 + i);
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = window.write(buffer, 7);
        final CommandWindow copy = new CommandWindow(1_000, 100);
        copy.read(buffer, 7, length);
        assertEquals(50, copy.size());
        for (int i = 0; i < 50; i++)
        {
            assertArrayEquals(window.find(i % 3, i).answer, copy.find(i % 3, i).answer);
            assertEquals(10 + i, copy.find(i % 3, i).appliedAtMillis);
        }
        copy.expire(1_030);
        assertEquals(30, copy.size());
        assertThrows(IllegalArgumentException.class, () -> new CommandWindow(1_000, 10).read(buffer, 7, length));
        assertThrows(IllegalArgumentException.class, () -> new CommandWindow(1_000, 100).read(buffer, 7, length - 1));
    }

    @Test
    void aFullWindowTakesNoMore()
    {
        final CommandWindow window = new CommandWindow(1_000, 2);
        remember(window, 1, 1, 0);
        remember(window, 1, 2, 0);
        assertTrue(window.isFull());
        assertThrows(IllegalStateException.class, () -> remember(window, 1, 3, 0));
    }
}
