package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.pipeline.CommandStage;

import java.util.Arrays;

/**
 * The change feed of the binary protocol: sends every command's changed cells to the connections that
 * subscribed, in engine order.
 * <p>
 * Wire it as the observer of the pipeline's responder, {@code new ReplyingResponder(feed)} (or call
 * {@link #onCommand} from the observer there is), and give it to the {@link BinaryServer}. Everything
 * here runs on the responder thread: subscriptions are registered there too (a Subscribe passes through
 * the ring), so a new subscriber sees exactly the events after its place in the sequence. A subscriber
 * whose connection falls more than its outbox limit behind is disconnected; it may resume with
 * {@code afterSeq}.
 */
public final class BinaryChangeFeed implements CommandStage
{
    private static final Subscriber[] NONE = new Subscriber[0];

    private final ChangeHistory history;
    private final ReplyEncoder encoder = new ReplyEncoder();
    private volatile Subscriber[] subscribers = NONE;
    private long lastChangeSeq;
    private long floorSeq = -1;

    /** A feed that resumes only from points it has not missed anything after. */
    public BinaryChangeFeed()
    {
        this(null);
    }

    /** @param history where resumed subscriptions find older events; may be null. */
    public BinaryChangeFeed(final ChangeHistory history)
    {
        this.history = history;
    }

    /** Responder thread: sends {@code command}'s change event, if it changed anything, to every subscriber. */
    @Override
    public void onCommand(final Command command, final boolean endOfBatch)
    {
        if (floorSeq < 0)
        {
            // Events before the first command this feed saw happened before this process: only history has them.
            floorSeq = command.sequence - 1;
        }
        final Levels changes = command.result.changes();
        if (changes.count() == 0)
        {
            return;
        }
        lastChangeSeq = command.sequence;
        final Subscriber[] current = subscribers;
        for (int i = 0; i < current.length; i++)
        {
            send(current[i], command.sequence, command.timestampMillis, changes);
        }
    }

    /**
     * Responder thread: registers a subscriber, answering SubscribeResult (then any replayed events) or
     * ERR_GONE.
     *
     * @param afterSeq     the last sequence the subscriber has seen, or {@link Command#ABSENT} for "from now".
     * @param subscribeSeq the sequence of the Subscribe itself: every earlier command has been answered.
     */
    void subscribe(final FrameOutbox outbox, final long correlationId, final long afterSeq, final long subscribeSeq)
    {
        final Subscriber subscriber = new Subscriber(outbox, correlationId);
        final boolean fromNow = afterSeq == Command.ABSENT;
        final boolean missedNothing = fromNow || (afterSeq >= lastChangeSeq && afterSeq >= floorSeq);
        if (!missedNothing && history == null)
        {
            gone(outbox, correlationId, subscribeSeq);
            return;
        }
        final int length = encoder.encodeSubscribed(correlationId, subscribeSeq);
        outbox.append(encoder.buffer().byteArray(), 0, length);
        if (!missedNothing)
        {
            final boolean held = history.replay(afterSeq, subscribeSeq - 1,
                (seq, atMillis, changes) -> send(subscriber, seq, atMillis, changes));
            if (!held)
            {
                gone(outbox, correlationId, subscribeSeq);
                return;
            }
        }
        subscribers = Arrays.copyOf(subscribers, subscribers.length + 1);
        subscribers[subscribers.length - 1] = subscriber;
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

    private void send(final Subscriber subscriber, final long seq, final long atMillis, final Levels changes)
    {
        final int length = encoder.encodeChange(subscriber.correlationId, seq, atMillis, changes);
        if (!subscriber.outbox.append(encoder.buffer().byteArray(), 0, length))
        {
            // Closed, or too far behind to catch up live: let it go; it resumes with afterSeq.
            subscriber.outbox.channel().close();
            remove(subscriber);
        }
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

        Subscriber(final FrameOutbox outbox, final long correlationId)
        {
            this.outbox = outbox;
            this.correlationId = correlationId;
        }
    }
}
