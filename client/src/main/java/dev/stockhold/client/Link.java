package dev.stockhold.client;

import dev.stockhold.client.transport.FrameOutbox;
import io.netty.channel.Channel;
import org.agrona.DirectBuffer;

import java.util.concurrent.CompletableFuture;

/**
 * One TCP connection of a client, from its connect to its close; a reconnection makes a new one. It is ready
 * once authenticated (at once without a key): only then do requests go out on it.
 */
final class Link implements ClientInbound.AnswerSink
{
    /** Requests are batched into frames of at most 64 KiB, well under the server's default 1 MiB limit. */
    private static final int REQUEST_FRAME_BYTES = 64 << 10;
    /** The most request bytes waiting for the event loop before a request is refused. */
    private static final long MAX_PENDING_BYTES = 256L << 20;
    /** No Authenticate was sent on this connection: no answer carries this correlation id. */
    static final long NOT_AUTHENTICATING = Long.MIN_VALUE + 1;

    /** Takes the answers of a connection, on its event loop. */
    interface Answers
    {
        /** @return the offset just past the message at {@code offset}. */
        int onAnswer(Link from, ReplyDecoder decoder, DirectBuffer frame, int offset);
    }

    final Channel channel;
    final FrameOutbox outbox;
    /** Completes once the connection is ready, or fails when it closes or its key is refused first. */
    final CompletableFuture<Void> whenReady;
    private final Answers answers;
    /** The correlation id of this connection's Authenticate; set before it is sent. */
    volatile long authCorrelationId = NOT_AUTHENTICATING;
    volatile boolean ready;

    Link(final Channel channel, final CompletableFuture<Void> whenReady, final Answers answers)
    {
        this.channel = channel;
        this.outbox = new FrameOutbox(channel, REQUEST_FRAME_BYTES, MAX_PENDING_BYTES);
        this.whenReady = whenReady;
        this.answers = answers;
    }

    @Override
    public int onAnswer(final ReplyDecoder decoder, final DirectBuffer frame, final int offset)
    {
        return answers.onAnswer(this, decoder, frame, offset);
    }
}
