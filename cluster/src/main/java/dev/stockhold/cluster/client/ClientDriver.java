package dev.stockhold.cluster.client;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Aeron client an {@link EngineClusterClient} talks through: on a running media driver (a node's), or on an
 * embedded one of its own (one shared thread backing off to 1 ms sleeps, sparse 64 KiB terms, its directory on
 * /dev/shm and removed when it stops).
 */
final class ClientDriver implements AutoCloseable
{
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final MediaDriver driver;
    private final Aeron aeron;

    private ClientDriver(final MediaDriver driver, final Aeron aeron)
    {
        this.driver = driver;
        this.aeron = aeron;
    }

    /** @param aeronDir a running media driver's directory, or null to launch one. */
    static ClientDriver open(final String aeronDir)
    {
        final MediaDriver driver = aeronDir == null ? launchDriver() : null;
        try
        {
            return new ClientDriver(driver, Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(driver != null ? driver.aeronDirectoryName() : aeronDir)));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    private static MediaDriver launchDriver()
    {
        final Path shm = Path.of("/dev/shm");
        final Path parent = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        final String dir = parent.resolve("stockhold-client-" + ProcessHandle.current().pid() + "-"
            + INSTANCES.incrementAndGet()).toString();
        return MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(64 * 1024)
            .ipcTermBufferLength(64 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /** The backoff of the client's threads: spin briefly, yield, then park up to 1 ms. */
    static IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    Aeron aeron()
    {
        return aeron;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
