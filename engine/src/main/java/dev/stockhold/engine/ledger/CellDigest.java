package dev.stockhold.engine.ledger;

/**
 * The state digest's part over the stock cells: every cell's codes and fields, in cell id order, so a
 * caller that visits the cells anyway (a snapshot) hashes them in the same pass. Stateless.
 */
final class CellDigest
{
    private CellDigest()
    {
    }

    /** @return the start of the hash of {@code cells}. */
    static long start(final StockCells cells)
    {
        return Hashing.mix(Hashing.SEED, cells.count());
    }

    /** @return {@code hash} with {@code cell} mixed in; cells must come in id order. */
    static long next(final StockCells cells, final long hash, final int cell)
    {
        long next = Hashing.mix(hash, cells.skuCode(cell));
        next = Hashing.mix(next, cells.warehouseCode(cell));
        next = Hashing.mix(next, cells.onHand(cell));
        next = Hashing.mix(next, cells.reserved(cell));
        next = Hashing.mix(next, cells.inTransit(cell));
        next = Hashing.mix(next, cells.presaleReserved(cell));
        next = Hashing.mix(next, cells.safetyStock(cell));
        next = Hashing.mix(next, cells.version(cell));
        return Hashing.mix(next, cells.allocated(cell));
    }
}
