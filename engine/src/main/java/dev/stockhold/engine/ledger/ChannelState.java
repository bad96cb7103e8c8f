package dev.stockhold.engine.ledger;

/**
 * The ledger's channel state, built around its stock cells: channels, listings, kits, allocations, and the
 * components that act on them. One instance per ledger; ledger thread only.
 */
final class ChannelState
{
    final ChannelTable channels;
    final ListingTable listings = new ListingTable();
    final KitTable kits = new KitTable();
    final AllocationTable allocations = new AllocationTable();
    final Escrow escrow;
    final Publisher publisher;
    final ChannelPushes pushes;

    ChannelState(final StockCells cells)
    {
        this.channels = new ChannelTable(cells);
        this.escrow = new Escrow(cells, channels, allocations);
        this.publisher = new Publisher(cells, channels, listings, kits, allocations);
        this.pushes = new ChannelPushes(channels);
        cells.warehouseListener(channels::newWarehouse);
    }

    /** @return a hash of the channels, kits, listings, allocations and pushes. */
    long digest()
    {
        long hash = Hashing.mix(channels.digest(), kits.digest());
        hash = Hashing.mix(hash, listingsDigest());
        hash = Hashing.mix(hash, allocations.digest(channels));
        return Hashing.mix(hash, pushes.digest());
    }

    /** Order-independent over the listings' slots, so a snapshot may restore them into other slots. */
    private long listingsDigest()
    {
        long sum = 0;
        for (int slot = 0; slot < listings.slots(); slot++)
        {
            if (listings.isBound(slot))
            {
                long term = Hashing.mix(Hashing.SEED, channels.code(listings.channel(slot)));
                term = Hashing.mix(term, listings.listingId(slot));
                term = Hashing.mix(term, publisher.targetCode(slot));
                term = Hashing.mix(term, listings.published(slot));
                sum += Hashing.stafford(Hashing.mix(term, listings.version(slot)));
            }
        }
        return Hashing.mix(Hashing.mix(Hashing.SEED, listings.count()), sum);
    }
}
