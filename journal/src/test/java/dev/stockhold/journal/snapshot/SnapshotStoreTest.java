package dev.stockhold.journal.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Two writers of the same sequence at once, as a SIGTERM during a background build has: both succeed. */
class SnapshotStoreTest
{
    @TempDir
    Path dir;

    @Test
    void writersOfTheSameSequenceAtOnceBothSucceedAndLeaveOneValidFile() throws Exception
    {
        final SnapshotStore store = new SnapshotStore(dir);
        final byte[] state = new byte[4 << 20];
        for (int i = 0; i < state.length; i++)
        {
            state[i] = (byte)(i * 31);
        }
        final ExecutorService writers = Executors.newFixedThreadPool(2);
        try
        {
            for (long sequence = 1; sequence <= 20; sequence++)
            {
                final long covered = sequence;
                final CyclicBarrier together = new CyclicBarrier(2);
                final List<Future<Path>> written = new ArrayList<>();
                for (int w = 0; w < 2; w++)
                {
                    written.add(writers.submit(() ->
                    {
                        together.await();
                        return store.write(state, state.length, covered, 1_000 + covered);
                    }));
                }
                for (final Future<Path> path : written)
                {
                    assertEquals(store.pathFor(covered), path.get());
                }
                final SnapshotFile file = SnapshotFile.read(store.pathFor(covered));
                assertEquals(covered, file.coveredSequence());
                final byte[] read = new byte[state.length];
                file.state().getBytes(0, read);
                assertArrayEquals(state, read);
            }
        }
        finally
        {
            writers.shutdownNow();
        }
        assertEquals(SnapshotStore.KEEP, store.newestFirst().size());
        try (var files = Files.list(dir))
        {
            assertFalse(files.anyMatch(path -> path.toString().endsWith(".tmp")), "no temp file left");
        }
    }
}
