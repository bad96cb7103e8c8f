package dev.stockhold.loadtest.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The channels, kits, listings and allocations of a {@code multichannel} run, derived from the workload and
 * its {@link ChannelOptions} alone, so the set-up, the traffic and the audit agree without asking the
 * server. Channel and kit codes and listing ids carry the run's prefix. Channel rules differ by index:
 * every third channel is fed by every warehouse, the others by all warehouses but one; buffers 0..3 units;
 * percent 100, 80, 60, 100, 0 in turn (a 0 % channel publishes only its allocations); every second channel
 * capped; the second channel publishes presale stock. Immutable.
 */
public final class ChannelCatalog
{
    /** A channel's rules; {@code warehouses} null means every warehouse, {@code maxUnits} null no cap. */
    public record Channel(String code, List<String> warehouses, long bufferUnits, int percent, Long maxUnits,
        boolean allowPresale)
    {
        /** @return true when the warehouse feeds this channel. */
        public boolean includes(final String warehouse)
        {
            return warehouses == null || warehouses.contains(warehouse);
        }
    }

    /** One component of a kit. */
    public record Component(String sku, int quantity)
    {
    }

    /** A kit and its components. */
    public record Kit(String code, List<Component> components)
    {
    }

    /** A listing of a channel bound to an SKU or kit code. */
    public record Listing(String channel, String listingId, String code)
    {
    }

    /** The units a channel holds of one cell. */
    public record Allocation(String channel, String sku, String warehouse, long units)
    {
    }

    /** One generated order's channel and lines (all by listing). */
    public record Drawn(String channel, List<Order.Line> lines)
    {
    }

    private static final int[] PERCENTS = {100, 80, 60, 100, 0};
    private static final int MAX_TRIES = 32;

    private final WorkloadConfig config;
    private final ChannelOptions options;
    private final List<Channel> channels = new ArrayList<>();
    private final List<Kit> kits = new ArrayList<>();
    private final List<Listing> listings = new ArrayList<>();
    private final List<Allocation> allocations = new ArrayList<>();

    public ChannelCatalog(final WorkloadConfig config, final ChannelOptions options)
    {
        this.config = config;
        this.options = options;
        final int channelCount = config.channels().size();
        for (int i = 0; i < channelCount; i++)
        {
            channels.add(channel(i));
        }
        final int kitCount = config.skus() < 2 ? 0 : Math.min(options.kits(), config.skus() / 2);
        for (int k = 0; k < kitCount; k++)
        {
            kits.add(new Kit(kitCode(k), List.of(new Component(config.sku(2 * k), 1),
                new Component(config.sku(2 * k + 1), 2))));
        }
        final int perCode = Math.min(options.listingsPerCode(), channelCount);
        for (int code = 0; code < config.skus() + kitCount; code++)
        {
            for (int l = 0; l < perCode; l++)
            {
                listings.add(new Listing(channels.get((code + l) % channelCount).code(), listingId(code, l),
                    codeOf(code)));
            }
        }
        final long units = Math.min(options.allocationUnits(), config.onHandPerCell() / (channelCount + 1));
        for (final Channel channel : channels)
        {
            for (int a = 0; a < Math.min(options.allocatedCells(), config.skus()) && units > 0; a++)
            {
                allocations.add(new Allocation(channel.code(), config.sku(a),
                    config.warehouse(a % config.warehouses()), units));
            }
        }
    }

    private Channel channel(final int i)
    {
        final List<String> warehouses;
        if (i % 3 == 0 || config.warehouses() == 1)
        {
            warehouses = null;
        }
        else
        {
            final List<String> some = new ArrayList<>();
            for (int w = 0; w < config.warehouses(); w++)
            {
                if (w != i % config.warehouses())
                {
                    some.add(config.warehouse(w));
                }
            }
            warehouses = Collections.unmodifiableList(some);
        }
        final Long cap = i % 2 == 1 ? Math.max(1, config.onHandPerCell() * config.warehouses() / 3) : null;
        return new Channel(config.prefix() + "-" + config.channels().get(i), warehouses, i % 4,
            PERCENTS[i % PERCENTS.length], cap, i == 1);
    }

    /** @return the SKU code of index {@code code} below the SKU count, else the kit's. */
    private String codeOf(final int code)
    {
        return code < config.skus() ? config.sku(code) : kitCode(code - config.skus());
    }

    private String kitCode(final int k)
    {
        return String.format("%s-KIT-%05d", config.prefix(), k);
    }

    private String listingId(final int code, final int l)
    {
        return config.prefix() + "-L" + code + "-" + l;
    }

    public List<Channel> channels()
    {
        return channels;
    }

    public List<Kit> kits()
    {
        return kits;
    }

    public List<Listing> listings()
    {
        return listings;
    }

    public List<Allocation> allocations()
    {
        return allocations;
    }

    /**
     * Draws one order's lines by listing: the first line's listing fixes the channel, the others are
     * listings of that channel, each of a distinct code: an SKU drawn by popularity or, at the kit share,
     * a kit. A line names one of the channel's warehouses, or none at the workload's any-warehouse share.
     */
    Drawn draw(final SplittableRandom random, final Zipf popularity)
    {
        final int channelCount = channels.size();
        final int perCode = Math.min(options.listingsPerCode(), channelCount);
        final int lineCount = 1 + random.nextInt(Math.min(config.maxLines(), config.skus()));
        int code = drawCode(random, popularity);
        final int channel = (code + random.nextInt(perCode)) % channelCount;
        final List<Integer> codes = new ArrayList<>();
        final List<Order.Line> lines = new ArrayList<>();
        for (int tries = 0; lines.size() < lineCount && tries < MAX_TRIES; tries++)
        {
            final int l = Math.floorMod(channel - code, channelCount);
            if (l < perCode && !codes.contains(code))
            {
                codes.add(code);
                lines.add(new Order.Line(null, listingId(code, l), warehouse(random, channels.get(channel)),
                    1 + random.nextInt(config.maxQuantity())));
            }
            code = drawCode(random, popularity);
        }
        return new Drawn(channels.get(channel).code(), lines);
    }

    private int drawCode(final SplittableRandom random, final Zipf popularity)
    {
        final int rank = popularity.next(random);
        return !kits.isEmpty() && random.nextDouble() < options.kitShare() ? config.skus() + rank % kits.size() : rank;
    }

    private String warehouse(final SplittableRandom random, final Channel channel)
    {
        if (random.nextDouble() < config.anyWarehouseShare())
        {
            return null;
        }
        return channel.warehouses() == null ? config.warehouse(random.nextInt(config.warehouses()))
            : channel.warehouses().get(random.nextInt(channel.warehouses().size()));
    }
}
