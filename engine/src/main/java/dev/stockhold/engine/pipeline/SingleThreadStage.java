package dev.stockhold.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import dev.stockhold.engine.command.Command;

/**
 * {@link ThreadLayout#SINGLE}: the journaler, the ledger and the responder on one thread. Each command is
 * journaled, then applied; the batch is answered only after the journaler's end of batch (its group
 * commit in FSYNC mode), so no one hears a result that is not durable, as with one thread per stage.
 */
final class SingleThreadStage implements EventHandler<Command>
{
    private final JournalStep journal;
    private final LedgerStage ledger;
    private final AnswerStep responder;
    private final RingBuffer<Command> ring;
    private final Runnable onStarted;
    private long batchStart = -1;

    /** @param journal and @param responder may be null. */
    SingleThreadStage(final JournalStep journal, final LedgerStage ledger, final AnswerStep responder,
        final RingBuffer<Command> ring, final Runnable onStarted)
    {
        this.journal = journal;
        this.ledger = ledger;
        this.responder = responder;
        this.ring = ring;
        this.onStarted = onStarted;
    }

    @Override
    public void onEvent(final Command command, final long sequence, final boolean endOfBatch)
    {
        if (batchStart < 0)
        {
            batchStart = sequence;
        }
        if (journal != null)
        {
            // A snapshot taken by the ledger below must find this command's journal entry published.
            journal.onCommand(command, endOfBatch || ledger.snapshotsAfter(command));
        }
        ledger.onEvent(command, sequence, endOfBatch);
        if (endOfBatch)
        {
            if (responder != null)
            {
                for (long answered = batchStart; answered <= sequence; answered++)
                {
                    responder.answer(ring.get(answered), answered == sequence);
                }
            }
            batchStart = -1;
        }
    }

    @Override
    public void onStart()
    {
        if (journal != null)
        {
            journal.onStart();
        }
        if (responder != null)
        {
            responder.onStart();
        }
        onStarted.run();
    }

    @Override
    public void onShutdown()
    {
        if (responder != null)
        {
            responder.onShutdown();
        }
        if (journal != null)
        {
            journal.onShutdown();
        }
    }
}
