package dev.stockhold.cluster.client;

import dev.stockhold.engine.command.CommandResult;

/** Where {@link EngineClusterClient} delivers a command's answer: called exactly once per command sent. */
@FunctionalInterface
public interface CommandAnswer
{
    /**
     * The command's answer: the engine's result, or ERR_OVERLOADED when no leader answered within the deadline,
     * too many commands were in flight or the client is closed. Called on the thread that decided it (the
     * member's service thread, the client's thread, or the sender's for a command refused at once), so it must
     * not block.
     *
     * @param result the sender's own result object when the member's replica answered into it, else a result
     *               of its own; never reused by the client afterwards.
     */
    void answered(CommandResult result);
}
