package dev.stockhold.loadtest.replay;

import dev.stockhold.engine.command.Command;

import java.util.List;

/** Commands recorded in memory (e.g. by a {@code CommandRecorder}), as a {@link CommandSource}. */
public final class ListCommandSource implements CommandSource
{
    private final List<Command> commands;
    private int next;

    public ListCommandSource(final List<Command> commands)
    {
        this.commands = List.copyOf(commands);
    }

    @Override
    public boolean next(final Command into)
    {
        if (next == commands.size())
        {
            return false;
        }
        final Command recorded = commands.get(next++);
        into.copyFrom(recorded);
        into.sequence = recorded.sequence;
        into.replyTo = null;
        return true;
    }

    @Override
    public void close()
    {
        next = commands.size();
    }
}
