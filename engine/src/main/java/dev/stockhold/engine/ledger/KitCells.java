package dev.stockhold.engine.ledger;

import org.agrona.collections.IntArrayList;

/**
 * Walks the warehouses where every component of a kit has a cell, in priority order, giving each
 * component's cell there: a merge of the components' cell lists (each kept in priority order), so no
 * lookup by code is needed. Reusable; ledger thread only.
 * <pre>
 *   for (kitCells.begin(kit); kitCells.next(); ) { kitCells.cell(i) ... }
 * </pre>
 */
final class KitCells
{
    private final StockCells cells;
    private final KitTable kits;
    private int components;
    private int[] position = new int[20];
    private int[] current = new int[20];
    /** Per component, its SKU's cells in priority order: fetched once per walk, not once per step. */
    private IntArrayList[] lists = new IntArrayList[20];
    private boolean done;

    KitCells(final StockCells cells, final KitTable kits)
    {
        this.cells = cells;
        this.kits = kits;
    }

    /** Starts a walk over kit {@code kitId}'s warehouses. */
    void begin(final int kitId)
    {
        components = kits.componentCount(kitId);
        if (position.length < components)
        {
            position = new int[components];
            current = new int[components];
            lists = new IntArrayList[components];
        }
        for (int i = 0; i < components; i++)
        {
            position[i] = 0;
            lists[i] = cells.cellsOfSku(kits.componentSku(kitId, i));
        }
        done = false;
    }

    /** Moves to the next warehouse where every component has a cell; @return false when there is none. */
    boolean next()
    {
        while (!done)
        {
            int highest = -1;
            for (int i = 0; i < components; i++)
            {
                final IntArrayList list = lists[i];
                if (position[i] >= list.size())
                {
                    done = true;
                    return false;
                }
                highest = Math.max(highest, cells.rank(list.getInt(position[i])));
            }
            boolean aligned = true;
            for (int i = 0; i < components; i++)
            {
                final IntArrayList list = lists[i];
                while (position[i] < list.size() && cells.rank(list.getInt(position[i])) < highest)
                {
                    position[i]++;
                }
                if (position[i] >= list.size() || cells.rank(list.getInt(position[i])) != highest)
                {
                    aligned = false;
                }
            }
            if (aligned)
            {
                for (int i = 0; i < components; i++)
                {
                    current[i] = lists[i].getInt(position[i]++);
                }
                return true;
            }
        }
        return false;
    }

    /** @return component {@code i}'s cell in the current warehouse. */
    int cell(final int i)
    {
        return current[i];
    }

    /** @return the current warehouse's id. */
    int warehouseId()
    {
        return cells.warehouseId(current[0]);
    }
}
