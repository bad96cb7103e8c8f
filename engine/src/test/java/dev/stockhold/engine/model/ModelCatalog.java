package dev.stockhold.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model's channels, listings, kits and allocations (docs/channels.md), in plain maps, and the
 * published-quantity formula written out as the spec states it.
 */
final class ModelCatalog
{
    /** A channel's rules; {@code warehouses} null for every warehouse, {@code maxUnits} null for no cap. */
    static final class Channel
    {
        List<String> warehouses;
        long bufferUnits;
        long percent;
        Long maxUnits;
        boolean allowPresale;
        long version;

        boolean feeds(final String warehouse)
        {
            return warehouses == null || warehouses.contains(warehouse);
        }
    }

    /** A bound listing. */
    static final class Listing
    {
        String sku;
        long published;
        long version;
    }

    /** A kit: components in the order given, sku to quantity. */
    static final class Kit
    {
        Map<String, Long> components;
        long version;
    }

    /** One channel's allocation of one cell. */
    static final class Allocation
    {
        long units;
        long version;
        long setOrder;
    }

    /** Channels by code, in code order. */
    final Map<String, Channel> channels = new TreeMap<>();
    /** Listings by (channel, listing id). */
    final Map<List<String>, Listing> listings = new LinkedHashMap<>();
    final Map<String, Kit> kits = new LinkedHashMap<>();
    /** Allocations by (channel, sku, warehouse). */
    final Map<List<String>, Allocation> allocations = new LinkedHashMap<>();
    long setCounter;

    private final ModelState state;

    ModelCatalog(final ModelState state)
    {
        this.state = state;
    }

    /** @return the units {@code channel} (null: none) holds of the cell; 0 when none. */
    long allocation(final String channel, final ModelCell cell)
    {
        final Allocation allocation = channel == null ? null
            : allocations.get(List.of(channel, cell.sku, cell.warehouse));
        return allocation == null ? 0 : allocation.units;
    }

    /** @return the listing's published quantity, recomputed from scratch by the formula. */
    long published(final String channelCode, final Listing listing)
    {
        final Channel channel = channels.get(channelCode);
        long pool = 0;
        long escrow = 0;
        long presale = 0;
        final List<String> warehouses = new ArrayList<>(state.warehousesSeen);
        warehouses.removeIf(w -> !channel.feeds(w));
        final Kit kit = kits.get(listing.sku);
        for (final String warehouse : warehouses)
        {
            if (kit == null)
            {
                final ModelCell cell = state.cell(listing.sku, warehouse);
                if (cell != null)
                {
                    pool += cell.available() + allocation(channelCode, cell);
                    escrow += allocation(channelCode, cell);
                    presale += channel.allowPresale ? cell.presaleAvailable() : 0;
                }
                continue;
            }
            long whole = Long.MAX_VALUE;
            long held = Long.MAX_VALUE;
            for (final Map.Entry<String, Long> component : kit.components.entrySet())
            {
                final ModelCell cell = state.cell(component.getKey(), warehouse);
                final long allocated = cell == null ? 0 : allocation(channelCode, cell);
                whole = Math.min(whole, cell == null ? 0 : (cell.available() + allocated) / component.getValue());
                held = Math.min(held, allocated / component.getValue());
            }
            pool += whole;
            escrow += held;
        }
        final long value = escrow + Math.max(0, pool - escrow - channel.bufferUnits) * channel.percent / 100 + presale;
        return channel.maxUnits == null ? value : Math.min(channel.maxUnits, value);
    }

    /**
     * Recomputes every listing's published quantity; @return the changes (listings the command bound or
     * unbound are reported by the command itself and skipped here), unsorted.
     */
    List<ModelChannelViews.Published> recomputeAll(final List<List<String>> reported)
    {
        final List<ModelChannelViews.Published> changes = new ArrayList<>();
        for (final Map.Entry<List<String>, Listing> entry : listings.entrySet())
        {
            final Listing listing = entry.getValue();
            final long value = published(entry.getKey().get(0), listing);
            if (value != listing.published && !reported.contains(entry.getKey()))
            {
                changes.add(new ModelChannelViews.Published(entry.getKey().get(0), entry.getKey().get(1), listing.sku,
                    listing.published, value));
            }
            listing.published = value;
        }
        return changes;
    }

    /** Changes an allocation's units outside a PUT, with the cell's allocated level. */
    void addUnits(final String channel, final ModelCell cell, final long delta)
    {
        state.touch(cell);
        allocations.get(List.of(channel, cell.sku, cell.warehouse)).units += delta;
        cell.allocated += delta;
    }

    /** After a count: cut the cell's allocations, latest set first, while on-hand is below reserved + allocated. */
    void cutAfterCount(final ModelCell cell)
    {
        long excess = cell.reserved + cell.allocated - cell.onHand;
        final List<Map.Entry<List<String>, Allocation>> ofCell = new ArrayList<>();
        for (final Map.Entry<List<String>, Allocation> entry : allocations.entrySet())
        {
            if (entry.getKey().get(1).equals(cell.sku) && entry.getKey().get(2).equals(cell.warehouse))
            {
                ofCell.add(entry);
            }
        }
        ofCell.sort((a, b) -> Long.compare(b.getValue().setOrder, a.getValue().setOrder));
        for (final Map.Entry<List<String>, Allocation> entry : ofCell)
        {
            if (excess <= 0)
            {
                break;
            }
            final long cut = Math.min(excess, entry.getValue().units);
            if (cut > 0)
            {
                addUnits(entry.getKey().get(0), cell, -cut);
                excess -= cut;
            }
        }
    }
}
