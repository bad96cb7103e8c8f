package dev.stockhold.journal.cli;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.logging.VersionProvider;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code journal stats}: entries, bytes, bytes per entry, entries per day and per command type. */
@CommandLine.Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Counts journal entries and bytes: in total, per command type and per day (UTC).")
final class StatsCommand implements Callable<Integer>
{
    @Mixin
    DataDirOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final Map<LocalDate, long[]> perDay = new TreeMap<>();
        final Map<CommandType, long[]> perType = new EnumMap<>(CommandType.class);
        long entries = 0;
        long bytes = 0;
        long undecodable = 0;
        long documents = 0;
        long files = 0;
        long fileBytes = 0;
        try (JournalQueue queue = JournalQueue.open(data.config().journalDir(), SystemTimeProvider.INSTANCE, true);
             JournalReader reader = new JournalReader(queue))
        {
            for (final Long cycle : queue.cycles())
            {
                files++;
                fileBytes += Files.size(queue.cycleFile(cycle.intValue()));
            }
            final Command command = new Command();
            JournalReader.Status status;
            while ((status = reader.next(command)) != JournalReader.Status.END)
            {
                final long entryBytes = reader.entryLength() + JournalReader.ENTRY_FRAMING_BYTES;
                bytes += entryBytes;
                if (status == JournalReader.Status.TORN)
                {
                    undecodable++;
                    continue;
                }
                entries++;
                final LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(command.timestampMillis),
                    ZoneOffset.UTC);
                add(perDay.computeIfAbsent(day, d -> new long[2]), entryBytes);
                add(perType.computeIfAbsent(command.type, t -> new long[2]), entryBytes);
            }
            documents = reader.documentsRead();
        }
        bytes += documents * JournalReader.BATCH_OVERHEAD_BYTES;
        out.printf("entries: %,d (undecodable: %,d) in %,d batches%n", entries, undecodable, documents);
        out.printf("bytes: %,d, framing and Chronicle's headers included, %.1f bytes/entry%n", bytes,
            entries == 0 ? 0.0 : (double)bytes / (entries + undecodable));
        out.printf("files: %,d daily files, %,d bytes apparent size (sparse: disk use is about the entry bytes)%n",
            files, fileBytes);
        out.println("per type:");
        perType.forEach((type, v) -> out.printf("  %-10s %,12d entries %,14d bytes %8.1f bytes/entry%n", type, v[0],
            v[1], (double)v[1] / v[0]));
        out.println("per day (UTC):");
        perDay.forEach((day, v) -> out.printf("  %s %,12d entries %,14d bytes%n", day, v[0], v[1]));
        return 0;
    }

    private static void add(final long[] counts, final long bytes)
    {
        counts[0]++;
        counts[1] += bytes;
    }
}
