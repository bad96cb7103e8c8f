package dev.stockhold.engine.ledger;

import java.util.Arrays;

/**
 * Per stock cell, the presale lines waiting for in-transit stock, oldest lock first: the order in which
 * a receive converts them to regular reservations. Linked lists threaded through parallel arrays with a
 * free list, so nothing is allocated once grown. Entries whose line has since been released, converted
 * or reused are dropped lazily. Ledger thread only.
 */
final class PresaleQueues
{
    private static final int NONE = -1;

    private int[] head = new int[0];
    private int[] tail = new int[0];

    private Reservation[] reservation = new Reservation[64];
    private int[] line = new int[64];
    private int[] generation = new int[64];
    private int[] next = new int[64];
    private int freeList = NONE;
    private int used;

    /**
     * Appends a presale line of {@code owner} at the back of its cell's queue, first dropping dead
     * entries from the front, so a cell whose presale lines are released without a receive stays small.
     */
    void add(final int cell, final Reservation owner, final int ownerLine)
    {
        ensureCell(cell);
        dropDeadHead(cell);
        final int node = allocate();
        reservation[node] = owner;
        line[node] = ownerLine;
        generation[node] = owner.generation;
        next[node] = NONE;
        if (tail[cell] == NONE)
        {
            head[cell] = node;
        }
        else
        {
            next[tail[cell]] = node;
        }
        tail[cell] = node;
    }

    /**
     * Converts the cell's waiting presale lines, oldest first, while each line's open quantity fits
     * in the cell's available stock; stops at the first that does not fit.
     */
    void convert(final int cell, final StockCells cells)
    {
        if (cell >= head.length)
        {
            return;
        }
        int node = head[cell];
        while (node != NONE)
        {
            if (isLive(node))
            {
                final Reservation owner = reservation[node];
                final int ownerLine = line[node];
                final long open = owner.open(ownerLine);
                if (open > cells.available(cell))
                {
                    break;
                }
                cells.addPresaleReserved(cell, -open);
                cells.addReserved(cell, open);
                owner.presale(ownerLine, false);
            }
            final int following = next[node];
            release(node);
            node = following;
        }
        head[cell] = node;
        if (node == NONE)
        {
            tail[cell] = NONE;
        }
    }

    private void dropDeadHead(final int cell)
    {
        int node = head[cell];
        while (node != NONE && !isLive(node))
        {
            final int following = next[node];
            release(node);
            node = following;
        }
        head[cell] = node;
        if (node == NONE)
        {
            tail[cell] = NONE;
        }
    }

    private boolean isLive(final int node)
    {
        final Reservation owner = reservation[node];
        final int ownerLine = line[node];
        return owner.generation == generation[node] && owner.presale(ownerLine) && owner.open(ownerLine) > 0;
    }

    private int allocate()
    {
        if (freeList != NONE)
        {
            final int node = freeList;
            freeList = next[node];
            return node;
        }
        if (used == reservation.length)
        {
            final int capacity = used * 2;
            reservation = Arrays.copyOf(reservation, capacity);
            line = Arrays.copyOf(line, capacity);
            generation = Arrays.copyOf(generation, capacity);
            next = Arrays.copyOf(next, capacity);
        }
        return used++;
    }

    private void release(final int node)
    {
        reservation[node] = null;
        next[node] = freeList;
        freeList = node;
    }

    private void ensureCell(final int cell)
    {
        if (cell < head.length)
        {
            return;
        }
        final int oldLength = head.length;
        final int capacity = Math.max(cell + 1, oldLength * 2);
        head = Arrays.copyOf(head, capacity);
        tail = Arrays.copyOf(tail, capacity);
        Arrays.fill(head, oldLength, capacity, NONE);
        Arrays.fill(tail, oldLength, capacity, NONE);
    }
}
