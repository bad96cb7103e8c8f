package dev.stockhold.engine.model;

import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ShortLines;

import java.util.ArrayList;
import java.util.List;

/**
 * An answer as a comparable value. The reservation view and levels are only part of a successful answer
 * (an error's body is a problem document), so they are normalised away for errors; changes and short
 * lines are always compared. {@code stats} is only filled for GET_DIGEST and GET_STATS.
 */
public record ModelResult(
    ErrorCode code,
    boolean replayed,
    long sequence,
    List<ModelLevel> levels,
    List<ModelLevel> changes,
    ModelView reservation,
    List<ModelShortLine> shortLines,
    Stats stats,
    ModelChannelViews.Part channelPart)
{
    /** The sizes a GET_DIGEST answers (the digest itself is the real ledger's own hash). */
    public record Stats(long cells, long openReservations, long closedReservations, long idempotencyKeys)
    {
    }

    /** Normalises: no levels or views on an error (the feed's record is kept: it must be empty). */
    public ModelResult
    {
        if (code != ErrorCode.OK)
        {
            levels = List.of();
            reservation = null;
            channelPart = ModelChannelViews.Part.NONE.withPublished(channelPart.published());
        }
    }

    /** An answer without channel parts. */
    public ModelResult(final ErrorCode code, final boolean replayed, final long sequence, final List<ModelLevel> levels,
        final List<ModelLevel> changes, final ModelView reservation, final List<ModelShortLine> shortLines,
        final Stats stats)
    {
        this(code, replayed, sequence, levels, changes, reservation, shortLines, stats, ModelChannelViews.Part.NONE);
    }

    /** @return a copy with these channel parts. */
    public ModelResult with(final ModelChannelViews.Part part)
    {
        return new ModelResult(code, replayed, sequence, levels, changes, reservation, shortLines, stats, part);
    }

    /** @return the listings whose published quantity the command changed. */
    public List<ModelChannelViews.Published> published()
    {
        return channelPart.published();
    }

    /** @return a copy answering as a repeat of the original: replayed, original sequence, no changes. */
    public ModelResult asReplay()
    {
        return new ModelResult(code, true, sequence, levels, List.of(), reservation, shortLines, stats,
            channelPart.withPublished(List.of()));
    }

    /** @return the real answer converted; {@code type} decides whether the stats are compared. */
    public static ModelResult of(final CommandType type, final CommandResult result)
    {
        final List<ModelLevel> levels = new ArrayList<>();
        for (int i = 0; i < result.levels().count(); i++)
        {
            levels.add(ModelLevel.of(result.levels(), i));
        }
        final List<ModelLevel> changes = new ArrayList<>();
        for (int i = 0; i < result.changes().count(); i++)
        {
            changes.add(ModelLevel.of(result.changes(), i));
        }
        final List<ModelShortLine> shortLines = new ArrayList<>();
        final ShortLines lines = result.shortLines();
        for (int i = 0; i < lines.count(); i++)
        {
            shortLines.add(new ModelShortLine(lines.sku(i), lines.warehouse(i), lines.requested(i), lines.available(i)));
        }
        final Stats stats = type == CommandType.GET_DIGEST || type == CommandType.GET_STATS
            ? new Stats(result.cellCount(), result.openReservations(), result.closedReservations(),
                result.idempotencyKeys())
            : null;
        return new ModelResult(result.code(), result.isReplayed(), result.sequence(), List.copyOf(levels),
            List.copyOf(changes), ModelView.of(result.reservation()), List.copyOf(shortLines), stats,
            ModelChannelViews.of(result));
    }
}
