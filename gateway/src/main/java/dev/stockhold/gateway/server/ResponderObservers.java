package dev.stockhold.gateway.server;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EngineFailure;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the responder does with every command before answering it, in this order: the change feed logs its
 * event (so a client that hears the answer can already resume the feed past it), the binary feed sends it,
 * metrics count it; then how far commands have been answered is published, which holds snapshot files back
 * (a snapshot must never cover a command whose change event is not logged yet). Responder thread only.
 */
final class ResponderObservers implements CommandStage
{
    private final CommandStage[] observers;
    private final EngineFailure failure;
    private final AtomicLong answeredThrough;

    /**
     * @param answeredThrough where the last command answered (and logged) is published.
     * @param observers       run in order for every command.
     */
    ResponderObservers(final EngineFailure failure, final AtomicLong answeredThrough, final CommandStage... observers)
    {
        this.failure = failure;
        this.answeredThrough = answeredThrough;
        this.observers = observers.clone();
    }

    @Override
    public void onCommand(final Command command, final boolean endOfBatch) throws Exception
    {
        for (final CommandStage observer : observers)
        {
            observer.onCommand(command, endOfBatch);
        }
        // A command at or after a failure was neither applied for sure nor logged: never count it answered.
        if (endOfBatch && command.sequence < failure.failedFromSequence())
        {
            answeredThrough.lazySet(command.sequence);
        }
    }

    @Override
    public void onStart()
    {
        for (final CommandStage observer : observers)
        {
            observer.onStart();
        }
    }

    @Override
    public void onShutdown()
    {
        for (final CommandStage observer : observers)
        {
            observer.onShutdown();
        }
    }
}
