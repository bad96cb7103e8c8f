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
    /** The allocated level last reported per cell, to see allocations move. */
    private final Map<String, Long> allocated = new java.util.HashMap<>();

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
        recordChannels(type, result);
    }

    private void recordChannels(final CommandType type, final ModelResult result)
    {
        if (result.reservation() != null && !result.replayed())
        {
            if (result.reservation().lines().stream().anyMatch(line -> line.kit() != null))
            {
                event("kit line");
            }
            if (result.reservation().lines().stream().anyMatch(line -> line.listing() != null))
            {
                event("listing line");
            }
        }
        if (!result.published().isEmpty())
        {
            event("published change");
        }
        for (final ModelLevel level : result.changes())
        {
            final Long before = allocated.put(level.sku() + "/" + level.warehouse(), level.allocated());
            final long moved = level.allocated() - (before == null ? 0 : before);
            if (moved < 0 && type == CommandType.LOCK)
            {
                event("allocation taken");
            }
            else if (moved > 0 && (type == CommandType.RELEASE || type == CommandType.TICK))
            {
                event("allocation given back");
            }
            else if (moved < 0 && (type == CommandType.SET_STOCK || type == CommandType.ADJUST))
            {
                event("allocation cut");
            }
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
