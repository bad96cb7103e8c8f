package dev.stockhold.journal.cli;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.logging.VersionProvider;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code journal dump}: every entry as a line of text, optionally filtered. */
@CommandLine.Command(name = "dump", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Prints journal entries, one per line: time, sequence, client, request id, idempotency key,"
        + " command. Filters combine with AND.")
final class DumpCommand implements Callable<Integer>
{
    @Mixin
    DataDirOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sku", description = "Only entries that name this SKU.")
    String sku;

    @Option(names = "--warehouse", description = "Only entries that name this warehouse.")
    String warehouse;

    @Option(names = "--order", description = "Only entries of this order id.")
    String order;

    @Option(names = "--channel",
        description = "Only entries of this channel: its rules, listings, allocations, locks and push deliveries.")
    String channel;

    @Option(names = "--client", description = "Only entries of this client (API key id).")
    Integer client;

    @Option(names = "--from", paramLabel = "TIME",
        description = "Only entries at or after TIME: ISO-8601 (2026-11-23T10:00:00Z) or epoch milliseconds.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only entries before TIME.")
    String to;

    @Option(names = "--limit", description = "Stop after this many entries printed (default: all).")
    long limit = Long.MAX_VALUE;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final EntryFilter filter = new EntryFilter(sku, warehouse, order, channel, client, from, to);
        final EntryFormat format = new EntryFormat();
        long printed = 0;
        try (JournalQueue queue = JournalQueue.open(data.config().journalDir(), SystemTimeProvider.INSTANCE, true);
             JournalReader reader = new JournalReader(queue))
        {
            final Command command = new Command();
            JournalReader.Status status;
            while (printed < limit && (status = reader.next(command)) != JournalReader.Status.END)
            {
                if (status == JournalReader.Status.TORN)
                {
                    out.println("# undecodable entry at index " + Long.toHexString(reader.entryIndex()) + ": "
                        + reader.lastError());
                }
                else if (filter.matches(command))
                {
                    out.println(format.format(command));
                    printed++;
                }
            }
        }
        return 0;
    }
}
