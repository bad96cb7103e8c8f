package dev.stockhold.engine.pipeline;

import dev.stockhold.engine.command.Command;

/**
 * Where a command's answer goes: a producer puts one in {@link Command#replyTo}, and
 * {@link ReplyingResponder} calls it once the command is applied and journaled.
 */
@FunctionalInterface
public interface Reply
{
    /**
     * Called on the responder thread. The slot is reused after this returns, so copy or encode what is
     * needed now; hand slow work (socket writes) to another thread.
     *
     * @param command    the command with its result.
     * @param endOfBatch true for the last command currently available: a good moment to flush.
     */
    void complete(Command command, boolean endOfBatch);
}
