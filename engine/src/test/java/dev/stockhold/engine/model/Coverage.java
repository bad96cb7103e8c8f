package dev.stockhold.engine.model;

import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts which (command type, outcome) pairs a random run reached, so a test can insist on coverage. */
public final class Coverage
{
    private final Map<CommandType, Map<ErrorCode, Long>> counts = new EnumMap<>(CommandType.class);
    private final Map<String, Long> events = new TreeMap<>();

    void record(final CommandType type, final ModelResult result)
    {
        counts.computeIfAbsent(type, t -> new EnumMap<>(ErrorCode.class)).merge(result.code(), 1L, Long::sum);
        if (result.replayed())
        {
            event(type + " replayed");
        }
        if (result.reservation() != null)
        {
            event(result.reservation().state().toString());
            if (result.reservation().lines().stream().anyMatch(ModelView.Line::presale))
            {
                event("presale line");
            }
        }
        if (type == CommandType.TICK && !result.changes().isEmpty())
        {
            event("expiry");
        }
    }

    void event(final String name)
    {
        events.merge(name, 1L, Long::sum);
    }

    /** @return how often {@code type} answered {@code code}. */
    public long count(final CommandType type, final ErrorCode code)
    {
        return counts.getOrDefault(type, Map.of()).getOrDefault(code, 0L);
    }

    /** @return how often a named event (a state, "expiry", "LOCK replayed", ...) was seen. */
    public long events(final String name)
    {
        return events.getOrDefault(name, 0L);
    }

    @Override
    public String toString()
    {
        return "outcomes " + counts + "\nevents " + events;
    }
}
