package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Levels;

/**
 * One cell's stock levels as a plain value, comparable with {@code equals}: what the model answers and
 * what a real {@link Levels} entry is converted to before comparing.
 */
public record ModelLevel(
    String sku,
    String warehouse,
    long onHand,
    long reserved,
    long inTransit,
    long presaleReserved,
    long safetyStock,
    long version,
    long allocated)
{
    /** Levels of a cell with nothing allocated. */
    public ModelLevel(final String sku, final String warehouse, final long onHand, final long reserved,
        final long inTransit, final long presaleReserved, final long safetyStock, final long version)
    {
        this(sku, warehouse, onHand, reserved, inTransit, presaleReserved, safetyStock, version, 0);
    }

    /** @return entry {@code i} of a real answer's levels. */
    public static ModelLevel of(final Levels levels, final int i)
    {
        return new ModelLevel(levels.sku(i), levels.warehouse(i), levels.onHand(i), levels.reserved(i),
            levels.inTransit(i), levels.presaleReserved(i), levels.safetyStock(i), levels.version(i),
            levels.allocated(i));
    }

    /** @return {@code max(0, onHand - reserved - safetyStock - allocated)}, by docs/channels.md. */
    public long available()
    {
        return Math.max(0, onHand - reserved - safetyStock - allocated);
    }

    /** @return {@code max(0, inTransit - presaleReserved)}, by docs/design.md. */
    public long presaleAvailable()
    {
        return Math.max(0, inTransit - presaleReserved);
    }

    /** @return {@code max(0, reserved - onHand)}, by docs/design.md. */
    public long shortage()
    {
        return Math.max(0, reserved - onHand);
    }
}
