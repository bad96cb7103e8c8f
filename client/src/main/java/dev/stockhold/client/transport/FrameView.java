package dev.stockhold.client.transport;

import io.netty.buffer.ByteBuf;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One frame's bytes inside a Netty buffer, seen as an Agrona buffer for the SBE decoders: the Netty buffer's own
 * memory when it has an address or an array, else a copy into an array kept for the next frame. Both ends of a
 * connection cut frames with it (the client its answers, the server its requests). Not thread-safe: one per
 * connection, used on its event loop.
 */
public final class FrameView
{
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private byte[] copy = new byte[0];

    /**
     * @return the {@code length} bytes at {@code index} of {@code in}; valid until the next call, and no longer
     * than {@code in} holds them.
     */
    public DirectBuffer wrap(final ByteBuf in, final int index, final int length)
    {
        if (in.hasMemoryAddress())
        {
            frame.wrap(in.memoryAddress() + index, length);
        }
        else if (in.hasArray())
        {
            frame.wrap(in.array(), in.arrayOffset() + index, length);
        }
        else
        {
            if (copy.length < length)
            {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            in.getBytes(index, copy, 0, length);
            frame.wrap(copy, 0, length);
        }
        return frame;
    }
}
