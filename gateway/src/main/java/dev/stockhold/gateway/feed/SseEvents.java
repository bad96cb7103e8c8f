package dev.stockhold.gateway.feed;

import dev.stockhold.engine.command.PublishedChanges;
import dev.stockhold.gateway.http.Answers;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The server-sent event encoder of both HTTP feeds, from a {@link ChangeRecord}: the same record gives the
 * same bytes, so an event resumed from the change log is the very event a live stream received.
 * <pre>
 *   /v1/changes                   id: seq \n data: {"seq":n,"at":"…","levels":[…]} \n\n
 *   /v1/channels/{c}/changes      id: seq \n data: {"seq":n,"at":"…","listings":[…]} \n\n
 * </pre>
 * Stateless; any thread (the JSON writer is the calling thread's own).
 */
final class SseEvents
{
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseEvents()
    {
    }

    /**
     * Appends the event of {@code record} for a stream of {@code channel} (null: the stock feed) to {@code out}.
     *
     * @return false, writing nothing, when the record has nothing for that stream.
     */
    static boolean encode(final ChangeRecord record, final String channel, final ByteBuf out)
    {
        return channel == null ? changes(record, out) : channel(record, channel, out);
    }

    /** The stock feed's event: every changed cell; false when the command changed no cell. */
    static boolean changes(final ChangeRecord record, final ByteBuf out)
    {
        if (record.cells().count() == 0)
        {
            return false;
        }
        start(record, out);
        Answers.forThread().bodies().change(out, record.sequence(), record.atMillis(), record.cells());
        out.writeBytes(END);
        return true;
    }

    /** A channel feed's event: the channel's changed listings; false when the command changed none. */
    static boolean channel(final ChangeRecord record, final String channel, final ByteBuf out)
    {
        final int from = record.firstListingOf(channel);
        if (from < 0)
        {
            return false;
        }
        final PublishedChanges listings = record.listings();
        start(record, out);
        Answers.forThread().bodies().channelChange(out, record.sequence(), record.atMillis(), listings, from,
            listings.endOfChannel(from));
        out.writeBytes(END);
        return true;
    }

    private static void start(final ChangeRecord record, final ByteBuf out)
    {
        out.writeBytes(ID);
        writeNumber(out, record.sequence());
        out.writeBytes(DATA);
    }

    private static void writeNumber(final ByteBuf out, final long value)
    {
        if (value >= 10)
        {
            writeNumber(out, value / 10);
        }
        out.writeByte('0' + (int)(value % 10));
    }
}
