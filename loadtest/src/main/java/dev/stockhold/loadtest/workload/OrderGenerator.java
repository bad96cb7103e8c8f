package dev.stockhold.loadtest.workload;

import dev.stockhold.engine.command.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generates orders by a {@link WorkloadConfig}; deterministic for a seed. One thread at a time. */
public final class OrderGenerator
{
    private final WorkloadConfig config;
    private final Zipf popularity;
    private final SplittableRandom random;
    private final String runTag;
    private final ChannelCatalog catalog;
    private long count;

    public OrderGenerator(final WorkloadConfig config)
    {
        this(config, null);
    }

    /** @param catalog when not null, every order comes from one of its channels, every line by listing. */
    public OrderGenerator(final WorkloadConfig config, final ChannelCatalog catalog)
    {
        this.config = config;
        this.catalog = catalog;
        this.popularity = new Zipf(config.skus(), config.zipfExponent());
        this.random = new SplittableRandom(config.seed());
        this.runTag = config.prefix() + "-O";
    }

    /** @return the next order. */
    public Order next()
    {
        if (catalog != null)
        {
            final ChannelCatalog.Drawn drawn = catalog.draw(random, popularity);
            final Fate fate = fate(random.nextDouble());
            return new Order(runTag + "-" + (count++), drawn.channel(),
                fate == Fate.EXPIRE ? config.expireTtlSeconds() : config.ttlSeconds(), drawn.lines(), fate);
        }
        final int lineCount = 1 + random.nextInt(Math.min(config.maxLines(), config.skus()));
        final List<Order.Line> lines = new ArrayList<>(lineCount);
        final List<String> skus = new ArrayList<>(lineCount);
        while (lines.size() < lineCount)
        {
            final String sku = config.sku(popularity.next(random));
            if (skus.contains(sku))
            {
                continue;
            }
            skus.add(sku);
            final String warehouse = random.nextDouble() < config.anyWarehouseShare() ? null
                : config.warehouse(random.nextInt(config.warehouses()));
            lines.add(new Order.Line(sku, warehouse, 1 + random.nextInt(config.maxQuantity())));
        }
        final Fate fate = fate(random.nextDouble());
        final String channel = config.channels().get(random.nextInt(config.channels().size()));
        final int ttl = fate == Fate.EXPIRE ? config.expireTtlSeconds() : config.ttlSeconds();
        return new Order(runTag + "-" + (count++), channel, ttl, lines, fate);
    }

    private Fate fate(final double u)
    {
        double edge = config.deductShare();
        if (u < edge)
        {
            return Fate.DEDUCT;
        }
        edge += config.releaseShare();
        if (u < edge)
        {
            return Fate.RELEASE;
        }
        edge += config.expireShare();
        if (u < edge)
        {
            return Fate.EXPIRE;
        }
        edge += config.returnShare();
        return u < edge ? Fate.RETURN : Fate.HOLD;
    }

    /**
     * @return the seeding requests: every SKU in every warehouse at {@link WorkloadConfig#onHandPerCell()},
     * in batches of at most {@code batchSize} cells.
     */
    public List<Command> seedBatches(final int batchSize)
    {
        final List<Command> batches = new ArrayList<>();
        Command batch = null;
        for (int s = 0; s < config.skus(); s++)
        {
            for (int w = 0; w < config.warehouses(); w++)
            {
                if (batch == null || batch.items.count() == batchSize)
                {
                    batch = new Command().setStock();
                    batches.add(batch);
                }
                batch.items.add(config.sku(s), config.warehouse(w), config.onHandPerCell(), Command.ABSENT, 0,
                    Command.ABSENT);
            }
        }
        return batches;
    }
}
