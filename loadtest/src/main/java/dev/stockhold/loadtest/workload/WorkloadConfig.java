package dev.stockhold.loadtest.workload;

import java.util.List;

/**
 * The shape of generated traffic.
 *
 * @param skus              number of SKUs.
 * @param warehouses        warehouses per SKU (every SKU is stocked in every warehouse).
 * @param zipfExponent      SKU popularity skew.
 * @param onHandPerCell     seeded on-hand stock of each cell.
 * @param maxLines          lines per order, drawn uniformly in 1..maxLines (distinct SKUs).
 * @param maxQuantity       quantity per line, drawn uniformly in 1..maxQuantity.
 * @param deductShare       share of orders that ship (lock, deduct).
 * @param releaseShare      share cancelled before shipping (lock, release).
 * @param expireShare       share abandoned (lock with {@code expireTtlSeconds}, left to expire).
 * @param returnShare       share cancelled after shipping (lock, deduct, return); the rest stays locked.
 * @param expireTtlSeconds  TTL of abandoned orders.
 * @param ttlSeconds        TTL of the other orders (0: none).
 * @param anyWarehouseShare share of lines sent without a warehouse (the engine picks).
 * @param channels          sales channels, one drawn per order.
 * @param seed              the random seed: the same seed makes the same orders.
 * @param prefix            prefix of this run's SKU codes and order ids, so runs against one server do not
 *                          share cells or orders (the audit counts only this run's traffic).
 */
public record WorkloadConfig(int skus, int warehouses, double zipfExponent, long onHandPerCell, int maxLines,
    int maxQuantity, double deductShare, double releaseShare, double expireShare, double returnShare,
    int expireTtlSeconds, int ttlSeconds, double anyWarehouseShare, List<String> channels, long seed, String prefix)
{
    public WorkloadConfig
    {
        if (skus < 1 || warehouses < 1 || maxLines < 1 || maxQuantity < 1 || onHandPerCell < 0 || channels.isEmpty())
        {
            throw new IllegalArgumentException("workload needs skus, warehouses, lines, quantities and channels >= 1");
        }
        if (deductShare < 0 || releaseShare < 0 || expireShare < 0 || returnShare < 0
            || deductShare + releaseShare + expireShare + returnShare > 1.0 + 1e-9)
        {
            throw new IllegalArgumentException("life-cycle shares must be >= 0 and sum to at most 1");
        }
    }

    /** @return a copy with another SKU count, warehouse count and stock per cell. */
    public WorkloadConfig withCells(final int skuCount, final int warehouseCount, final long onHand)
    {
        return new WorkloadConfig(skuCount, warehouseCount, zipfExponent, onHand, maxLines, maxQuantity, deductShare,
            releaseShare, expireShare, returnShare, expireTtlSeconds, ttlSeconds, anyWarehouseShare, channels, seed,
            prefix);
    }

    /** @return a copy where every order has {@code lines} lines of {@code quantity} and ships (lock, deduct). */
    public WorkloadConfig allShipped(final int lines, final int quantity, final double anyWarehouse)
    {
        return new WorkloadConfig(skus, warehouses, zipfExponent, onHandPerCell, lines, quantity, 1, 0, 0, 0,
            expireTtlSeconds, ttlSeconds, anyWarehouse, channels, seed, prefix);
    }

    /** @return the default channels. */
    public static List<String> defaultChannels()
    {
        return List.of("aliexpress", "shopify", "amazon", "temu", "tiktok");
    }

    /** @return the code of SKU {@code rank} (0 is the most popular). */
    public String sku(final int rank)
    {
        return String.format("%s-SKU-%06d", prefix, rank);
    }

    /** @return the code of warehouse {@code index}. */
    public String warehouse(final int index)
    {
        return "WH-" + (index + 1);
    }
}
