package dev.stockhold.cluster.client;

import dev.stockhold.cluster.node.AgentIdle;
import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Aeron client an {@link EngineClusterClient} talks through: on a running media driver (a node's), or on an
 * embedded one of its own (one shared thread idling as {@link AgentIdle}, sparse 64 KiB terms, its directory on
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
            .sharedIdleStrategy(AgentIdle.strategy())
            .termBufferSparseFile(true)
            .publicationTermBufferLength(64 * 1024)
            .ipcTermBufferLength(64 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
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
