package dev.stockhold.loadtest.server;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.pipeline.CommandStage;

import java.util.ArrayList;
import java.util.List;

/**
 * A journaler stage that keeps a copy of every mutating command (ticks included) in memory, with its
 * engine sequence and timestamp: a recording to replay, for tests and the local launcher when no
 * Chronicle journal is wanted. Runs on the journaler thread; {@link #commands()} from any thread.
 */
public final class CommandRecorder implements CommandStage
{
    private final List<Command> recorded = new ArrayList<>();

    @Override
    public void onCommand(final Command command, final boolean endOfBatch)
    {
        if (!command.type.isMutating())
        {
            return;
        }
        final Command copy = new Command();
        copy.copyFrom(command);
        copy.sequence = command.sequence;
        copy.replyTo = null;
        copy.correlationId = 0;
        synchronized (recorded)
        {
            recorded.add(copy);
        }
    }

    /** @return a copy of the commands recorded so far, in engine order. */
    public List<Command> commands()
    {
        synchronized (recorded)
        {
            return new ArrayList<>(recorded);
        }
    }
}
