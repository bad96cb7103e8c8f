package dev.stockhold.journal.cli;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.PublishedChanges;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.journal.DeletedThrough;
import dev.stockhold.journal.Recovery;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.journal.queue.Replayer;
import dev.stockhold.journal.snapshot.SnapshotStore;
import net.openhft.chronicle.core.time.SystemTimeProvider;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * {@code dump --channel C [--listing L]}: the history of published quantities. The journal holds commands,
 * not their results, so this replays it into a ledger, as recovery does, and prints every change the
 * ledger records of the channel's listings (bindings and unbindings included) with the command that made
 * it: one line per listing and command.
 * <p>
 * The replay starts from the newest snapshot that reads back whole and covers no entry the dump must show
 * (no entry at or after {@code --from}), or from the start of the journal; when retention has deleted
 * that start, from the newest usable snapshot, as recovery would, and the history begins there.
 */
final class PublishedDump
{
    /** Thrown by the replay hook once {@code --limit} lines are printed: the rest is not replayed. */
    private static final class Enough extends RuntimeException
    {
        Enough()
        {
            super(null, null, false, false);
        }
    }

    private final DataDirOption data;
    private final String channel;
    private final String listing;
    private final String code;
    private final EntryFilter filter;
    private final long limit;
    private final PrintWriter out;
    private final EntryFormat format = new EntryFormat();
    private long printed;

    /**
     * @param listing the listing id, or null for every listing of the channel.
     * @param code    only listings bound to this SKU or kit code, or null.
     * @param filter  the entry filters, applied to the command that made a change.
     */
    PublishedDump(final DataDirOption data, final String channel, final String listing, final String code,
        final EntryFilter filter, final long limit, final PrintWriter out)
    {
        this.data = data;
        this.channel = channel;
        this.listing = listing;
        this.code = code;
        this.filter = filter;
        this.limit = limit;
        this.out = out;
    }

    /** @return the exit status: 0, or 1 when no start state can be rebuilt. */
    int run() throws IOException
    {
        try (JournalQueue queue = JournalQueue.open(data.config().journalDir(), SystemTimeProvider.INSTANCE, true);
             JournalReader reader = new JournalReader(queue))
        {
            final long firstShown = firstSequenceAtOrAfter(reader, filter.fromMillis());
            final SnapshotStore snapshots = SnapshotStore.readOnly(data.config().snapshotDir());
            Recovery.Loaded start = Recovery.loadNewestValid(snapshots, data.ledgerConfig(), firstShown - 1);
            final long deletedThrough = DeletedThrough.read(data.config().journalDir());
            if (start.coveredSequence() < deletedThrough)
            {
                start = Recovery.loadNewestValid(snapshots, data.ledgerConfig(), Long.MAX_VALUE);
                if (start.coveredSequence() < deletedThrough)
                {
                    out.printf("# the journal through sequence %d was deleted by retention and no readable snapshot"
                        + " covers it: the published quantities cannot be rebuilt%n", deletedThrough);
                    return 1;
                }
            }
            out.println(start.file() == null ? "# replayed from the start of the journal"
                : "# replayed from " + start.file().getFileName() + ": changes after sequence "
                    + start.coveredSequence());
            final Ledger ledger = start.ledger() != null ? start.ledger() : new Ledger(data.ledgerConfig());
            try
            {
                new Replayer().replay(reader, ledger, start.coveredSequence(), "dump", new Replayer.Hook()
                {
                    @Override
                    public void afterEntry(final Command command)
                    {
                        printChanges(command);
                    }
                });
            }
            catch (final Enough stop)
            {
                // --limit reached: what follows would not be printed.
                return 0;
            }
        }
        return 0;
    }

    /** @return the sequence of the first entry at or after {@code fromMillis}, or Long.MAX_VALUE if none. */
    private static long firstSequenceAtOrAfter(final JournalReader reader, final long fromMillis)
    {
        if (fromMillis == Long.MIN_VALUE)
        {
            return 1;
        }
        reader.seekAfter(0);
        final Command entry = new Command();
        JournalReader.Status status;
        while ((status = reader.next(entry)) != JournalReader.Status.END)
        {
            if (status == JournalReader.Status.ENTRY && entry.timestampMillis >= fromMillis)
            {
                return entry.sequence;
            }
        }
        return Long.MAX_VALUE;
    }

    private void printChanges(final Command command)
    {
        final PublishedChanges changes = command.result.published();
        if (changes.count() == 0 || !filter.matches(command))
        {
            return;
        }
        String described = null;
        for (int i = 0; i < changes.count(); i++)
        {
            if (!channel.equals(changes.channel(i)) || (listing != null && !listing.equals(changes.listingId(i)))
                || (code != null && !code.equals(changes.sku(i))))
            {
                continue;
            }
            if (described == null)
            {
                described = format.describe(command);
            }
            out.append(Instant.ofEpochMilli(command.timestampMillis).toString()).append("  seq=")
                .append(Long.toString(command.sequence)).append("  ").append(changes.channel(i)).append('/')
                .append(changes.listingId(i)).append(' ').append(changes.sku(i)).append("  ")
                .append(Long.toString(changes.previous(i))).append(" -> ").append(Long.toString(changes.published(i)))
                .append("  ").append(described).println();
            if (++printed >= limit)
            {
                throw new Enough();
            }
        }
    }
}
