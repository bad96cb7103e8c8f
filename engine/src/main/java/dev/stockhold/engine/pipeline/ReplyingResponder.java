package dev.stockhold.engine.pipeline;

import dev.stockhold.engine.command.Command;

/**
 * The responder stage: hands each answer to its {@link Reply}, after an optional observer of every
 * command (the change feed, metrics) has seen it.
 */
public final class ReplyingResponder implements CommandStage
{
    private final CommandStage observer;

    /** @param observer sees every command first, whether or not it has a reply; may be null. */
    public ReplyingResponder(final CommandStage observer)
    {
        this.observer = observer;
    }

    @Override
    public void onCommand(final Command command, final boolean endOfBatch) throws Exception
    {
        if (observer != null)
        {
            observer.onCommand(command, endOfBatch);
        }
        if (command.replyTo instanceof Reply reply)
        {
            if (command.type.isMutating())
            {
                Failpoints.hit("responder.reply");
            }
            reply.complete(command, endOfBatch);
        }
    }

    @Override
    public void onStart()
    {
        if (observer != null)
        {
            observer.onStart();
        }
    }

    @Override
    public void onShutdown()
    {
        if (observer != null)
        {
            observer.onShutdown();
        }
    }
}
