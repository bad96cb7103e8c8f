package dev.stockhold.gateway.feed;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.queue.Replayer;

/**
 * Recovery's catch-up of the change log ({@link ChangeFeed#catchUp()}): a hook on the journal's replay that
 * logs the events of replayed commands beyond the newest event the log held, through a change-log writer of
 * its own. Start-up thread only; close it there once recovery is done, before the pipeline starts.
 */
public final class ChangeLogCatchUp implements Replayer.Hook, AutoCloseable
{
    private final ChangeFeed feed;
    private final long loggedThrough;
    private final ChangeLog.Writer writer;
    private long appended;

    ChangeLogCatchUp(final ChangeFeed feed, final ChangeLog log)
    {
        this.feed = feed;
        this.loggedThrough = log.lastSequence();
        this.writer = log.writer();
    }

    @Override
    public void afterEntry(final Command command)
    {
        if (command.sequence > loggedThrough && feed.logEvent(command, writer))
        {
            appended++;
        }
    }

    /** @return the events appended. */
    public long appended()
    {
        return appended;
    }

    /** @return the sequence of the newest event the log held before recovery, or -1 when it was empty. */
    public long loggedThrough()
    {
        return loggedThrough;
    }

    @Override
    public void close()
    {
        writer.close();
    }
}
