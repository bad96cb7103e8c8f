package dev.stockhold.gateway.binary;

import dev.stockhold.client.transport.FrameOutbox;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.PublishedChanges;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.gateway.feed.ChangeRecord;

import java.util.Arrays;

/**
 * The change feeds of the binary protocol: every command's changed cells ({@code ChangeEvent}) to the
 * connections that subscribed to the stock feed, and a channel's changed listings ({@code ChannelChangeEvent})
 * to those that subscribed to that channel, in engine order. Both are encoded from the command's
 * {@link ChangeRecord}, live or replayed from the {@link ChangeHistory}.
 * <p>
 * Wire it as an observer of the pipeline's responder, after the change log's writer, and give it to the
 * {@link BinaryServer}. Everything here runs on the responder thread: a subscription passes through the ring
 * as a {@link dev.stockhold.engine.command.CommandType#MARK} (which reads nothing) and is registered when the
 * responder reaches it, between two commands: the subscriber gets every record after {@code afterSeq} the
 * history holds, then every live one. Each subscriber remembers the newest sequence it was given, so a record
 * is never sent twice (a cluster member replaying its log passes records the history already holds). A
 * subscriber whose connection falls more than its outbox limit behind is disconnected; it may resume with
 * {@code afterSeq}.
 */
public final class BinaryChangeFeed implements CommandStage
{
    private static final Subscriber[] NONE = new Subscriber[0];

    private final ChangeHistory history;
    private final ReplyEncoder encoder = new ReplyEncoder();
    private final ChangeRecord record = new ChangeRecord();
    private volatile Subscriber[] subscribers = NONE;
    private long lastChangeSeq;
    private long floorSeq = -1;

    /** A feed that resumes only from points it has not missed anything after. */
    public BinaryChangeFeed()
    {
        this(null);
    }

    /** @param history where resumed subscriptions find older records; may be null. */
    public BinaryChangeFeed(final ChangeHistory history)
    {
        this.history = history;
    }

    /** Responder thread: sends {@code command}'s events, if it changed anything, to every subscriber. */
    @Override
    public void onCommand(final Command command, final boolean endOfBatch)
    {
        if (floorSeq < 0)
        {
            // Events before the first command this feed saw happened before this process: only history has them.
            floorSeq = command.sequence - 1;
        }
        if (!ChangeRecord.changedAnything(command))
        {
            return;
        }
        lastChangeSeq = command.sequence;
        record.of(command);
        final Subscriber[] current = subscribers;
        for (int i = 0; i < current.length; i++)
        {
            send(current[i], record);
        }
    }

    /**
     * Responder thread: registers a subscriber of the stock feed ({@code salesChannel} null) or of one channel's
     * feed, answering SubscribeResult (then any replayed events) or ERR_GONE.
     *
     * @param afterSeq     the last sequence the subscriber has seen, or {@link Command#ABSENT} for "from now".
     * @param subscribeSeq the subscription's place in the engine order, acknowledged to the subscriber.
     */
    void subscribe(final FrameOutbox outbox, final long correlationId, final String salesChannel, final long afterSeq,
        final long subscribeSeq)
    {
        final boolean fromNow = afterSeq == Command.ABSENT;
        final boolean missedNothing = fromNow || (afterSeq >= lastChangeSeq && afterSeq >= floorSeq);
        if (!missedNothing && (history == null || !history.holdsAfter(afterSeq)))
        {
            gone(outbox, correlationId, subscribeSeq);
            return;
        }
        final Subscriber subscriber = new Subscriber(outbox, correlationId, salesChannel,
            fromNow ? lastChangeSeq : afterSeq);
        // All of this runs between two commands on the responder thread, so no live event can slip in
        // between the acknowledgement, the replayed events and the next live one.
        subscribers = Arrays.copyOf(subscribers, subscribers.length + 1);
        subscribers[subscribers.length - 1] = subscriber;
        final int length = encoder.encodeSubscribed(correlationId, subscribeSeq);
        outbox.append(encoder.buffer().byteArray(), 0, length);
        if (!missedNothing)
        {
            history.replay(afterSeq, replayed -> send(subscriber, replayed));
        }
    }

    /** @return the number of live subscribers, for metrics and tests; responder thread or a racy read. */
    public int subscriberCount()
    {
        return subscribers.length;
    }

    private void gone(final FrameOutbox outbox, final long correlationId, final long sequence)
    {
        final int length = encoder.encodeError(correlationId, sequence, ErrorCode.GONE,
            "change feed position no longer held", null);
        outbox.append(encoder.buffer().byteArray(), 0, length);
    }

    /** Sends the subscriber's event of {@code changed}, if it has one and has not been sent it already. */
    private void send(final Subscriber subscriber, final ChangeRecord changed)
    {
        if (changed.sequence() <= subscriber.lastSeq || subscriber.closed)
        {
            return;
        }
        subscriber.lastSeq = changed.sequence();
        final int length = encode(subscriber, changed);
        if (length > 0 && !subscriber.outbox.append(encoder.buffer().byteArray(), 0, length))
        {
            // Closed, or too far behind to catch up live: let it go; it resumes with afterSeq.
            subscriber.closed = true;
            subscriber.outbox.channel().close();
            remove(subscriber);
        }
    }

    /** @return the encoded length of the subscriber's event, or 0 when the record has nothing for it. */
    private int encode(final Subscriber subscriber, final ChangeRecord changed)
    {
        if (subscriber.salesChannel == null)
        {
            return changed.cells().count() == 0 ? 0 : encoder.encodeChange(subscriber.correlationId,
                changed.sequence(), changed.atMillis(), changed.cells());
        }
        final int from = changed.firstListingOf(subscriber.salesChannel);
        if (from < 0)
        {
            return 0;
        }
        final PublishedChanges listings = changed.listings();
        return encoder.encodeChannelChange(subscriber.correlationId, changed.sequence(), changed.atMillis(),
            subscriber.salesChannel, listings, from, listings.endOfChannel(from));
    }

    private void remove(final Subscriber subscriber)
    {
        final Subscriber[] current = subscribers;
        for (int i = 0; i < current.length; i++)
        {
            if (current[i] == subscriber)
            {
                final Subscriber[] next = new Subscriber[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                subscribers = next;
                return;
            }
        }
    }

    private static final class Subscriber
    {
        final FrameOutbox outbox;
        final long correlationId;
        /** The channel whose feed it follows, or null for the stock feed. */
        final String salesChannel;
        /** The newest sequence given to it (sent, or nothing in it for this subscriber). */
        long lastSeq;
        boolean closed;

        Subscriber(final FrameOutbox outbox, final long correlationId, final String salesChannel, final long lastSeq)
        {
            this.outbox = outbox;
            this.correlationId = correlationId;
            this.salesChannel = salesChannel;
            this.lastSeq = lastSeq;
        }
    }
}
