package dev.stockhold.loadtest.replay;

import dev.stockhold.engine.command.Command;

/**
 * A recorded run's commands, in engine order, each with its original sequence and timestamp: a journal,
 * or an in-memory recording. One thread.
 */
public interface CommandSource extends AutoCloseable
{
    /**
     * Fills {@code into} with the next command.
     *
     * @return false at the end of the recording.
     * @throws Exception when the recording cannot be read.
     */
    boolean next(Command into) throws Exception;

    @Override
    void close();
}
