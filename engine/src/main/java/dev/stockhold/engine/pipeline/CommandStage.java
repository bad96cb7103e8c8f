package dev.stockhold.engine.pipeline;

import dev.stockhold.engine.command.Command;

/**
 * A stage of the pipeline that sees every command in sequence order on its own thread: the journaler
 * (in parallel with the ledger) or the responder (after both).
 */
@FunctionalInterface
public interface CommandStage
{
    /**
     * Handles one command.
     *
     * @param command    the ring slot; valid only until this call returns.
     * @param endOfBatch true for the last command currently available, where I/O is best flushed.
     * @throws Exception on failure: the pipeline trips its {@link EngineFailure} (fail-stop). For the journaler,
     *                   the work of a batch is done when the call with {@code endOfBatch} returns.
     */
    void onCommand(Command command, boolean endOfBatch) throws Exception;

    /**
     * Does what an end of batch does (for the journaler: makes everything passed so far durable) without a
     * command: how the pipeline closes a batch whose last commands it no longer passes on after a failure.
     *
     * @throws Exception on failure, as {@link #onCommand}.
     */
    default void endBatch() throws Exception
    {
    }

    /** Called once on the stage's thread before the first command. */
    default void onStart()
    {
    }

    /** Called once on the stage's thread after the last command. */
    default void onShutdown()
    {
    }
}
