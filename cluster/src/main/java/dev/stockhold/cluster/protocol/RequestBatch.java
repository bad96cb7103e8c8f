package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.BatchDecoder;
import dev.stockhold.cluster.sbe.BatchEncoder;
import dev.stockhold.cluster.sbe.MessageHeaderDecoder;
import dev.stockhold.cluster.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Several Requests of one client in one ingress message ({@code Batch}), so that the cluster appends, replicates,
 * commits and hands to the engine one log entry where it would have handled one per command: under load each of
 * those steps costs about as much for an entry of thirty commands as for one. The engine applies the Requests in
 * order, each as if it had come alone.
 * <p>
 * Layout: the message header, then the {@code requests} data field: a uint32 length and, one after another, each
 * Request as a uint32 length (little-endian) and the whole message. A batch is read only when its every length
 * fits exactly, so a broken one is refused whole, the same way on every member.
 * <p>
 * Not thread-safe: a writer belongs to the client's thread, a reader to the clustered service's thread.
 */
public final class RequestBatch
{
    /**
     * The most bytes of Requests one batch carries: a few network frames; {@code -Dstockhold.cluster.batchBytes}
     * changes it (0: every command travels alone).
     */
    public static final int MAX_REQUEST_BYTES = Integer.getInteger("stockhold.cluster.batchBytes", 4 * 1024);
    /** Receives each Request of a batch. */
    public interface RequestSink
    {
        /** One Request, whole, at {@code buffer[offset, offset + length)}; valid only during the call. */
        void onRequest(DirectBuffer buffer, int offset, int length);
    }

    private static final int DATA_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + BatchEncoder.BLOCK_LENGTH;
    private static final int FIRST_REQUEST_OFFSET = DATA_OFFSET + Integer.BYTES;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BatchEncoder encoder = new BatchEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MutableDirectBuffer buffer = new ExpandableArrayBuffer(FIRST_REQUEST_OFFSET + MAX_REQUEST_BYTES
        + Integer.BYTES);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private int limit;
    private int count;

    /** Starts an empty batch. */
    public void begin()
    {
        encoder.wrapAndApplyHeader(buffer, 0, header);
        limit = FIRST_REQUEST_OFFSET;
        count = 0;
    }

    /**
     * Adds a whole Request message.
     *
     * @return false, adding nothing, when it would take the batch past {@link #MAX_REQUEST_BYTES}.
     */
    public boolean add(final byte[] request)
    {
        if (limit + Integer.BYTES + request.length - FIRST_REQUEST_OFFSET > MAX_REQUEST_BYTES)
        {
            return false;
        }
        buffer.putInt(limit, request.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(limit + Integer.BYTES, request);
        limit += Integer.BYTES + request.length;
        count++;
        return true;
    }

    /** @return how many Requests the batch holds. */
    public int count()
    {
        return count;
    }

    /** Ends the batch; @return its encoded length, the message in {@link #buffer()} from 0. */
    public int finish()
    {
        buffer.putInt(DATA_OFFSET, limit - FIRST_REQUEST_OFFSET, ByteOrder.LITTLE_ENDIAN);
        return limit;
    }

    /** @return the buffer the batch is written to. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return true when the message at {@code buffer[offset, offset + length)} is a batch (whether readable or not). */
    public boolean isBatch(final DirectBuffer message, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        headerDecoder.wrap(message, offset);
        return headerDecoder.schemaId() == MessageHeaderDecoder.SCHEMA_ID
            && headerDecoder.templateId() == BatchDecoder.TEMPLATE_ID;
    }

    /**
     * Hands each Request of the batch at {@code buffer[offset, offset + length)} to {@code sink}, in order, once
     * every length in it was found to fit.
     *
     * @return false, handing nothing, when the batch is unreadable.
     */
    public boolean forEach(final DirectBuffer message, final int offset, final int length, final RequestSink sink)
    {
        if (!isBatch(message, offset, length) || headerDecoder.blockLength() != BatchDecoder.BLOCK_LENGTH
            || length < FIRST_REQUEST_OFFSET)
        {
            return false;
        }
        view.wrap(message, offset, length);
        final long dataLength = view.getInt(DATA_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        if (FIRST_REQUEST_OFFSET + dataLength != length || !lengthsFit(length))
        {
            return false;
        }
        for (int at = FIRST_REQUEST_OFFSET; at < length; )
        {
            final int requestLength = view.getInt(at, ByteOrder.LITTLE_ENDIAN);
            sink.onRequest(view, at + Integer.BYTES, requestLength);
            at += Integer.BYTES + requestLength;
        }
        return true;
    }

    /** @return true when the Requests' lengths, walked from the first, end exactly at {@code length}. */
    private boolean lengthsFit(final int length)
    {
        int at = FIRST_REQUEST_OFFSET;
        while (at < length)
        {
            if (at + Integer.BYTES > length)
            {
                return false;
            }
            final long requestLength = view.getInt(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
            if (requestLength == 0 || at + Integer.BYTES + requestLength > length)
            {
                return false;
            }
            at += Integer.BYTES + (int)requestLength;
        }
        return at == length;
    }
}
