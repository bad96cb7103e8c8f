package dev.stockhold.journal.snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The snapshot directory: files named {@code snapshot-<covered sequence, 20 digits>.snap}, so name order
 * is sequence order. Keeps the newest {@value #KEEP} files; loads the newest one that passes its checks.
 * Thread safety: {@link #write} is called by the single snapshot writer thread; the other methods may run
 * on any thread (they only read the directory).
 */
public final class SnapshotStore
{
    /** Snapshots kept: the newest, and older ones to fall back on if it turns out corrupt. */
    public static final int KEEP = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".snap";
    private static final String TMP_SUFFIX = ".tmp";

    private final Path dir;

    /** Creates the directory if needed and removes temporary files a crash left behind. */
    public SnapshotStore(final Path dir)
    {
        this.dir = dir;
        try
        {
            Files.createDirectories(dir);
            final List<Path> unfinished;
            try (Stream<Path> files = Files.list(dir))
            {
                unfinished = files.filter(p -> p.toString().endsWith(TMP_SUFFIX)).collect(Collectors.toList());
            }
            for (final Path tmp : unfinished)
            {
                LOG.info("event=snapshot_unfinished_removed file={}", tmp);
                Files.deleteIfExists(tmp);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open snapshot directory " + dir, ex);
        }
    }

    private SnapshotStore(final Path dir, final boolean readOnly)
    {
        this.dir = dir;
    }

    /**
     * A store that is only read: neither creates the directory nor removes the temporary file of a
     * snapshot that a server running beside the reader may be writing (the journal tool).
     */
    public static SnapshotStore readOnly(final Path dir)
    {
        return new SnapshotStore(dir, true);
    }

    /** @return the directory. */
    public Path dir()
    {
        return dir;
    }

    /** @return every snapshot file, newest (highest covered sequence) first. */
    public List<Path> newestFirst()
    {
        if (!Files.isDirectory(dir))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> snapshots = new ArrayList<>();
            files.filter(p ->
            {
                final String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).forEach(snapshots::add);
            snapshots.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
            return snapshots;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + dir, ex);
        }
    }

    /** @return the size in bytes of the newest snapshot file, 0 without any. */
    public long newestSize()
    {
        for (final Path path : newestFirst())
        {
            try
            {
                return Files.size(path);
            }
            catch (final IOException ex)
            {
                // Pruned since listed: the next one.
            }
        }
        return 0;
    }

    /** @return the file name for a snapshot covering {@code coveredSequence}. */
    public Path pathFor(final long coveredSequence)
    {
        return dir.resolve(String.format("%s%020d%s", PREFIX, coveredSequence, SUFFIX));
    }

    /**
     * Writes a snapshot (temp file, fsync, atomic rename) and deletes all but the newest {@value #KEEP}.
     * One write at a time: the background builder and the engine's own snapshot can cover the same
     * sequence (a SIGTERM during a build), and both wrote the same temp file, so one of them failed. A
     * snapshot covering a sequence that already has one is not written again: it holds the same state.
     *
     * @return the file written, or the one already there.
     */
    public synchronized Path write(final byte[] state, final int length, final long coveredSequence,
        final long createdAtMillis) throws IOException
    {
        final Path target = pathFor(coveredSequence);
        if (Files.exists(target))
        {
            return target;
        }
        final Path tmp = dir.resolve(target.getFileName() + TMP_SUFFIX);
        SnapshotFile.write(target, tmp, state, length, coveredSequence, createdAtMillis);
        final List<Path> all = newestFirst();
        for (int i = KEEP; i < all.size(); i++)
        {
            Files.deleteIfExists(all.get(i));
        }
        return target;
    }

    /**
     * @return the lowest sequence covered by the snapshots kept, or -1 without any: journal entries up
     * to it are no longer needed even if the newer snapshots turn out corrupt.
     */
    public long oldestCoveredSequence()
    {
        final List<Path> all = newestFirst();
        long oldest = -1;
        for (final Path path : all)
        {
            final long covered = SnapshotFile.peekCoveredSequence(path);
            if (covered >= 0 && (oldest < 0 || covered < oldest))
            {
                oldest = covered;
            }
        }
        return oldest;
    }
}
