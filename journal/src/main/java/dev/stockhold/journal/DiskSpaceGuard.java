package dev.stockhold.journal;

import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.engine.pipeline.EnginePipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stops the engine before its data disk is full. The journal and the change log are memory-mapped files:
 * a write to a page the file system cannot allocate is not an I/O error but a SIGBUS, which the JVM turns
 * into an {@link InternalError} at best and, inside some of its own routines, into a crash of the whole
 * process. So the disk must never be allowed to fill: this checks the usable space of the data directory's
 * file system every {@value #CHECK_MILLIS} ms and, below the configured reserve, trips the engine's
 * {@link EngineFailure} from the next command on (the commands already in the ring fit in the reserve many
 * times over). The process then exits and refuses to start again until space is freed.
 * <p>
 * Thread: {@link #check} on the journal's timer thread; {@link #requireAtStart} on the start-up thread.
 */
final class DiskSpaceGuard
{
    /** How often the space is checked. */
    static final long CHECK_MILLIS = 100;
    /** What the journal's and the change log's page-touching threads may allocate ahead of their writers. */
    static final long PRETOUCHED_BYTES = 64L << 20;

    private final FileStore store;
    private final Path dir;
    private final long minFreeBytes;
    private final EnginePipeline pipeline;

    DiskSpaceGuard(final Path dir, final long minFreeBytes, final EnginePipeline pipeline)
    {
        this.dir = dir;
        this.store = fileStore(dir);
        this.minFreeBytes = minFreeBytes;
        this.pipeline = pipeline;
    }

    /**
     * Refuses a start on a disk without room for the reserve and the pages touched ahead of the writers.
     *
     * @throws IllegalStateException with the figures, when there is not.
     */
    static void requireAtStart(final Path dir, final long minFreeBytes)
    {
        if (minFreeBytes == 0)
        {
            return;
        }
        final long usable = usable(fileStore(dir));
        if (usable < minFreeBytes + PRETOUCHED_BYTES)
        {
            throw new IllegalStateException(String.format("the data disk of %s has %d MiB usable; the server needs"
                + " %d MiB (the %d MiB reserve, --min-free-disk-mb, and %d MiB the journals fault in ahead):"
                + " free space, or lower the reserve", dir, usable >> 20, (minFreeBytes + PRETOUCHED_BYTES) >> 20,
                minFreeBytes >> 20, PRETOUCHED_BYTES >> 20));
        }
    }

    /** Trips the engine's failure when the usable space is below the reserve. */
    void check()
    {
        final long usable;
        try
        {
            usable = usable(store);
        }
        catch (final UncheckedIOException ex)
        {
            // A file system that cannot say: nothing to guard by, and no reason to stop.
            return;
        }
        if (usable < minFreeBytes && !pipeline.failure().isFailed())
        {
            pipeline.failure().fail("disk", pipeline.nextSequence(), new IOException(String.format(
                "the data disk of %s has %d KiB usable, below the %d MiB reserve: stopping before a write finds it"
                    + " full", dir, usable >> 10, minFreeBytes >> 20)));
        }
    }

    private static long usable(final FileStore store)
    {
        try
        {
            return store.getUsableSpace();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static FileStore fileStore(final Path dir)
    {
        try
        {
            return Files.getFileStore(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
