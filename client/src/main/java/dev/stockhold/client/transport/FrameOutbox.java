package dev.stockhold.client.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.concurrent.RejectedExecutionException;

/**
 * Collects encoded messages for one connection into length-prefixed frames and hands them to the
 * channel's event loop, one write and one flush per batch.
 * <p>
 * Any thread may {@link #append}: the engine's responder thread (answers, change events), the event
 * loop itself (errors found while decoding), or a client's callers (requests). Messages pile up in one
 * pooled buffer; the first message after a hand-off schedules a single task on the event loop, which
 * takes the whole buffer and writes it. So a burst of answers becomes one frame and one system call,
 * without waiting for the engine's end of batch, and nothing is allocated per message once the buffer
 * pool is warm. The lock is held for a copy of one message, never for I/O, so the event loop never waits
 * for long.
 */
public final class FrameOutbox implements Runnable
{
    /** Length of the little-endian frame length that precedes every frame. */
    public static final int LENGTH_FIELD = 4;
    private static final int INITIAL_CAPACITY = 4096;

    private final Channel channel;
    private final int frameBytes;
    private final long maxPendingBytes;
    private ByteBuf pending;
    private int frameStart;
    private boolean flushScheduled;
    private boolean closed;

    /**
     * @param channel         the connection.
     * @param frameBytes      a frame is closed and the next one started before it would grow past this many
     *                        bytes (a single larger message gets a frame of its own): keep it at or below
     *                        the peer's frame limit.
     * @param maxPendingBytes the most bytes waiting for the event loop before {@link #append} refuses.
     */
    public FrameOutbox(final Channel channel, final int frameBytes, final long maxPendingBytes)
    {
        this.channel = channel;
        this.frameBytes = frameBytes;
        this.maxPendingBytes = maxPendingBytes;
    }

    /** @return the connection this outbox writes to. */
    public Channel channel()
    {
        return channel;
    }

    /**
     * Appends one encoded message (or several back to back) to the current frame. Thread-safe.
     *
     * @return false when the connection is closed or too far behind: the message was dropped.
     */
    public boolean append(final byte[] source, final int offset, final int length)
    {
        final boolean schedule;
        synchronized (this)
        {
            if (closed || (pending != null && pending.readableBytes() + length > maxPendingBytes))
            {
                return false;
            }
            if (pending == null)
            {
                pending = channel.alloc().directBuffer(Math.max(INITIAL_CAPACITY, length + LENGTH_FIELD));
                startFrame();
            }
            else if (pending.writerIndex() - frameStart > LENGTH_FIELD
                && pending.writerIndex() - frameStart - LENGTH_FIELD + length > frameBytes)
            {
                endFrame();
                startFrame();
            }
            pending.writeBytes(source, offset, length);
            schedule = !flushScheduled;
            flushScheduled = true;
        }
        if (schedule)
        {
            try
            {
                channel.eventLoop().execute(this);
            }
            catch (final RejectedExecutionException ex)
            {
                close();
                return false;
            }
        }
        return true;
    }

    /** Event loop only: writes and flushes what has been appended since the last run. */
    @Override
    public void run()
    {
        final ByteBuf frames;
        synchronized (this)
        {
            frames = pending;
            pending = null;
            flushScheduled = false;
            if (frames != null)
            {
                endFrame(frames);
            }
        }
        if (frames != null)
        {
            channel.writeAndFlush(frames, channel.voidPromise());
        }
    }

    /** Drops what is pending and refuses further messages; called when the connection closes. */
    public void close()
    {
        final ByteBuf dropped;
        synchronized (this)
        {
            closed = true;
            dropped = pending;
            pending = null;
        }
        if (dropped != null)
        {
            dropped.release();
        }
    }

    private void startFrame()
    {
        frameStart = pending.writerIndex();
        pending.writeIntLE(0);
    }

    private void endFrame()
    {
        endFrame(pending);
    }

    private void endFrame(final ByteBuf frames)
    {
        frames.setIntLE(frameStart, frames.writerIndex() - frameStart - LENGTH_FIELD);
    }
}
