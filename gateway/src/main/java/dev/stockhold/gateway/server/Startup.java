package dev.stockhold.gateway.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * What a server start has started so far, so that a step that fails stops every earlier one (threads,
 * files, sockets) in reverse order instead of leaving half a server running. Start-up thread only.
 */
final class Startup
{
    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

    private final Deque<Runnable> stops = new ArrayDeque<>();

    /** Records {@code resource} as started; @return it. */
    <T extends AutoCloseable> T add(final T resource)
    {
        stops.push(() ->
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        return resource;
    }

    /** Records {@code resource} as started, stopped by {@code stop}; @return it. */
    <T> T add(final T resource, final Consumer<T> stop)
    {
        stops.push(() -> stop.accept(resource));
        return resource;
    }

    /** Stops everything recorded, newest first; failures are added to {@code cause} and logged. */
    void closeAll(final Throwable cause)
    {
        while (!stops.isEmpty())
        {
            try
            {
                stops.pop().run();
            }
            catch (final RuntimeException | Error ex)
            {
                LOG.warn("event=start_cleanup_failed error=\"{}\"", ex.toString());
                cause.addSuppressed(ex);
            }
        }
    }
}
