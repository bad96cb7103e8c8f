package dev.stockhold.benchmarks;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;

/**
 * The channel variant of the benchmarks' workload, on top of a seeded {@link Workload}: 5 channels fed by
 * every warehouse (buffer 5, 80 %), 3 listings per SKU on three of them, 2,500 kits (one per ten SKUs: SKU
 * 10k once and SKU 10k+1 twice) with 3 listings each, and locks that arrive by listing from the lock's
 * channel, one in ten by a kit's listing. A lock then touches one or two cells and recomputes the 3 to 9
 * listings they feed.
 */
public final class ChannelWorkload
{
    public static final int CHANNELS = 5;
    public static final int LISTINGS_PER_CODE = 3;
    public static final int KITS = Workload.SKUS / 10;

    private final Workload workload;
    private final String[] channels = new String[CHANNELS];
    /** Listing ids per SKU (then per kit, from index SKUS on), {@link #LISTINGS_PER_CODE} each. */
    private final String[] listingIds = new String[(Workload.SKUS + KITS) * LISTINGS_PER_CODE];

    public ChannelWorkload(final Workload workload)
    {
        this.workload = workload;
        for (int c = 0; c < CHANNELS; c++)
        {
            channels[c] = "channel-" + c;
        }
        for (int i = 0; i < listingIds.length; i++)
        {
            listingIds[i] = "listing-" + i;
        }
    }

    /** Configures the channels, kits and listings on a ledger the workload has seeded. */
    public void seed(final Ledger ledger)
    {
        final Command command = new Command();
        for (final String channel : channels)
        {
            apply(ledger, command.putChannel(channel, 5, 80, Command.ABSENT, false));
        }
        for (int k = 0; k < KITS; k++)
        {
            command.putKit(kit(k));
            command.lines.add(workload.skus[k * 10], null, 1).add(workload.skus[k * 10 + 1], null, 2);
            apply(ledger, command);
        }
        for (int code = 0; code < Workload.SKUS + KITS; code++)
        {
            final String target = code < Workload.SKUS ? workload.skus[code] : kit(code - Workload.SKUS);
            for (int l = 0; l < LISTINGS_PER_CODE; l++)
            {
                apply(ledger, command.bindListing(channelOf(code, l), listingIds[code * LISTINGS_PER_CODE + l], target));
            }
        }
    }

    /**
     * Fills {@code command} with a one-line lock of order i, by listing, on its drawn cell's warehouse: of the
     * cell's SKU, or one time in ten of the kit that SKU's ten belong to.
     */
    public Command lock(final Command command, final long i)
    {
        final int cell = workload.cell(i);
        final int sku = cell / Workload.WAREHOUSES;
        final int code = (i % 10) == 0 ? Workload.SKUS + sku / 10 : sku;
        final int listing = (int)(i % LISTINGS_PER_CODE);
        command.lock(workload.orderId(i), channelOf(code, listing), 0, false, false);
        command.lines.addListing(listingIds[code * LISTINGS_PER_CODE + listing], workload.warehouseOf(cell),
            1 + (i & 3));
        return command;
    }

    private String channelOf(final int code, final int listing)
    {
        return channels[(code + listing) % CHANNELS];
    }

    private static String kit(final int k)
    {
        return "KIT-" + k;
    }

    private static void apply(final Ledger ledger, final Command command)
    {
        ledger.apply(command);
        if (!command.result.isOk())
        {
            throw new IllegalStateException("channel seeding failed: " + command.type + " " + command.result.code());
        }
    }
}
