package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;

import java.util.List;

/**
 * The channel commands of the rule tests' DSL, over a {@link LedgerDriver} (so every answer is also checked
 * against the reference model): {@code channels.put("ae", List.of("CN-SZ"), 0, 100, null, false)},
 * {@code channels.bind("ae", "L1", "A1")}, {@code channels.lock(order("o1").channel("ae"), listing("L1", 2))}.
 */
public final class ChannelDriver
{
    private final LedgerDriver driver;

    /** A lock line naming a SKU (or kit) or a listing; a null warehouse lets the engine choose. */
    public record AnyLine(String sku, String listing, String warehouse, long quantity)
    {
    }

    public ChannelDriver(final LedgerDriver driver)
    {
        this.driver = driver;
    }

    public static AnyLine listing(final String listing, final long quantity)
    {
        return new AnyLine(null, listing, null, quantity);
    }

    public static AnyLine listing(final String listing, final String warehouse, final long quantity)
    {
        return new AnyLine(null, listing, warehouse, quantity);
    }

    public static AnyLine sku(final String sku, final long quantity)
    {
        return new AnyLine(sku, null, null, quantity);
    }

    public static AnyLine sku(final String sku, final String warehouse, final long quantity)
    {
        return new AnyLine(sku, null, warehouse, quantity);
    }

    /** PUTs a channel; {@code warehouses} null for every warehouse, {@code maxUnits} null for no cap. */
    public Outcome put(final String channel, final List<String> warehouses, final long bufferUnits, final long percent,
        final Long maxUnits, final boolean allowPresale)
    {
        final Command command = driver.command().putChannel(channel, bufferUnits, percent,
            maxUnits == null ? Command.ABSENT : maxUnits, allowPresale);
        if (warehouses != null)
        {
            command.channelWarehouses.present();
            warehouses.forEach(command.channelWarehouses::add);
        }
        return driver.send();
    }

    /** PUTs a channel with the defaults: every warehouse, no buffer, 100 %, no cap, no presale. */
    public Outcome put(final String channel)
    {
        return put(channel, null, 0, 100, null, false);
    }

    public Outcome get(final String channel)
    {
        driver.command().getChannel(channel);
        return driver.send();
    }

    public Outcome list()
    {
        driver.command().getChannel(null);
        return driver.send();
    }

    public Outcome bind(final String channel, final String listing, final String sku)
    {
        driver.command().bindListing(channel, listing, sku);
        return driver.send();
    }

    public Outcome unbind(final String channel, final String listing)
    {
        driver.command().unbindListing(channel, listing);
        return driver.send();
    }

    public Outcome listing(final String channel, final String listing)
    {
        driver.command().getListing(channel, listing);
        return driver.send();
    }

    /** @return the listing's published quantity, which must be bound. */
    public long published(final String channel, final String listing)
    {
        return listing(channel, listing).ok().listing().published();
    }

    /** PUTs a kit from (sku, quantity) pairs. */
    public Outcome kit(final String kit, final Object... skuQuantityPairs)
    {
        final Command command = driver.command().putKit(kit);
        for (int i = 0; i < skuQuantityPairs.length; i += 2)
        {
            command.lines.add((String)skuQuantityPairs[i], null, ((Number)skuQuantityPairs[i + 1]).longValue());
        }
        return driver.send();
    }

    public Outcome getKit(final String kit)
    {
        driver.command().getKit(kit);
        return driver.send();
    }

    public Outcome allocate(final String channel, final String sku, final String warehouse, final long units)
    {
        driver.command().setAllocation(channel, sku, warehouse, units);
        return driver.send();
    }

    public Outcome allocation(final String channel, final String sku, final String warehouse)
    {
        driver.command().getAllocation(channel, sku, warehouse);
        return driver.send();
    }

    public Outcome lock(final LedgerDriver.LockOptions options, final AnyLine... lines)
    {
        final Command command = driver.command().lock(options.orderId(), options.channel(), options.ttlSeconds(),
            options.allowPresale(), options.allowSplit());
        for (final AnyLine line : lines)
        {
            command.lines.add(line.sku(), line.listing(), line.warehouse(), line.quantity());
        }
        return driver.send();
    }
}
