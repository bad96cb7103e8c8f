package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.threads.NamedThreads;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.journal.queue.Replayer;
import dev.stockhold.journal.snapshot.SnapshotStore;
import org.agrona.ExpandableArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@link SnapshotMode#BACKGROUND}: periodic snapshots that never pause the ledger. A thread of its own
 * rebuilds the state in a second ledger, from the newest snapshot file and the journal after it up to a
 * sequence that the journal (and the snapshot gate) has passed, writes that ledger's snapshot and drops it.
 * Replay is deterministic, so the file holds exactly the state the live ledger had at that sequence;
 * recovery cannot tell it from an inline one.
 * <p>
 * The price: the replay's CPU (each command is applied a second time, in a burst per snapshot) and, while
 * a snapshot is being built, a second copy of the state in memory. When the heap has no room for that copy
 * the snapshot is asked of the ledger stage instead (inline, with its pause); after an
 * {@link OutOfMemoryError} while building, every later one is.
 */
final class BackgroundSnapshots implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundSnapshots.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(30);
    /**
     * How long the replay runs before it offers its core to any thread waiting for one. On a small machine
     * the event loop or the engine thread, woken on the builder's core, would otherwise wait out the
     * builder's whole time slice (up to 3 ms) and the answers they owe with it; with nothing waiting the
     * yield returns at once.
     */
    private static final long YIELD_EVERY_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Entries between two looks at the clock: about 100 µs of replay. */
    private static final int CLOCK_EVERY_ENTRIES = 256;
    /**
     * Heap a build needs per byte of the newest snapshot file: the state itself takes about 2.1 bytes of
     * heap per byte of its snapshot (LIMITS.md: 230 bytes for an open order that snapshots to 109), the
     * file read in and the serialised result one more each.
     */
    private static final long HEAP_PER_SNAPSHOT_BYTE = 4;

    private final JournalQueue queue;
    private final SnapshotStore store;
    private final LedgerConfig ledgerConfig;
    private final LongSupplier mayCover;
    private final BooleanSupplier inlineSnapshot;
    private final LongSupplier freeHeap;
    private final long everyCommands;
    private final long intervalNanos;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Consumer<Exception> onFailure = ex -> { };
    private volatile long lastCovered;
    private volatile long builds;
    private long lastBuildNanos = System.nanoTime();
    private boolean inlineOnly;
    private boolean heapShort;

    /**
     * @param mayCover       the highest sequence a snapshot may cover: the journal has every command up to
     *                       it, and the server has logged their change events.
     * @param everyCommands  build once the journal is this many sequences past the last snapshot; 0 for never.
     * @param intervalMillis build at least this often while commands arrive; 0 for never.
     * @param lastCovered    the sequence the newest snapshot covers (recovery's).
     * @param inlineSnapshot asks the ledger stage for an inline snapshot; false when the ring was full.
     */
    BackgroundSnapshots(final JournalQueue queue, final SnapshotStore store, final LedgerConfig ledgerConfig,
        final LongSupplier mayCover, final long everyCommands, final long intervalMillis, final long lastCovered,
        final BooleanSupplier inlineSnapshot)
    {
        this(queue, store, ledgerConfig, mayCover, everyCommands, intervalMillis, lastCovered, inlineSnapshot,
            BackgroundSnapshots::freeHeapBytes);
    }

    /** As above, with {@code freeHeap} telling how much heap is free (a test's way to run short). */
    BackgroundSnapshots(final JournalQueue queue, final SnapshotStore store, final LedgerConfig ledgerConfig,
        final LongSupplier mayCover, final long everyCommands, final long intervalMillis, final long lastCovered,
        final BooleanSupplier inlineSnapshot, final LongSupplier freeHeap)
    {
        this.inlineSnapshot = inlineSnapshot;
        this.freeHeap = freeHeap;
        this.queue = queue;
        this.store = store;
        this.ledgerConfig = ledgerConfig;
        this.mayCover = mayCover;
        this.everyCommands = everyCommands;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.lastCovered = lastCovered;
        this.thread = NamedThreads.create("stockhold-snapshot-builder", this::loop);
    }

    /** Tells {@code listener} of every failed build (the server stops on it: fail-stop); before {@link #start}. */
    void onFailure(final Consumer<Exception> listener)
    {
        this.onFailure = listener;
    }

    void start()
    {
        thread.start();
    }

    /** @return the sequence the last snapshot built here (or recovery's) covers. */
    long lastCovered()
    {
        return lastCovered;
    }

    /** @return snapshots built so far. */
    long builds()
    {
        return builds;
    }

    private void loop()
    {
        while (running)
        {
            LockSupport.parkNanos(POLL_NANOS);
            final long target = mayCover.getAsLong();
            if (running && isDue(target))
            {
                if (inlineOnly || !hasRoomForASecondCopy())
                {
                    if (inlineSnapshot.getAsBoolean())
                    {
                        lastCovered = target;
                    }
                }
                else
                {
                    buildQuietly(target);
                }
                lastBuildNanos = System.nanoTime();
            }
        }
    }

    private void buildQuietly(final long target)
    {
        try
        {
            build(target);
        }
        catch (final OutOfMemoryError ex)
        {
            inlineOnly = true;
            LOG.error("event=background_snapshot_out_of_memory action=snapshot_inline note=\"snapshots pause the engine"
                + " from now on; give the server a larger heap or set snapshot.mode=inline\"");
        }
        catch (final IOException | RuntimeException ex)
        {
            if (running)
            {
                LOG.error("event=snapshot_failed from=replay sequence={} note=\"the previous snapshot stays in use\"",
                    target, ex);
                onFailure.accept(ex);
            }
        }
    }

    /** @return whether the heap's free part looks big enough for a second copy of the state. */
    private boolean hasRoomForASecondCopy()
    {
        final long free = freeHeap.getAsLong();
        final long needed = HEAP_PER_SNAPSHOT_BYTE * store.newestSize();
        final boolean room = free > needed;
        if (room == heapShort)
        {
            heapShort = !room;
            if (heapShort)
            {
                LOG.warn("event=snapshot_heap_short freeMb={} neededMb={} action=snapshot_inline", free >> 20,
                    needed >> 20);
            }
        }
        return room;
    }

    /**
     * @return the heap not held by live objects: used heap counts garbage not yet collected, so where the
     * collector reports what its last cycle left (ZGC does), that is the better measure.
     */
    private static long freeHeapBytes()
    {
        final Runtime runtime = Runtime.getRuntime();
        final long used = runtime.totalMemory() - runtime.freeMemory();
        long liveAfterCollection = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
        {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
            {
                liveAfterCollection += pool.getCollectionUsage().getUsed();
            }
        }
        return runtime.maxMemory() - (liveAfterCollection > 0 ? Math.min(used, liveAfterCollection) : used);
    }

    private boolean isDue(final long target)
    {
        if (target <= lastCovered)
        {
            return false;
        }
        return (everyCommands > 0 && target - lastCovered >= everyCommands)
            || (intervalNanos > 0 && System.nanoTime() - lastBuildNanos >= intervalNanos);
    }

    /**
     * Rebuilds the state at {@code target} and writes its snapshot; builder thread only (or a test while
     * the thread is not started).
     *
     * @return the file written, or null when a snapshot already covers {@code target}.
     */
    Path build(final long target) throws IOException
    {
        final long startNanos = System.nanoTime();
        final Recovery.Loaded loaded = Recovery.loadNewestValid(store, ledgerConfig);
        if (loaded.coveredSequence() >= target)
        {
            lastCovered = Math.max(lastCovered, loaded.coveredSequence());
            return null;
        }
        final long deletedThrough = DeletedThrough.read(queue.dir());
        if (loaded.coveredSequence() < deletedThrough)
        {
            // What is left of the journal would rebuild a different ledger: only the live one can write it.
            inlineOnly = true;
            LOG.error("event=background_snapshot_uncovered deletedThrough={} action=snapshot_inline note=\"no readable"
                + " snapshot covers the journal retention deleted; snapshots pause the engine from now on\"",
                deletedThrough);
            return null;
        }
        final Ledger ledger = loaded.ledger() != null ? loaded.ledger() : new Ledger(ledgerConfig);
        final Replayer replayer = new Replayer(false);
        try (JournalReader reader = new JournalReader(queue))
        {
            replayer.replay(reader, ledger, loaded.coveredSequence(), target, "background_snapshot", new Replayer.Hook()
            {
                private int entries;
                private long sliceStart = System.nanoTime();

                @Override
                public void beforeEntry(final Command command)
                {
                    if (!running)
                    {
                        throw new IllegalStateException("stopped while building a snapshot");
                    }
                    if (++entries % CLOCK_EVERY_ENTRIES == 0 && System.nanoTime() - sliceStart >= YIELD_EVERY_NANOS)
                    {
                        Thread.yield();
                        sliceStart = System.nanoTime();
                    }
                }
            });
        }
        final int length = ledger.writeSnapshot(buffer, 0);
        final Path file = store.write(buffer.byteArray(), length, target, System.currentTimeMillis());
        lastCovered = target;
        builds++;
        LOG.info("event=snapshot_written from=replay file={} bytes={} sequence={} entriesReplayed={} base={} millis={}",
            file.getFileName(), length, target, replayer.entries(),
            loaded.file() == null ? "none" : loaded.file().getFileName(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return file;
    }

    /** Stops the thread, abandoning a snapshot being built. */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(JOIN_MILLIS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
