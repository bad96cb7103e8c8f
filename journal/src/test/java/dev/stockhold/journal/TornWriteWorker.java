package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.codec.JournalCodec;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalWriter;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;

/**
 * Dies in the middle of writing a journal entry, holding Chronicle's write lock, as a crash would: writes
 * {@code count} whole entries, then half of the next one, then halts the JVM without any cleanup.
 * Arguments: journal directory, count.
 */
public final class TornWriteWorker
{
    private TornWriteWorker()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int count = Integer.parseInt(args[1]);
        final JournalQueue queue = JournalQueue.open(Path.of(args[0]), SystemTimeProvider.INSTANCE, false);
        final JournalWriter writer = new JournalWriter(queue, Durability.MMAP, 0);
        writer.onStart();
        final Command command = new Command();
        for (int i = 1; i <= count; i++)
        {
            command.setStock().items.add("SKU-" + i, "WH", i, Command.ABSENT, Command.ABSENT, Command.ABSENT);
            command.sequence = i;
            writer.onCommand(command, true);
        }
        command.receive("SKU-1", "WH", 1).sequence = count + 1;
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = new JournalCodec().encode(command, buffer);
        final ExcerptAppender appender = queue.chronicle().createAppender();
        final DocumentContext dc = appender.writingDocument();
        dc.wire().bytes().write(buffer.byteArray(), 0, length / 2);
        System.out.println("HALF-WRITTEN");
        System.out.flush();
        Runtime.getRuntime().halt(137);
    }
}
