package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.OrderLines;
import org.agrona.collections.IntArrayList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every kit: its components (stocked SKU ids and quantities) by a dense kit id assigned in creation order
 * (kits are never deleted), and the reverse index from a component SKU to the kits that contain it, which
 * is how a change of a cell finds the kits, and through them the kit listings, it can change. Ledger
 * thread only.
 */
final class KitTable
{
    static final int MISSING = CodeTable.MISSING;

    private final CodeTable codes = new CodeTable();
    private int[][] componentSkus = new int[16][];
    private long[][] componentQuantities = new long[16][];
    private long[] version = new long[16];
    /** Per SKU id, the kits it is a component of. */
    private final List<IntArrayList> kitsBySku = new ArrayList<>();
    /**
     * Per SKU id, how many kits it is a component of (high half) and the first of them (low half), flat:
     * every command asks this of each cell it changed, most SKUs are in no kit and most of the others in
     * one, so the answer is one array read instead of three dependent ones through {@link #kitsBySku}.
     */
    private long[] kitCountAndFirstBySku = new long[16];
    /** How many times a kit was created or its components changed: sums over kits' cells watch it. */
    private long definitions;

    /** @return the kit's id, or {@link #MISSING}. */
    int find(final String kit)
    {
        return codes.find(kit);
    }

    int count()
    {
        return codes.size();
    }

    String code(final int kit)
    {
        return codes.code(kit);
    }

    long version(final int kit)
    {
        return version[kit];
    }

    int componentCount(final int kit)
    {
        return componentSkus[kit].length;
    }

    int componentSku(final int kit, final int i)
    {
        return componentSkus[kit][i];
    }

    long componentQuantity(final int kit, final int i)
    {
        return componentQuantities[kit][i];
    }

    /** @return how many times a kit was created or given other components so far. */
    long definitions()
    {
        return definitions;
    }

    /** @return how many kits {@code skuId} is a component of. */
    int kitsOfSkuCount(final int skuId)
    {
        return skuId < kitCountAndFirstBySku.length ? (int)(kitCountAndFirstBySku[skuId] >>> 32) : 0;
    }

    /** @return kit {@code i} of those {@code skuId} is a component of. */
    int kitOfSku(final int skuId, final int i)
    {
        return i == 0 ? (int)kitCountAndFirstBySku[skuId] : kitsBySku.get(skuId).getInt(i);
    }

    /**
     * Creates or replaces a kit; the caller has validated the components and resolved their SKU ids.
     *
     * @return the kit's id, or {@link #MISSING} when the definition is the same as before (nothing changed).
     */
    int put(final String kit, final OrderLines components, final int[] skuIds)
    {
        int id = codes.find(kit);
        final int count = components.count();
        final int[] newSkus = Arrays.copyOf(skuIds, count);
        final long[] newQuantities = new long[count];
        for (int i = 0; i < count; i++)
        {
            newQuantities[i] = components.quantity(i);
        }
        if (id != MISSING && Arrays.equals(newSkus, componentSkus[id])
            && Arrays.equals(newQuantities, componentQuantities[id]))
        {
            return MISSING;
        }
        if (id == MISSING)
        {
            id = codes.intern(kit);
            grow(id + 1);
        }
        else
        {
            for (final int sku : componentSkus[id])
            {
                kitsBySku.get(sku).removeInt(id);
                countKits(sku);
            }
        }
        componentSkus[id] = newSkus;
        componentQuantities[id] = newQuantities;
        version[id]++;
        definitions++;
        for (final int sku : newSkus)
        {
            while (kitsBySku.size() <= sku)
            {
                kitsBySku.add(new IntArrayList(2, IntArrayList.DEFAULT_NULL_VALUE));
            }
            kitsBySku.get(sku).addInt(id);
            if (sku >= kitCountAndFirstBySku.length)
            {
                kitCountAndFirstBySku = Arrays.copyOf(kitCountAndFirstBySku,
                    Math.max(sku + 1, kitCountAndFirstBySku.length * 2));
            }
            countKits(sku);
        }
        return id;
    }

    private void countKits(final int sku)
    {
        final IntArrayList kitsOfSku = kitsBySku.get(sku);
        final int first = kitsOfSku.isEmpty() ? 0 : kitsOfSku.getInt(0);
        kitCountAndFirstBySku[sku] = (long)kitsOfSku.size() << 32 | (first & 0xFFFF_FFFFL);
    }

    /** Restores a kit from a snapshot exactly. */
    void restore(final String kit, final OrderLines components, final int[] skuIds, final long restoredVersion)
    {
        final int id = put(kit, components, skuIds);
        version[id] = restoredVersion;
    }

    /** @return a hash of every kit, in id order. */
    long digest()
    {
        long hash = Hashing.mix(Hashing.SEED, codes.size());
        for (int id = 0; id < codes.size(); id++)
        {
            hash = Hashing.mix(hash, code(id));
            hash = Hashing.mix(hash, version[id]);
            for (int i = 0; i < componentSkus[id].length; i++)
            {
                hash = Hashing.mix(hash, componentSkus[id][i]);
                hash = Hashing.mix(hash, componentQuantities[id][i]);
            }
        }
        return hash;
    }

    private void grow(final int required)
    {
        if (required <= version.length)
        {
            return;
        }
        final int capacity = Math.max(required, version.length * 2);
        componentSkus = Arrays.copyOf(componentSkus, capacity);
        componentQuantities = Arrays.copyOf(componentQuantities, capacity);
        version = Arrays.copyOf(version, capacity);
    }
}
