package dev.stockhold.cluster.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a node's data directory ({@code node.lock}), held while the node runs: a second node on
 * the same directory refuses to start. The operating system drops the lock when the process dies, however it
 * dies, so holding it proves that whatever the directory holds was left by a process that is gone.
 */
final class DataDirLock implements AutoCloseable
{
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, creating the directory if needed.
     *
     * @throws IllegalStateException when another process holds it.
     */
    static DataDirLock acquire(final Path dataDir) throws IOException
    {
        Files.createDirectories(dataDir);
        final FileChannel channel = FileChannel.open(dataDir.resolve("node.lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        final FileLock lock;
        try
        {
            lock = channel.tryLock();
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
        if (lock == null)
        {
            channel.close();
            throw new IllegalStateException("another process runs a node on " + dataDir);
        }
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            lock.release();
        }
        finally
        {
            channel.close();
        }
    }
}
