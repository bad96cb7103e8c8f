package dev.stockhold.engine.ledger;

import org.agrona.collections.IntArrayList;
import org.agrona.collections.Object2IntHashMap;

import java.util.List;

/**
 * The order in which the engine tries warehouses for a line that names none: the configured priority
 * list first, then the other warehouses in the order their first cell was created.
 */
final class WarehouseRanks
{
    private final Object2IntHashMap<String> configured = new Object2IntHashMap<>(-1);
    private final IntArrayList rankById = new IntArrayList();
    private int unlisted;

    WarehouseRanks(final List<String> priority)
    {
        for (final String warehouse : priority)
        {
            if (configured.getValue(warehouse) == -1)
            {
                configured.put(warehouse, configured.size());
            }
        }
    }

    /** Records the next warehouse id, in first-seen order. */
    void seen(final String warehouse)
    {
        final int listed = configured.getValue(warehouse);
        rankById.addInt(listed != -1 ? listed : configured.size() + unlisted++);
    }

    /** @return the warehouse's rank: lower is tried first. */
    int rank(final int warehouseId)
    {
        return rankById.getInt(warehouseId);
    }

    /** @return how many warehouses have been seen. */
    int size()
    {
        return rankById.size();
    }
}
