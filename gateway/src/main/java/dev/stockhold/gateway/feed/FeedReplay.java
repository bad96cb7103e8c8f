package dev.stockhold.gateway.feed;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.threads.NamedThreads;
import dev.stockhold.gateway.http.Answers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The start of a change-feed stream, on a catch-up thread: sends the event-stream header, replays the
 * {@link ChangeLog} after the stream's position in batches (waiting while the client reads), or answers
 * ERR_GONE when the log no longer holds what followed; then hands the stream to the responder, which makes it
 * live ({@link ChangeFeed}). A slow reader stalls its own catch-up thread, never the responder.
 */
final class FeedReplay implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(FeedReplay.class);
    /** Set on a channel once its stream's header is written: from then on it gets heartbeats. */
    private static final AttributeKey<Boolean> STREAMING = AttributeKey.valueOf("stockhold.feed.streaming");
    private static final byte[] HEADER = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
        + "Cache-Control: no-cache\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final int CATCH_UP_BATCH_BYTES = 32 * 1024;
    private static final long WRITABLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ChangeLog log;
    private final LongSupplier knownAfter;
    private final Consumer<FeedSubscriber> handOver;
    private final ExecutorService catchUp = Executors.newFixedThreadPool(2,
        NamedThreads.factory("stockhold-feed-catchup"));

    /**
     * @param log        the durable log, read here.
     * @param knownAfter the sequence at or before which the log knows nothing unless it holds a record of it.
     * @param handOver   takes a replayed stream to the responder; called on the catch-up thread.
     */
    FeedReplay(final ChangeLog log, final LongSupplier knownAfter, final Consumer<FeedSubscriber> handOver)
    {
        this.log = log;
        this.knownAfter = knownAfter;
        this.handOver = handOver;
    }

    /** Replays the log for {@code subscriber} from its {@code lastSent}, on a catch-up thread. Any thread. */
    void start(final FeedSubscriber subscriber)
    {
        catchUp.execute(() -> replay(subscriber));
    }

    /** @return true once {@code channel}'s stream header was written. */
    static boolean isStreaming(final Channel channel)
    {
        return Boolean.TRUE.equals(channel.attr(STREAMING).get());
    }

    /** Sends the header, replays the log after the stream's position, then hands the stream over. */
    private void replay(final FeedSubscriber subscriber)
    {
        final Channel channel = subscriber.channel;
        try
        {
            if (subscriber.lastSent == FeedSubscriber.FROM_NOW)
            {
                sendHeader(subscriber);
                handOver.accept(subscriber);
                return;
            }
            final ChangeRecord replayed = new ChangeRecord();
            try (ChangeLog.Reader reader = log.reader())
            {
                int position = reader.seekAfter(subscriber.lastSent);
                if (position == ChangeLog.Reader.GONE || (position == ChangeLog.Reader.AT_END
                    && subscriber.lastSent < knownAfter.getAsLong() && !reader.first()))
                {
                    // The log no longer holds what followed, or it is empty and began after that point.
                    gone(subscriber);
                    return;
                }
                sendHeader(subscriber);
                ByteBuf batch = null;
                while (position == ChangeLog.Reader.ON_ENTRY && channel.isActive())
                {
                    if (batch == null)
                    {
                        batch = channel.alloc().buffer(CATCH_UP_BATCH_BYTES + 4 * reader.length());
                    }
                    SseEvents.encode(reader.decode(replayed), subscriber.salesChannel, batch);
                    subscriber.lastSent = reader.sequence();
                    if (batch.readableBytes() >= CATCH_UP_BATCH_BYTES)
                    {
                        channel.writeAndFlush(batch, channel.voidPromise());
                        batch = null;
                        awaitWritable(channel);
                    }
                    position = reader.next() ? ChangeLog.Reader.ON_ENTRY : ChangeLog.Reader.AT_END;
                }
                if (batch != null)
                {
                    channel.writeAndFlush(batch, channel.voidPromise());
                }
            }
            handOver.accept(subscriber);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("event=feed_replay_failed remote={}", channel.remoteAddress(), ex);
            channel.close();
        }
    }

    private void sendHeader(final FeedSubscriber subscriber)
    {
        if (subscriber.headerSent)
        {
            return;
        }
        subscriber.headerSent = true;
        final Channel channel = subscriber.channel;
        channel.writeAndFlush(Unpooled.wrappedBuffer(HEADER))
            .addListener(f -> channel.attr(STREAMING).set(Boolean.TRUE));
    }

    private void gone(final FeedSubscriber subscriber)
    {
        final Channel channel = subscriber.channel;
        if (subscriber.headerSent)
        {
            channel.close();
            return;
        }
        final ByteBuf answer = Answers.forThread().problem(channel.alloc(), ErrorCode.GONE,
            "the change log no longer holds the events after " + subscriber.lastSent, null, true);
        channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    private static void awaitWritable(final Channel channel)
    {
        final long deadline = System.nanoTime() + WRITABLE_WAIT_NANOS;
        while (channel.isActive() && !channel.isWritable())
        {
            if (System.nanoTime() > deadline)
            {
                LOG.info("event=feed_client_dropped remote={} reason=replay_stalled", channel.remoteAddress());
                channel.close();
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Stops the replays under way. */
    @Override
    public void close()
    {
        catchUp.shutdownNow();
    }
}
