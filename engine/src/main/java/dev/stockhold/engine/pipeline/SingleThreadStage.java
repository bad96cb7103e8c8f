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
    /** What the pipeline does around the three stages: failure marks and start-up signals. */
    interface Host
    {
        void journalFailed(Command command, Exception ex);

        void answer(CommandStage responder, Command command, boolean endOfBatch);

        void started();
    }

    private final CommandStage journaler;
    private final LedgerStage ledger;
    private final CommandStage responder;
    private final RingBuffer<Command> ring;
    private final Host host;
    private boolean journalFailed;
    private long batchStart = -1;

    SingleThreadStage(final CommandStage journaler, final LedgerStage ledger, final CommandStage responder,
        final RingBuffer<Command> ring, final Host host)
    {
        this.journaler = journaler;
        this.ledger = ledger;
        this.responder = responder;
        this.ring = ring;
        this.host = host;
    }

    @Override
    public void onEvent(final Command command, final long sequence, final boolean endOfBatch)
    {
        if (batchStart < 0)
        {
            batchStart = sequence;
        }
        if (journaler != null && !journalFailed)
        {
            try
            {
                // A snapshot taken by the ledger below must find this command's journal entry published.
                journaler.onCommand(command, endOfBatch || ledger.snapshotsAfter(command));
            }
            catch (final Exception ex)
            {
                journalFailed = true;
                host.journalFailed(command, ex);
            }
        }
        ledger.onEvent(command, sequence, endOfBatch);
        if (endOfBatch)
        {
            if (responder != null)
            {
                for (long answered = batchStart; answered <= sequence; answered++)
                {
                    host.answer(responder, ring.get(answered), answered == sequence);
                }
            }
            batchStart = -1;
        }
    }

    @Override
    public void onStart()
    {
        if (journaler != null)
        {
            journaler.onStart();
        }
        if (responder != null)
        {
            responder.onStart();
        }
        host.started();
    }

    @Override
    public void onShutdown()
    {
        if (responder != null)
        {
            responder.onShutdown();
        }
        if (journaler != null)
        {
            journaler.onShutdown();
        }
    }
}
