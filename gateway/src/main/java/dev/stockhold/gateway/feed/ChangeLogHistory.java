package dev.stockhold.gateway.feed;

import dev.stockhold.gateway.binary.ChangeHistory;

/**
 * The binary feeds' history, read from the durable {@link ChangeLog} the HTTP feed writes: a binary
 * subscriber resumes from any point the log still holds, across restarts, exactly as an SSE client does,
 * and its events are encoded from the same records. Runs on the responder thread, between two commands,
 * after the HTTP feed has logged every earlier record; not a hot path.
 */
public final class ChangeLogHistory implements ChangeHistory
{
    private final ChangeLog log;
    private final ChangeRecord record = new ChangeRecord();

    public ChangeLogHistory(final ChangeLog log)
    {
        this.log = log;
    }

    @Override
    public boolean holdsAfter(final long afterSeq)
    {
        try (ChangeLog.Reader reader = log.reader())
        {
            // Nothing changed between the first entry's predecessor and that entry: resuming from the
            // predecessor (or later) misses nothing. An empty log holds nothing.
            return reader.first() && reader.previousSequence() <= afterSeq;
        }
    }

    @Override
    public void replay(final long afterSeq, final Sink sink)
    {
        try (ChangeLog.Reader reader = log.reader())
        {
            boolean onEntry = reader.seekAfter(afterSeq) == ChangeLog.Reader.ON_ENTRY;
            while (onEntry)
            {
                sink.onChange(reader.decode(record));
                onEntry = reader.next();
            }
        }
    }
}
