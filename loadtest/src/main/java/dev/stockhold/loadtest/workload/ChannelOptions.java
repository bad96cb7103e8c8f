package dev.stockhold.loadtest.workload;

/**
 * The shape of the {@code multichannel} scenario's channel set-up, on top of a {@link WorkloadConfig}.
 *
 * @param listingsPerCode  listings bound to each SKU and each kit, on as many distinct channels (at most the
 *                         number of channels).
 * @param kits             kits defined (two components each, from the SKUs); at most half the SKUs.
 * @param kitShare         share of order lines that name a kit's listing.
 * @param allocatedCells   cells each channel holds an allocation of (the most popular SKUs first).
 * @param allocationUnits  units of each allocation (lowered so every channel's fits in a cell).
 */
public record ChannelOptions(int listingsPerCode, int kits, double kitShare, int allocatedCells, long allocationUnits)
{
    public ChannelOptions
    {
        if (listingsPerCode < 1 || kits < 0 || kitShare < 0 || kitShare > 1 || allocatedCells < 0
            || allocationUnits < 0)
        {
            throw new IllegalArgumentException("channel options: listings per code >= 1, kits and allocations >= 0,"
                + " kit share in 0..1");
        }
    }

    /** @return the defaults: 3 listings per code, a kit per ten SKUs, a tenth of lines by kit, 10 allocations of 50. */
    public static ChannelOptions defaults(final int skus)
    {
        return new ChannelOptions(3, skus / 10, 0.1, 10, 50);
    }
}
