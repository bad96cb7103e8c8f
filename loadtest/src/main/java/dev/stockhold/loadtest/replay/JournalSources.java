package dev.stockhold.loadtest.replay;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import net.openhft.chronicle.core.time.SystemTimeProvider;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a recorded journal as a {@link CommandSource}, read-only, with the journal module's reader. */
public final class JournalSources
{
    private JournalSources()
    {
    }

    /**
     * @param dir a server's data directory (holding {@code journal/}) or the journal directory itself.
     * @throws IllegalArgumentException when there is no journal there.
     */
    public static CommandSource open(final Path dir)
    {
        final Path journalDir = Files.isDirectory(dir.resolve("journal")) ? dir.resolve("journal") : dir;
        if (!Files.isDirectory(journalDir))
        {
            throw new IllegalArgumentException("no journal in " + dir);
        }
        final JournalQueue queue = JournalQueue.open(journalDir, SystemTimeProvider.INSTANCE, true);
        final JournalReader reader = new JournalReader(queue);
        return new CommandSource()
        {
            @Override
            public boolean next(final Command into)
            {
                JournalReader.Status status;
                // A torn entry (a crash mid-write) was never acknowledged: the recorded run never answered it.
                while ((status = reader.next(into)) == JournalReader.Status.TORN)
                {
                    continue;
                }
                return status == JournalReader.Status.ENTRY;
            }

            @Override
            public void close()
            {
                reader.close();
                queue.close();
            }
        };
    }
}
