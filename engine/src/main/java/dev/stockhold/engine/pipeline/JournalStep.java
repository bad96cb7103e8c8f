package dev.stockhold.engine.pipeline;

import dev.stockhold.engine.command.Command;

/**
 * The journaler as the pipeline drives it, in either thread layout. It knows how far the journal is durable:
 * a stage's work for a batch is complete when its {@code onCommand(…, endOfBatch = true)} returns. A failure
 * trips {@link EngineFailure} from the first command after that point, so nothing the journal may have lost
 * is ever answered as done. After a failure elsewhere, commands from the failed sequence on are not
 * journaled, but a batch that ends on one of them is still closed ({@link CommandStage#endBatch}): the
 * commands before the failure in that batch are answered with their results, so they must be durable.
 * <p>
 * Thread: the journaler's own (the single engine thread in {@link ThreadLayout#SINGLE}).
 */
final class JournalStep
{
    private final CommandStage journaler;
    private final EngineFailure failure;
    private long durableThrough;
    private long passedThrough;
    private boolean broken;

    JournalStep(final CommandStage journaler, final EngineFailure failure, final long firstSequence)
    {
        this.journaler = journaler;
        this.failure = failure;
        this.durableThrough = firstSequence - 1;
        this.passedThrough = firstSequence - 1;
    }

    /** @param endOfBatch true where the journaler must make everything so far durable. */
    void onCommand(final Command command, final boolean endOfBatch)
    {
        if (broken)
        {
            return;
        }
        try
        {
            if (command.sequence < failure.failedFromSequence())
            {
                journaler.onCommand(command, endOfBatch);
                passedThrough = command.sequence;
            }
            else if (endOfBatch && passedThrough > durableThrough)
            {
                journaler.endBatch();
            }
            if (endOfBatch)
            {
                durableThrough = passedThrough;
            }
        }
        catch (final Throwable ex)
        {
            broken = true;
            failure.fail("journal", durableThrough + 1, ex);
        }
    }

    void onStart()
    {
        try
        {
            journaler.onStart();
        }
        catch (final Throwable ex)
        {
            failure.fail("journal", durableThrough + 1, ex);
        }
    }

    void onShutdown()
    {
        try
        {
            journaler.onShutdown();
        }
        catch (final Throwable ex)
        {
            failure.fail("journal", durableThrough + 1, ex);
        }
    }
}
