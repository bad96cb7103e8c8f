package dev.stockhold.engine.model;

import dev.stockhold.engine.command.AllocationView;
import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.KitView;
import dev.stockhold.engine.command.ListingView;
import dev.stockhold.engine.command.PublishedChanges;

import java.util.ArrayList;
import java.util.List;

/** The channel parts of an answer as plain comparable values, and their conversion from a real result. */
public final class ModelChannelViews
{
    private ModelChannelViews()
    {
    }

    /** A channel's rules; {@code warehouses} null for every warehouse, {@code maxUnits} null for no cap. */
    public record Channel(String channel, List<String> warehouses, long bufferUnits, long percent, Long maxUnits,
        boolean allowPresale, long version)
    {
    }

    /** A listing as answered. */
    public record Listing(String channel, String listingId, String sku, long published, long version)
    {
    }

    /** A kit as answered: components (sku, quantity) and per-warehouse whole kits, in order. */
    public record Kit(String sku, List<List<Object>> components, List<List<Object>> warehouses, long version)
    {
    }

    /** An allocation as answered. */
    public record Allocation(String channel, String sku, String warehouse, long units, long version)
    {
    }

    /** One entry of the channel feed's record. */
    public record Published(String channel, String listingId, String sku, long previous, long published)
    {
    }

    /** Every channel part of an answer. */
    public record Part(List<Channel> channels, Listing listing, Kit kit, Allocation allocation,
        List<Published> published)
    {
        public static final Part NONE = new Part(List.of(), null, null, null, List.of());

        public Part withPublished(final List<Published> changes)
        {
            return new Part(channels, listing, kit, allocation, changes);
        }
    }

    /** @return the channel parts of a real result. */
    public static Part of(final CommandResult result)
    {
        final List<Channel> channels = new ArrayList<>();
        final ChannelViews views = result.channels();
        for (int i = 0; i < views.count(); i++)
        {
            List<String> warehouses = null;
            if (!views.everyWarehouse(i))
            {
                warehouses = new ArrayList<>();
                for (int w = 0; w < views.warehouseCount(i); w++)
                {
                    warehouses.add(views.warehouse(i, w));
                }
            }
            channels.add(new Channel(views.channel(i), warehouses, views.bufferUnits(i), views.percent(i),
                views.maxUnits(i) == ChannelViews.NO_CAP ? null : views.maxUnits(i), views.allowPresale(i),
                views.version(i)));
        }
        final ListingView l = result.listing();
        final Listing listing = l.isPresent()
            ? new Listing(l.channel(), l.listingId(), l.sku(), l.published(), l.version()) : null;
        final KitView k = result.kit();
        Kit kit = null;
        if (k.isPresent())
        {
            final List<List<Object>> components = new ArrayList<>();
            for (int i = 0; i < k.componentCount(); i++)
            {
                components.add(List.of(k.componentSku(i), k.componentQuantity(i)));
            }
            final List<List<Object>> warehouses = new ArrayList<>();
            for (int i = 0; i < k.warehouseCount(); i++)
            {
                warehouses.add(List.of(k.warehouse(i), k.warehouseAvailable(i)));
            }
            kit = new Kit(k.sku(), components, warehouses, k.version());
        }
        final AllocationView a = result.allocation();
        final Allocation allocation = a.isPresent()
            ? new Allocation(a.channel(), a.sku(), a.warehouse(), a.units(), a.version()) : null;
        final List<Published> published = new ArrayList<>();
        final PublishedChanges changes = result.published();
        for (int i = 0; i < changes.count(); i++)
        {
            published.add(new Published(changes.channel(i), changes.listingId(i), changes.sku(i), changes.previous(i),
                changes.published(i)));
        }
        return new Part(List.copyOf(channels), listing, kit, allocation, List.copyOf(published));
    }
}
