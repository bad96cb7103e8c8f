package dev.stockhold.engine.ledger;

/**
 * The limits on channels, listings and kits; docs/LIMITS.md gives each one's memory cost. Reaching one
 * refuses the command that would exceed it ({@code ERR_INVALID_REQUEST}); nothing is forgotten.
 * <p>
 * The last two bound the fan-out: a command that changes one cell recomputes at most
 * {@code maxListingsPerCode} SKU listings plus {@code maxKitsPerSku × maxListingsPerCode} kit listings.
 *
 * @param maxChannels          the most configured channels.
 * @param maxListings          the most bound listings over all channels.
 * @param maxKits              the most kits.
 * @param maxComponentsPerKit  the most components of one kit.
 * @param maxListingsPerCode   the most listings bound to one SKU or kit, over all channels.
 * @param maxKitsPerSku        the most kits one SKU is a component of.
 */
public record ChannelLimits(
    int maxChannels,
    int maxListings,
    int maxKits,
    int maxComponentsPerKit,
    int maxListingsPerCode,
    int maxKitsPerSku)
{
    /** @return the defaults: 1,000 channels, 10 M listings, 1 M kits, 20 components, 1,000 and 100. */
    public static ChannelLimits defaults()
    {
        return new ChannelLimits(1_000, 10_000_000, 1_000_000, 20, 1_000, 100);
    }
}
