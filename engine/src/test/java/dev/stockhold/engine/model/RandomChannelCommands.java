package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The channel part of {@link RandomCommands}: channels, listings, kits and allocations over a small universe
 * (two channels and an unknown one, four listing ids, two kit codes), and the lock lines that name them.
 */
final class RandomChannelCommands
{
    /** Configured now and then; "ch9" never is. */
    static final String[] CHANNELS = {"ch1", "ch2"};
    static final String[] LISTINGS = {"L1", "L2", "L3", "L4"};
    static final String[] KITS = {"K1", "K2"};

    private final SplittableRandom random;

    RandomChannelCommands(final SplittableRandom random)
    {
        this.random = random;
    }

    private boolean chance(final double p)
    {
        return random.nextDouble() < p;
    }

    private <T> T pick(final T[] values)
    {
        return values[random.nextInt(values.length)];
    }

    private String channel()
    {
        return chance(0.04) ? "ch9" : pick(CHANNELS);
    }

    /** @return a lock's channel: none, an unconfigured one, or one of the configurable ones. */
    String lockChannel()
    {
        final double p = random.nextDouble();
        return p < 0.45 ? null : p < 0.55 ? "shop" : pick(CHANNELS);
    }

    /** @return a lock line's code: mostly a SKU, sometimes a kit. */
    String lockSku(final String sku)
    {
        return chance(0.12) ? pick(KITS) : sku;
    }

    /** @return a listing for a lock line, or null to name a SKU. */
    String lockListing(final String channel)
    {
        return channel != null && chance(0.25) ? pick(LISTINGS) : null;
    }

    /** Fills {@code c} with a random channel command or read. */
    void fill(final Command c)
    {
        final int roll = random.nextInt(100);
        if (roll < 14)
        {
            putChannel(c);
        }
        else if (roll < 32)
        {
            c.bindListing(channel(), pick(LISTINGS), chance(0.3) ? pick(KITS) : chance(0.05) ? "S9"
                : pick(RandomCommands.SKUS));
        }
        else if (roll < 40)
        {
            c.unbindListing(channel(), pick(LISTINGS));
        }
        else if (roll < 50)
        {
            putKit(c);
        }
        else if (roll < 72)
        {
            c.setAllocation(channel(), chance(0.05) ? "S9" : pick(RandomCommands.SKUS),
                pick(RandomCommands.WAREHOUSES), chance(0.2) ? 0 : random.nextLong(1, 9));
        }
        else
        {
            read(c, roll);
        }
    }

    private void putChannel(final Command c)
    {
        final long maxUnits = chance(0.7) ? Command.ABSENT : random.nextLong(0, 30);
        final long percent = chance(0.4) ? 100 : chance(0.3) ? 0 : random.nextLong(0, 101);
        c.putChannel(chance(0.03) ? "ch9" : pick(CHANNELS), chance(0.6) ? 0 : random.nextLong(0, 4), percent,
            maxUnits, chance(0.3));
        if (chance(0.5))
        {
            final List<String> warehouses = new java.util.ArrayList<>(List.of(RandomCommands.WAREHOUSES));
            if (chance(0.2))
            {
                warehouses.add("W9");
            }
            java.util.Collections.shuffle(warehouses, new java.util.Random(random.nextLong()));
            c.channelWarehouses.present();
            for (final String warehouse : warehouses.subList(0, random.nextInt(1, warehouses.size() + 1)))
            {
                c.channelWarehouses.add(warehouse);
            }
        }
    }

    private void putKit(final Command c)
    {
        c.putKit(chance(0.05) ? pick(RandomCommands.SKUS) : pick(KITS));
        final List<String> skus = new java.util.ArrayList<>(List.of(RandomCommands.SKUS));
        java.util.Collections.shuffle(skus, new java.util.Random(random.nextLong()));
        final int count = random.nextInt(1, skus.size() + 1);
        for (int i = 0; i < count; i++)
        {
            c.lines.add(chance(0.03) ? "S9" : chance(0.03) ? pick(KITS) : skus.get(i), null, random.nextLong(1, 4));
        }
    }

    private void read(final Command c, final int roll)
    {
        if (roll < 78)
        {
            c.getChannel(chance(0.2) ? null : channel());
        }
        else if (roll < 86)
        {
            c.getListing(channel(), pick(LISTINGS));
        }
        else if (roll < 92)
        {
            c.getKit(chance(0.1) ? pick(RandomCommands.SKUS) : pick(KITS));
        }
        else
        {
            c.getAllocation(channel(), pick(RandomCommands.SKUS), pick(RandomCommands.WAREHOUSES));
        }
    }

    /**
     * Now and then adds to a lock a line that names both a SKU and a listing, or neither: one fault.
     *
     * @return true when it added one.
     */
    boolean addSkuAndListingOrNeither(final Command c)
    {
        if (c.type != CommandType.LOCK || !chance(0.3))
        {
            return false;
        }
        final boolean both = chance(0.5);
        c.lines.add(both ? "Aa" : null, both ? "L1" : null, null, 1);
        return true;
    }

    /** Injects exactly one fault into a channel command. */
    void breakCommand(final Command c)
    {
        switch (c.type)
        {
            case PUT_CHANNEL ->
            {
                switch (random.nextInt(4))
                {
                    case 0 -> c.percent = chance(0.5) ? -1 : 101;
                    case 1 -> c.bufferUnits = chance(0.5) ? -1 : 1_000_000_000_001L;
                    case 2 -> c.channelWarehouses.present();
                    default -> c.channel = "a/b";
                }
            }
            case BIND_LISTING, UNBIND_LISTING -> c.listing = chance(0.5) ? "" : "x y";
            case PUT_KIT ->
            {
                if (chance(0.5))
                {
                    c.lines.add(c.lines.sku(0), null, 1);
                }
                else
                {
                    final String sku = c.lines.sku(0);
                    c.lines.clear();
                    c.lines.add(sku, null, chance(0.5) ? 0 : 1_001);
                }
            }
            case SET_ALLOCATION -> c.quantity = chance(0.5) ? -1 : 1_000_000_000_001L;
            default ->
            {
            }
        }
    }
}
