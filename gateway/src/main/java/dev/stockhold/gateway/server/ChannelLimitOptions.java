package dev.stockhold.gateway.server;

import dev.stockhold.engine.ledger.ChannelLimits;
import picocli.CommandLine.Option;

/**
 * The options of {@code stockhold server} that bound channels, listings and kits (docs/LIMITS.md gives each
 * one's heap cost; the start-up memory check counts them).
 */
final class ChannelLimitOptions
{
    private static final ChannelLimits DEFAULTS = ChannelLimits.defaults();

    @Option(names = "--max-channels", paramLabel = "N", descriptionKey = "ledger.maxChannels",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxChannels] Most configured channels, about 176 bytes each (default: 1000).")
    private int maxChannels = DEFAULTS.maxChannels();

    @Option(names = "--max-listings", paramLabel = "N", descriptionKey = "ledger.maxListings",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxListings] Most bound listings over all channels, about 169 bytes each "
            + "(default: 10000000).")
    private int maxListings = DEFAULTS.maxListings();

    @Option(names = "--max-kits", paramLabel = "N", descriptionKey = "ledger.maxKits",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxKits] Most kits, about 267 bytes each with two components (default: 1000000).")
    private int maxKits = DEFAULTS.maxKits();

    @Option(names = "--max-components-per-kit", paramLabel = "N", descriptionKey = "ledger.maxComponentsPerKit",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxComponentsPerKit] Most components of one kit (default: 20).")
    private int maxComponentsPerKit = DEFAULTS.maxComponentsPerKit();

    @Option(names = "--max-listings-per-code", paramLabel = "N", descriptionKey = "ledger.maxListingsPerCode",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxListingsPerCode] Most listings bound to one SKU or kit over all channels; bounds "
            + "the listings one command recomputes (default: 1000).")
    private int maxListingsPerCode = DEFAULTS.maxListingsPerCode();

    @Option(names = "--max-kits-per-sku", paramLabel = "N", descriptionKey = "ledger.maxKitsPerSku",
        converter = ConfigValues.PositiveInt.class,
        description = "[ledger.maxKitsPerSku] Most kits one SKU is a component of; bounds the listings one "
            + "command recomputes (default: 100).")
    private int maxKitsPerSku = DEFAULTS.maxKitsPerSku();

    /** @return the limits these options hold. */
    ChannelLimits limits()
    {
        return new ChannelLimits(maxChannels, maxListings, maxKits, maxComponentsPerKit, maxListingsPerCode,
            maxKitsPerSku);
    }
}
