package dev.stockhold.loadtest.targets;

import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.command.ReservationView;

import java.util.ArrayList;
import java.util.List;

/**
 * One answer of a server, in the same shape whatever the protocol (HTTP/JSON, binary SBE, or the engine
 * itself applied offline), so the harness records and compares answers without caring where they came from.
 * Immutable.
 *
 * @param code     the outcome; null when the answer never arrived (the connection was lost: outcome unknown).
 * @param sequence the engine sequence of the command (0 when it has none, e.g. a read over HTTP).
 * @param replayed true when the answer repeats an earlier one and nothing was applied.
 * @param state    the reservation's state, for reservation answers; else null.
 * @param lines    the reservation's lines (empty for other answers).
 * @param levels   the stock levels, for stock answers (empty for other answers).
 * @param detail   the server's explanation of an error or of a lost answer, or null.
 * @param channel  what the answer shows of sales channels; null when its protocol does not carry it.
 */
public record Answer(ErrorCode code, long sequence, boolean replayed, ReservationState state, List<Line> lines,
    List<Level> levels, String detail, ChannelAnswer channel)
{
    /** An answer of a protocol that does not carry what it shows of channels. */
    public Answer(final ErrorCode code, final long sequence, final boolean replayed, final ReservationState state,
        final List<Line> lines, final List<Level> levels, final String detail)
    {
        this(code, sequence, replayed, state, lines, levels, detail, null);
    }

    /** One line of a reservation answer. */
    public record Line(String sku, String warehouse, long quantity, boolean presale, long deducted, long released,
        long returned)
    {
        /** @return what is still locked on this line. */
        public long open()
        {
            return quantity - deducted - released;
        }
    }

    /** The stored levels of one cell (the derived ones follow from these). */
    public record Level(String sku, String warehouse, long onHand, long reserved, long inTransit,
        long presaleReserved, long safetyStock, long version)
    {
        /** @return the available quantity, as the engine defines it. */
        public long available()
        {
            return Levels.available(onHand, reserved, safetyStock);
        }
    }

    /** @return an answer that never arrived. */
    public static Answer lost(final String why)
    {
        return new Answer(null, 0, false, null, List.of(), List.of(), why);
    }

    /** @return a failure answer. */
    public static Answer failure(final ErrorCode code, final long sequence, final String detail)
    {
        return new Answer(code, sequence, false, null, List.of(), List.of(), detail);
    }

    /** @return true when the server answered success. */
    public boolean isOk()
    {
        return code == ErrorCode.OK;
    }

    /** @return true when the answer never arrived and the outcome is unknown. */
    public boolean isLost()
    {
        return code == null;
    }

    /** @return the same answer as the engine gave it offline, in this shape. */
    public static Answer fromEngine(final CommandResult result)
    {
        return fromEngine(result, false);
    }

    /**
     * @param tick true for a tick, which the binary protocol answers with the cells its expiries changed.
     * @return the same answer as the engine gave it offline, in this shape.
     */
    public static Answer fromEngine(final CommandResult result, final boolean tick)
    {
        if (!result.isOk())
        {
            return failure(result.code(), result.sequence(), result.detail());
        }
        final ReservationView view = result.reservation();
        final List<Line> lines = new ArrayList<>();
        ReservationState state = null;
        if (view.isPresent())
        {
            state = view.state();
            for (int i = 0; i < view.lineCount(); i++)
            {
                lines.add(new Line(view.sku(i), view.warehouse(i), view.quantity(i), view.presale(i),
                    view.deducted(i), view.released(i), view.returned(i)));
            }
        }
        final Levels levels = tick ? result.changes() : result.levels();
        return new Answer(ErrorCode.OK, result.sequence(), result.isReplayed(), state, lines, levelsOf(levels), null,
            ChannelAnswer.fromEngine(result));
    }

    /** @return a copy of engine levels. */
    public static List<Level> levelsOf(final Levels levels)
    {
        final List<Level> out = new ArrayList<>(levels.count());
        for (int i = 0; i < levels.count(); i++)
        {
            out.add(new Level(levels.sku(i), levels.warehouse(i), levels.onHand(i), levels.reserved(i),
                levels.inTransit(i), levels.presaleReserved(i), levels.safetyStock(i), levels.version(i)));
        }
        return out;
    }

    /**
     * Compares what two runs of the same command answered, ignoring what legitimately differs between a
     * recorded run and its replay (engine sequences and timestamps). What they show of channels is compared
     * when both carry it.
     *
     * @return null when they agree, else a sentence saying how they differ.
     */
    public String differenceFrom(final Answer expected)
    {
        if (code != expected.code)
        {
            return "code " + name(code) + " != expected " + name(expected.code);
        }
        if (replayed != expected.replayed)
        {
            return "replayed " + replayed + " != expected " + expected.replayed;
        }
        if (state != expected.state)
        {
            return "state " + state + " != expected " + expected.state;
        }
        if (!lines.equals(expected.lines))
        {
            return "lines " + lines + " != expected " + expected.lines;
        }
        if (!levels.equals(expected.levels))
        {
            return "levels " + levels + " != expected " + expected.levels;
        }
        if (channel != null && expected.channel != null)
        {
            return channel.differenceFrom(expected.channel);
        }
        return null;
    }

    private static String name(final ErrorCode code)
    {
        return code == null ? "LOST" : code.code();
    }
}
