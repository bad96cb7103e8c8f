package dev.stockhold.gateway.feed;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.pipeline.CommandStage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import org.agrona.ExpandableArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP change feeds: the stock feed ({@code /v1/changes}, one server-sent event per command that changed
 * stock) and each channel's feed ({@code /v1/channels/{c}/changes}, one event per command that changed a
 * published quantity of that channel), in engine order.
 * <p>
 * As the responder's observer it appends one {@link ChangeRecord} per command that changed anything to the
 * durable {@link ChangeLog}, encodes each stream's event from it ({@link SseEvents}) once per feed, and sends
 * it to every live stream of that feed. A new stream first replays the log on a catch-up thread
 * ({@link FeedReplay}, from {@code after}), then is handed to the responder, which sends whatever was appended meanwhile from
 * {@link RecentEvents} and makes it live: no gap, no duplicate, and a resumed event is the very bytes
 * the live one was, encoded from the same record. A stream that falls more than its buffer behind is
 * dropped, so a slow client never holds up the responder.
 * <p>
 * Threads: recovery's {@link #catchUp} runs on the start-up thread and is closed before the pipeline starts;
 * from then on the responder owns the encoder, the recent events and a change-log writer of its own, which
 * it closes in {@link #onShutdown}. (Starting the stage thread publishes the start-up thread's writes to it.)
 */
public final class ChangeFeed implements CommandStage, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ChangeLog log;
    private final int bufferBytes;
    private final ConcurrentLinkedQueue<FeedSubscriber> handOver = new ConcurrentLinkedQueue<>();
    private final FeedReplay replay;
    /** Live streams of the stock feed. */
    private final List<FeedSubscriber> live = new ArrayList<>();
    /** Live streams of each channel's feed, by channel code. */
    private final Map<String, List<FeedSubscriber>> liveByChannel = new HashMap<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final RecentEvents recent = new RecentEvents(4096);
    private final ChangeRecord record = new ChangeRecord();
    /** A record read back from {@link #recent}, for a stream being handed over. */
    private final ChangeRecord recentRecord = new ChangeRecord();
    private final ExpandableArrayBuffer recordBytes = new ExpandableArrayBuffer(1024);
    private final ByteBuf event = Unpooled.buffer(1024);
    private ChangeLog.Writer writer;
    private long lastSequence;
    private boolean sawCommand;
    /** The log held no record when the position was set ({@link #start}), on the start-up thread. */
    private boolean startedEmpty;
    /**
     * The log knows nothing at or before this sequence unless it holds a record of it: what resuming from an
     * earlier point with an empty log answers (ERR_GONE). Written before streams exist or by the responder;
     * read by the catch-up threads.
     */
    private volatile long knownAfter = -1;

    /**
     * @param log         the durable log, opened.
     * @param bufferBytes bytes queued for one stream before it is dropped as too slow.
     */
    public ChangeFeed(final ChangeLog log, final int bufferBytes)
    {
        this.log = log;
        this.bufferBytes = bufferBytes;
        this.replay = new FeedReplay(log, () -> knownAfter, handOver::offer);
    }

    /**
     * Sets the position once recovery has finished, before the pipeline starts.
     *
     * @param firstSequence the engine sequence the next command will get: when the log is empty, what
     *                      came before it is unknown to the log, so resuming before it is ERR_GONE.
     */
    public void start(final long firstSequence)
    {
        final long newest = log.lastSequence();
        lastSequence = newest >= 0 ? newest : firstSequence - 1;
        knownAfter = lastSequence;
        startedEmpty = newest < 0;
    }

    /** @return the number of open streams, for metrics. */
    public int streams()
    {
        return streams.get();
    }

    /**
     * Starts a stream of the stock feed on {@code channel}: replays events after {@code after} (or starts
     * with the next event when {@code after} is negative), then follows the live feed. Any thread.
     */
    public void subscribe(final Channel channel, final long after)
    {
        subscribe(channel, null, after);
    }

    /**
     * Starts a stream on {@code channel} of {@code salesChannel}'s feed (null: the stock feed), as
     * {@link #subscribe(Channel, long)}. The caller has checked that the sales channel exists. Any thread.
     */
    public void subscribe(final Channel channel, final String salesChannel, final long after)
    {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(bufferBytes / 2, bufferBytes));
        streams.incrementAndGet();
        channel.closeFuture().addListener(f -> streams.decrementAndGet());
        final FeedSubscriber subscriber = new FeedSubscriber(channel, salesChannel,
            after < 0 ? FeedSubscriber.FROM_NOW : after);
        replay.start(subscriber);
    }

    /** Keeps an idle stream open through proxies. Event loop of {@code channel}. */
    public void heartbeat(final Channel channel)
    {
        if (FeedReplay.isStreaming(channel))
        {
            channel.writeAndFlush(Unpooled.wrappedBuffer(HEARTBEAT));
        }
    }

    /** Responder thread: logs the record of every command that changed anything and sends its events. */
    @Override
    public void onCommand(final Command command, final boolean endOfBatch)
    {
        takeOver();
        if (writer == null)
        {
            writer = log.writer();
        }
        if (logEvent(command, writer))
        {
            broadcast(record.of(command));
        }
    }

    /** Responder thread, as its stage stops: releases its change-log writer. */
    @Override
    public void onShutdown()
    {
        if (writer != null)
        {
            writer.close();
            writer = null;
        }
    }

    /**
     * Start-up thread, before the pipeline starts and before anyone can subscribe: a hook for recovery's
     * replay that logs the events of the commands the change log lacks. A crash can land between a command's
     * journal entry and its change event (the journal is written first); this closes that gap, so a resumed
     * feed never misses an event. Close it on the same thread once recovery is done.
     */
    public ChangeLogCatchUp catchUp()
    {
        start(1);
        return new ChangeLogCatchUp(this, log);
    }

    /** @return true when {@code command} changed anything and its record was logged and kept in memory. */
    boolean logEvent(final Command command, final ChangeLog.Writer into)
    {
        if (!sawCommand)
        {
            sawCommand = true;
            if (startedEmpty)
            {
                // An empty log (a new data directory, or one whose log was started afresh) knows nothing before
                // the first command this process passes it: its first record says so, and resuming from an
                // earlier point is ERR_GONE rather than a silent gap.
                lastSequence = Math.max(lastSequence, command.sequence - 1);
                knownAfter = lastSequence;
            }
        }
        if (!ChangeRecord.changedAnything(command))
        {
            return false;
        }
        final long sequence = command.sequence;
        final int length = record.of(command).encode(recordBytes);
        into.append(sequence, lastSequence, recordBytes.byteArray(), length);
        recent.add(sequence, lastSequence, recordBytes.byteArray(), length);
        lastSequence = sequence;
        return true;
    }

    /** Sends the record's events: the stock feed's to its streams, each channel's to that channel's streams. */
    private void broadcast(final ChangeRecord changed)
    {
        if (!live.isEmpty() && encode(changed, null))
        {
            sendToAll(live, changed.sequence());
        }
        if (liveByChannel.isEmpty())
        {
            return;
        }
        final int count = changed.listings().count();
        for (int i = 0; i < count; i = changed.listings().endOfChannel(i))
        {
            final List<FeedSubscriber> streamsOfChannel = liveByChannel.get(changed.listings().channel(i));
            if (streamsOfChannel != null && !streamsOfChannel.isEmpty()
                && encode(changed, changed.listings().channel(i)))
            {
                sendToAll(streamsOfChannel, changed.sequence());
            }
        }
    }

    /** Encodes one feed's event into {@link #event}; @return false when the record has nothing for it. */
    private boolean encode(final ChangeRecord changed, final String salesChannel)
    {
        event.clear();
        return SseEvents.encode(changed, salesChannel, event);
    }

    private void sendToAll(final List<FeedSubscriber> subscribers, final long sequence)
    {
        final ByteBuf shared = Unpooled.directBuffer(event.readableBytes()).writeBytes(event, event.readerIndex(),
            event.readableBytes());
        for (int i = subscribers.size() - 1; i >= 0; i--)
        {
            final FeedSubscriber subscriber = subscribers.get(i);
            if (sequence <= subscriber.lastSent)
            {
                continue;
            }
            if (send(subscriber, shared.retainedDuplicate()))
            {
                subscriber.lastSent = sequence;
            }
            else
            {
                subscribers.remove(i);
            }
        }
        shared.release();
    }

    /** Writes to a live stream; @return false (and drops it) when it is closed or too far behind. */
    private boolean send(final FeedSubscriber subscriber, final ByteBuf bytes)
    {
        final Channel channel = subscriber.channel;
        if (!channel.isActive())
        {
            bytes.release();
            return false;
        }
        if (!channel.isWritable())
        {
            bytes.release();
            LOG.info("event=feed_client_dropped remote={} reason=too_slow lastSent={}", channel.remoteAddress(),
                subscriber.lastSent);
            channel.close();
            return false;
        }
        channel.writeAndFlush(bytes, channel.voidPromise());
        return true;
    }

    /** Responder thread: makes replayed streams live, sending what was appended since their replay. */
    private void takeOver()
    {
        FeedSubscriber subscriber;
        while ((subscriber = handOver.poll()) != null)
        {
            if (!subscriber.channel.isActive())
            {
                continue;
            }
            if (subscriber.lastSent == FeedSubscriber.FROM_NOW)
            {
                subscriber.lastSent = lastSequence;
            }
            else if (subscriber.lastSent < lastSequence && !sendRecent(subscriber))
            {
                continue;
            }
            if (subscriber.salesChannel == null)
            {
                live.add(subscriber);
            }
            else
            {
                liveByChannel.computeIfAbsent(subscriber.salesChannel, c -> new ArrayList<>()).add(subscriber);
            }
        }
    }

    private boolean sendRecent(final FeedSubscriber subscriber)
    {
        final int first = recent.firstAfter(subscriber.lastSent);
        if (first < 0)
        {
            // Fell behind memory while handing over: replay the log again from where it stopped.
            replay.start(subscriber);
            return false;
        }
        for (int i = first; i < recent.size(); i++)
        {
            recentRecord.decode(recent.sequence(i), recent.record(i), recent.length(i));
            final ByteBuf bytes = Unpooled.buffer(256);
            if (!SseEvents.encode(recentRecord, subscriber.salesChannel, bytes))
            {
                bytes.release();
            }
            else if (!send(subscriber, bytes))
            {
                return false;
            }
            subscriber.lastSent = recent.sequence(i);
        }
        return true;
    }

    /** Stops replays and closes every stream; the log is closed by its owner. */
    @Override
    public void close()
    {
        replay.close();
        for (final FeedSubscriber subscriber : live)
        {
            subscriber.channel.close();
        }
        live.clear();
        for (final List<FeedSubscriber> ofChannel : liveByChannel.values())
        {
            ofChannel.forEach(subscriber -> subscriber.channel.close());
        }
        liveByChannel.clear();
        event.release();
    }
}
