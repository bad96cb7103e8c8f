package dev.stockhold.gateway.binary.client;

import dev.stockhold.gateway.binary.FrameOutbox;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.util.List;

/** The client's event loop side: cuts frames and hands each answer to the client. */
final class ClientInbound extends ByteToMessageDecoder
{
    private static final System.Logger LOG = System.getLogger(ClientInbound.class.getName());

    private final StockholdClient client;
    private final int maxFrameLength;
    private final ReplyDecoder decoder = new ReplyDecoder();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private byte[] copy = new byte[0];

    ClientInbound(final StockholdClient client, final int maxFrameLength)
    {
        this.client = client;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out)
        throws IOException
    {
        while (in.readableBytes() >= FrameOutbox.LENGTH_FIELD)
        {
            final int index = in.readerIndex();
            final int length = in.getIntLE(index);
            if (length < 0 || length > maxFrameLength)
            {
                throw new IOException("bad frame length from server: " + length);
            }
            if (in.readableBytes() < FrameOutbox.LENGTH_FIELD + length)
            {
                return;
            }
            wrap(in, index + FrameOutbox.LENGTH_FIELD, length);
            int offset = 0;
            while (offset < length)
            {
                client.onAnswer(decoder, frame, offset);
                offset = decoder.end();
            }
            in.skipBytes(FrameOutbox.LENGTH_FIELD + length);
        }
    }

    private void wrap(final ByteBuf in, final int index, final int length)
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
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // A broken answer stream cannot be resynchronised: close, which fails every request in flight.
        LOG.log(System.Logger.Level.WARNING, "event=client_connection_failed remote=" + ctx.channel().remoteAddress()
            + " action=close", cause);
        ctx.close();
    }
}
