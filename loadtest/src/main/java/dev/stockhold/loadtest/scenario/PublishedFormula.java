package dev.stockhold.loadtest.scenario;

import dev.stockhold.loadtest.workload.ChannelCatalog;

import java.util.List;
import java.util.Map;

/**
 * The published quantity of a listing recomputed by the harness from read-back state, independently of the
 * engine (docs/channels.md, "Published quantity"): for a channel c over its warehouses W,
 * <pre>
 *   SKU s:  K = Σ_w (available(s,w) + alloc_c(s,w)),  E = Σ_w alloc_c(s,w)
 *   kit:    K = Σ_w min_i ⌊(available(s_i,w) + alloc_c(s_i,w)) / q_i⌋,  E = Σ_w min_i ⌊alloc_c(s_i,w) / q_i⌋
 *   published = min(maxUnits, E + ⌊max(0, K − E − bufferUnits) × percent / 100⌋ + presale)
 * </pre>
 * where presale is Σ_w presaleAvailable(s,w) for an SKU of a channel that allows it. A missing cell counts 0.
 */
final class PublishedFormula
{
    /** What the formula reads of one cell: its available and presale-available units. */
    record Cell(long available, long presaleAvailable)
    {
    }

    private PublishedFormula()
    {
    }

    /**
     * @param cells       the read-back cells of the code (or of each component), by "sku/warehouse".
     * @param allocations the channel's allocation units, by "sku/warehouse" (absent: 0).
     * @param warehouses  every warehouse of the run, in any order.
     * @param components  the kit's components, or null for an SKU.
     */
    static long published(final ChannelCatalog.Channel channel, final String code,
        final List<ChannelCatalog.Component> components, final Map<String, Cell> cells,
        final Map<String, Long> allocations, final List<String> warehouses)
    {
        long pool = 0;
        long escrow = 0;
        long presale = 0;
        for (final String warehouse : warehouses)
        {
            if (!channel.includes(warehouse))
            {
                continue;
            }
            if (components == null)
            {
                final Cell cell = cells.get(key(code, warehouse));
                final long allocation = allocations.getOrDefault(key(code, warehouse), 0L);
                pool += (cell == null ? 0 : cell.available()) + allocation;
                escrow += allocation;
                presale += channel.allowPresale() && cell != null ? cell.presaleAvailable() : 0;
                continue;
            }
            long whole = Long.MAX_VALUE;
            long held = Long.MAX_VALUE;
            for (final ChannelCatalog.Component component : components)
            {
                final Cell cell = cells.get(key(component.sku(), warehouse));
                final long allocation = allocations.getOrDefault(key(component.sku(), warehouse), 0L);
                whole = Math.min(whole, ((cell == null ? 0 : cell.available()) + allocation) / component.quantity());
                held = Math.min(held, allocation / component.quantity());
            }
            pool += whole;
            escrow += held;
        }
        final long shared = Math.max(0, pool - escrow - channel.bufferUnits());
        final long value = escrow + shared * channel.percent() / 100 + presale;
        return channel.maxUnits() == null ? value : Math.min(channel.maxUnits(), value);
    }

    /** @return the key of a cell in the maps above. */
    static String key(final String sku, final String warehouse)
    {
        return sku + "/" + warehouse;
    }
}
