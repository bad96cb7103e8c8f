package dev.stockhold.cluster.node;

import io.aeron.archive.ArchiveMarkFile;
import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.concurrent.SystemEpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Marks the mark files a killed node left as terminated, so the node can start again at once.
 * <p>
 * Aeron's consensus module, service container and archive each keep a mark file whose timestamp a live
 * process refreshes every second; a start that finds one refreshed within 10 s refuses ("active mark file
 * detected"), to keep two processes off one directory. {@link DataDirLock} already does that for the whole
 * data directory, so once it is held, any mark file there belongs to a dead process: it is marked terminated
 * as a clean stop would have (its contents, such as the candidate term the node voted in, are kept). A mark
 * file that cannot be read (its process died while creating it) is deleted. Called before the node starts,
 * on the starting thread.
 */
final class StaleMarkFiles
{
    private static final Logger LOG = LoggerFactory.getLogger(StaleMarkFiles.class);
    private static final long OPEN_TIMEOUT_MILLIS = 1_000;

    private StaleMarkFiles()
    {
    }

    static void release(final File clusterDir, final File archiveDir)
    {
        releaseCluster(clusterDir, ClusterMarkFile.FILENAME);
        releaseCluster(clusterDir, ClusterMarkFile.markFilenameForService(0));
        final File archive = new File(archiveDir, ArchiveMarkFile.FILENAME);
        if (archive.exists())
        {
            try (ArchiveMarkFile markFile = new ArchiveMarkFile(archiveDir, ArchiveMarkFile.FILENAME,
                SystemEpochClock.INSTANCE, OPEN_TIMEOUT_MILLIS, message -> { }))
            {
                markFile.signalTerminated();
            }
            catch (final RuntimeException ex)
            {
                delete(archive, ex);
            }
        }
    }

    private static void releaseCluster(final File dir, final String name)
    {
        final File file = new File(dir, name);
        if (!file.exists())
        {
            return;
        }
        try (ClusterMarkFile markFile = new ClusterMarkFile(dir, name, SystemEpochClock.INSTANCE, OPEN_TIMEOUT_MILLIS,
            message -> { }))
        {
            markFile.signalTerminated();
        }
        catch (final RuntimeException ex)
        {
            delete(file, ex);
        }
    }

    private static void delete(final File file, final RuntimeException cause)
    {
        LOG.warn("event=mark_file_deleted file={} cause=\"{}\"", file, cause.getMessage());
        try
        {
            Files.deleteIfExists(file.toPath());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot delete the unreadable mark file " + file, ex);
        }
    }
}
