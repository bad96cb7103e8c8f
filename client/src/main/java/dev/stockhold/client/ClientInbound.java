package dev.stockhold.client;

import dev.stockhold.client.transport.FrameOutbox;
import dev.stockhold.client.transport.FrameView;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.util.List;

/** The client's event loop side of one connection: cuts frames and hands each answer on. */
final class ClientInbound extends ByteToMessageDecoder
{
    /** Takes the answers of one connection, on its event loop. */
    interface AnswerSink
    {
        /**
         * Handles the message at {@code offset} of {@code frame}, with {@code decoder}.
         *
         * @return the offset just past it.
         */
        int onAnswer(ReplyDecoder decoder, DirectBuffer frame, int offset);
    }

    private static final System.Logger LOG = System.getLogger(ClientInbound.class.getName());

    private final AnswerSink sink;
    private final int maxFrameLength;
    private final ReplyDecoder decoder = new ReplyDecoder();
    private final FrameView frames = new FrameView();

    ClientInbound(final AnswerSink sink, final int maxFrameLength)
    {
        this.sink = sink;
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
            final DirectBuffer frame = frames.wrap(in, index + FrameOutbox.LENGTH_FIELD, length);
            int offset = 0;
            while (offset < length)
            {
                offset = sink.onAnswer(decoder, frame, offset);
            }
            in.skipBytes(FrameOutbox.LENGTH_FIELD + length);
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // A broken answer stream cannot be resynchronised: close; the client fails what was in flight on it.
        LOG.log(System.Logger.Level.WARNING, "event=client_connection_failed remote=" + ctx.channel().remoteAddress()
            + " action=close", cause);
        ctx.close();
    }
}
