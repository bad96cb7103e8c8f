package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.CommandResult;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The engine's one encoding of a whole {@link CommandResult}, for a result that travels between processes
 * (a cluster's answer to a client that has no replica of its own). The bytes are those a ledger snapshot
 * holds for a remembered result (layout in {@code ResultSnapshot}: code, detail, sequence, levels,
 * reservation, short lines, channel parts), followed by the digest and sizes a digest or stats query answers
 * (five int64: digest, cellCount, openReservations, closedReservations, idempotencyKeys). The change feed's
 * records ({@link CommandResult#changes()}, {@link CommandResult#published()}) are not carried: they are the
 * replica's, never a client's. Stateless; any thread.
 */
public final class ResultCodec
{
    private static final int STATS_BYTES = 5 * Long.BYTES;

    private ResultCodec()
    {
    }

    /**
     * Writes {@code result} at {@code offset}.
     *
     * @return the number of bytes written.
     */
    public static int encode(final CommandResult result, final ExpandableArrayBuffer buffer, final int offset)
    {
        final SnapshotBytes.Writer out = new SnapshotBytes.Writer(buffer, offset);
        ResultSnapshot.write(out, result);
        out.putLong(result.digest());
        out.putLong(result.cellCount());
        out.putLong(result.openReservations());
        out.putLong(result.closedReservations());
        out.putLong(result.idempotencyKeys());
        return out.position - offset;
    }

    /**
     * Replaces {@code into} with the result {@link #encode} wrote in {@code buffer[offset, offset + length)}.
     *
     * @throws IllegalStateException or IndexOutOfBoundsException when the bytes are not one whole result.
     */
    public static void decode(final DirectBuffer buffer, final int offset, final int length, final CommandResult into)
    {
        if (length < STATS_BYTES)
        {
            throw new IllegalStateException("a result of " + length + " bytes is shorter than its sizes");
        }
        final SnapshotBytes.Reader in = new SnapshotBytes.Reader(buffer, offset, length - STATS_BYTES);
        ResultSnapshot.read(in, into);
        if (in.remaining() != 0)
        {
            throw new IllegalStateException(in.remaining() + " bytes after the result");
        }
        final int stats = offset + length - STATS_BYTES;
        into.stats(buffer.getLong(stats), buffer.getLong(stats + Long.BYTES), buffer.getLong(stats + 2 * Long.BYTES),
            buffer.getLong(stats + 3 * Long.BYTES), buffer.getLong(stats + 4 * Long.BYTES));
    }
}
