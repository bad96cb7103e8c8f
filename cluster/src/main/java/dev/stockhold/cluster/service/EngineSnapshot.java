package dev.stockhold.cluster.service;

import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The clustered engine's snapshot, as the messages it is written in on Aeron's snapshot publication.
 * Each message is a 4-byte kind, then its payload (little-endian):
 * <pre>
 *   BEGIN (1)  magic "SHCE" (4), format version (4), sequence (8), engineTimeMillis (8),
 *              flags (4: bit 0 the tick timer runs), ledger length (4), window length (4),
 *              then (version 2) the log position of each member's last snapshot it reported
 *              ({@link EngineState#MAX_MEMBERS} × 8; 0: none)
 *   CHUNK (2)  the next bytes of the body: the ledger's own snapshot ({@link Ledger#writeSnapshot}) followed by
 *              the exactly-once window ({@link CommandWindow#write}); each chunk fits one message
 *   END   (3)  CRC-32 of the body (8)
 * </pre>
 * The ledger part is byte for byte the single-process server's snapshot state, so the ledger reads it
 * with the same code. Used on the clustered service's thread only.
 */
final class EngineSnapshot
{
    static final int MAGIC = 0x45434853; // "SHCE" in little-endian byte order
    static final int VERSION = 2;
    /** The version before the members' snapshot positions: read as if none was reported. */
    static final int VERSION_WITHOUT_MEMBERS = 1;
    static final int BEGIN = 1;
    static final int CHUNK = 2;
    static final int END = 3;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int KIND_BYTES = Integer.BYTES;
    private static final int BEGIN_BYTES_WITHOUT_MEMBERS = KIND_BYTES + 4 + 4 + 8 + 8 + 4 + 4 + 4;
    private static final int BEGIN_BYTES = BEGIN_BYTES_WITHOUT_MEMBERS + EngineState.MAX_MEMBERS * Long.BYTES;
    private static final int FLAG_TICKING = 1;

    /** Where the snapshot's messages go: the snapshot publication, or a test's list. */
    @FunctionalInterface
    interface Sink
    {
        /** Sends one message; returns once it is sent. */
        void send(DirectBuffer buffer, int offset, int length);
    }

    private EngineSnapshot()
    {
    }

    /**
     * Writes {@code state} as BEGIN, CHUNKs of at most {@code maxMessageLength} bytes and END.
     *
     * @return the number of body bytes written.
     */
    static long write(final EngineState state, final int maxMessageLength, final Sink sink)
    {
        return write(state, new ExpandableArrayBuffer(1 << 16), maxMessageLength, sink, () -> { });
    }

    /**
     * Writes {@code state} as {@link #write(EngineState, int, Sink)} does, encoding the body into {@code body}
     * first: a buffer kept from the last snapshot spares allocating and growing hundreds of megabytes again.
     *
     * @param encoded called once the body is encoded, before the first message is sent.
     * @return the number of body bytes written.
     */
    static long write(final EngineState state, final ExpandableArrayBuffer body, final int maxMessageLength,
        final Sink sink, final Runnable encoded)
    {
        final int ledgerLength = state.ledger.writeSnapshot(body, 0);
        final int windowLength = state.window.write(body, ledgerLength);
        final int bodyLength = ledgerLength + windowLength;
        encoded.run();

        final UnsafeBuffer message = new UnsafeBuffer(new byte[Math.max(BEGIN_BYTES, maxMessageLength)]);
        message.putInt(0, BEGIN, LE);
        message.putInt(4, MAGIC, LE);
        message.putInt(8, VERSION, LE);
        message.putLong(12, state.sequence, LE);
        message.putLong(20, state.engineTimeMillis, LE);
        message.putInt(28, state.ticking ? FLAG_TICKING : 0, LE);
        message.putInt(32, ledgerLength, LE);
        message.putInt(36, windowLength, LE);
        for (int member = 0; member < EngineState.MAX_MEMBERS; member++)
        {
            message.putLong(BEGIN_BYTES_WITHOUT_MEMBERS + member * Long.BYTES, state.memberSnapshots[member], LE);
        }
        sink.send(message, 0, BEGIN_BYTES);

        final int chunkBytes = maxMessageLength - KIND_BYTES;
        final CRC32 crc = new CRC32();
        for (int offset = 0; offset < bodyLength; offset += chunkBytes)
        {
            final int length = Math.min(chunkBytes, bodyLength - offset);
            message.putInt(0, CHUNK, LE);
            message.putBytes(KIND_BYTES, body, offset, length);
            crc.update(message.byteArray(), KIND_BYTES, length);
            sink.send(message, 0, KIND_BYTES + length);
        }
        message.putInt(0, END, LE);
        message.putLong(KIND_BYTES, crc.getValue(), LE);
        sink.send(message, 0, KIND_BYTES + Long.BYTES);
        return bodyLength;
    }

    /** Reads a snapshot one message at a time, in the order {@link #write} sent them. */
    static final class Reader
    {
        private final ExpandableArrayBuffer body = new ExpandableArrayBuffer(1 << 16);
        private final CRC32 crc = new CRC32();
        private final byte[] scratch = new byte[1 << 12];
        private boolean begun;
        private boolean complete;
        private long sequence;
        private long engineTimeMillis;
        private int flags;
        private int ledgerLength;
        private int windowLength;
        private int received;
        private final long[] memberSnapshots = new long[EngineState.MAX_MEMBERS];

        /**
         * Takes the next message.
         *
         * @return true once the END message has been taken and checked.
         * @throws IllegalArgumentException when the messages are not a complete, intact snapshot of this format.
         */
        boolean onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            require(!complete && length >= KIND_BYTES, "message after the end");
            final int kind = buffer.getInt(offset, LE);
            switch (kind)
            {
                case BEGIN -> onBegin(buffer, offset, length);
                case CHUNK -> onChunk(buffer, offset + KIND_BYTES, length - KIND_BYTES);
                case END -> onEnd(buffer, offset, length);
                default -> throw new IllegalArgumentException("unknown snapshot message kind " + kind);
            }
            return complete;
        }

        private void onBegin(final DirectBuffer buffer, final int offset, final int length)
        {
            require(!begun && length >= BEGIN_BYTES_WITHOUT_MEMBERS, "a second or short BEGIN");
            require(buffer.getInt(offset + 4, LE) == MAGIC, "not a stockhold engine snapshot");
            final int version = buffer.getInt(offset + 8, LE);
            require(version == VERSION || version == VERSION_WITHOUT_MEMBERS, "unknown snapshot version");
            require(length == (version == VERSION ? BEGIN_BYTES : BEGIN_BYTES_WITHOUT_MEMBERS), "short BEGIN");
            for (int member = 0; version == VERSION && member < EngineState.MAX_MEMBERS; member++)
            {
                memberSnapshots[member] = buffer.getLong(offset + BEGIN_BYTES_WITHOUT_MEMBERS + member * Long.BYTES, LE);
            }
            sequence = buffer.getLong(offset + 12, LE);
            engineTimeMillis = buffer.getLong(offset + 20, LE);
            flags = buffer.getInt(offset + 28, LE);
            ledgerLength = buffer.getInt(offset + 32, LE);
            windowLength = buffer.getInt(offset + 36, LE);
            require(ledgerLength >= 0 && windowLength >= 0 && (long)ledgerLength + windowLength <= Integer.MAX_VALUE,
                "bad lengths");
            begun = true;
        }

        private void onChunk(final DirectBuffer buffer, final int offset, final int length)
        {
            require(begun && received + (long)length <= (long)ledgerLength + windowLength, "chunk out of place");
            body.putBytes(received, buffer, offset, length);
            for (int done = 0; done < length; done += scratch.length)
            {
                final int part = Math.min(scratch.length, length - done);
                buffer.getBytes(offset + done, scratch, 0, part);
                crc.update(scratch, 0, part);
            }
            received += length;
        }

        private void onEnd(final DirectBuffer buffer, final int offset, final int length)
        {
            require(begun && length == KIND_BYTES + Long.BYTES, "END out of place");
            require(received == ledgerLength + windowLength, "snapshot truncated");
            require(buffer.getLong(offset + KIND_BYTES, LE) == crc.getValue(), "snapshot checksum differs");
            complete = true;
        }

        /** @return true once the whole snapshot has been read and checked. */
        boolean isComplete()
        {
            return complete;
        }

        /**
         * Rebuilds the state the snapshot holds.
         *
         * @param config the ledger configuration the snapshot was taken with.
         * @param window an empty window to fill, with the node's retention and capacity.
         */
        EngineState state(final LedgerConfig config, final CommandWindow window)
        {
            require(complete, "snapshot incomplete");
            final Ledger ledger = Ledger.fromSnapshot(config, body, 0, ledgerLength);
            window.read(body, ledgerLength, windowLength);
            final EngineState state = new EngineState(ledger, window, sequence, engineTimeMillis,
                (flags & FLAG_TICKING) != 0);
            System.arraycopy(memberSnapshots, 0, state.memberSnapshots, 0, memberSnapshots.length);
            return state;
        }

        private static void require(final boolean condition, final String what)
        {
            if (!condition)
            {
                throw new IllegalArgumentException("bad engine snapshot: " + what);
            }
        }
    }
}
