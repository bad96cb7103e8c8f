package dev.stockhold.journal.cli;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.logging.VersionProvider;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code journal dump}: every entry as a line of text, optionally filtered. */
@CommandLine.Command(name = "dump", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Prints journal entries, one per line: time, sequence, client, request id, idempotency key,"
        + " command. Filters combine with AND.",
        "With --channel and --published (or --listing): the history of published quantities instead. The journal"
            + " is replayed into a ledger"
            + " (from the newest readable snapshot that precedes --from, else from the start) and every change of"
            + " a published quantity of the channel's listings (--listing: of that listing) is printed, binds"
            + " and unbinds included: time, sequence, channel/listing, the SKU or kit it is bound to,"
            + " before -> after, and the command that changed it. There --sku names the listing's SKU or kit,"
            + " the other filters the command, and --limit counts the lines printed."})
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

    @Option(names = "--published",
        description = "With --channel: print the published quantities of the channel's listings as they changed,"
            + " instead of entries.")
    boolean published;

    @Option(names = "--listing", paramLabel = "L",
        description = "With --channel: the published quantities of listing L of the channel (implies --published).")
    String listing;

    @Option(names = "--limit", description = "Stop after this many entries printed (default: all).")
    long limit = Long.MAX_VALUE;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (listing != null && channel == null)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--listing needs --channel");
        }
        if (published && channel == null)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--published needs --channel");
        }
        if (published || listing != null)
        {
            return new PublishedDump(data, channel, listing, sku,
                new EntryFilter(null, warehouse, order, null, client, from, to), limit, out).run();
        }
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
