package dev.stockhold.gateway.http;

import io.netty.buffer.ByteBuf;

import java.io.OutputStream;

/**
 * An output stream that appends to whichever buffer it currently targets, so one JSON generator can be
 * reused for every answer a thread writes. One thread only.
 */
final class ByteBufSink extends OutputStream
{
    private ByteBuf target;

    void target(final ByteBuf target)
    {
        this.target = target;
    }

    @Override
    public void write(final int b)
    {
        target.writeByte(b);
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length)
    {
        target.writeBytes(bytes, offset, length);
    }
}
