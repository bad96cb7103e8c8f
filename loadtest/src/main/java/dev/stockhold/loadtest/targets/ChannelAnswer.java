package dev.stockhold.loadtest.targets;

import dev.stockhold.engine.command.AllocationView;
import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.KitView;
import dev.stockhold.engine.command.ListingView;
import dev.stockhold.engine.command.ReservationView;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an answer shows of sales channels beyond its code and levels, in the same shape whatever produced it
 * (the HTTP API or the engine applied offline): the channels' rules, a listing with its published quantity, a
 * kit, an allocation, and the listing and kit each line of a reservation came by. An {@link Answer} whose
 * protocol does not carry these holds none, and is then compared by its code and levels only. Immutable.
 *
 * @param channels    the rules of the channels a channel's PUT or GET or the list of channels answered.
 * @param listing     the listing a bind, unbind or listing read answered, or null.
 * @param kit         the kit a kit's PUT or GET answered, or null.
 * @param allocation  the allocation an allocation's PUT or GET answered, or null.
 * @param lineSources per line of a reservation, the listing and kit it was locked by ({@code listing/kit},
 *                    "-" for none).
 */
public record ChannelAnswer(List<Rules> channels, Listing listing, Kit kit, Allocation allocation,
    List<String> lineSources)
{
    /** What answers none of the above: every read and write of stock. */
    public static final ChannelAnswer NONE = new ChannelAnswer(List.of(), null, null, null, List.of());

    /**
     * A channel's rules; {@code warehouses} null for every warehouse, {@code maxUnits} -1 for no cap,
     * {@code pushUrl} null without push (the secret is never shown).
     */
    public record Rules(String channel, List<String> warehouses, long bufferUnits, long percent, long maxUnits,
        boolean allowPresale, String pushUrl, long pushRatePerSecond, long pushBurst, long pushMaxListings,
        long version)
    {
    }

    /** A listing: the SKU or kit it sells and the quantity the channel publishes for it. */
    public record Listing(String channel, String listingId, String sku, long published, long version)
    {
    }

    /** A kit: components as {@code sku×quantity}, what can be sold of it, in all and per warehouse. */
    public record Kit(String sku, List<String> components, long available, List<String> warehouses, long version)
    {
    }

    /** The units of a cell a channel holds for itself. */
    public record Allocation(String channel, String sku, String warehouse, long units, long version)
    {
    }

    /** @return a line's source as {@link #lineSources} shows it. */
    public static String lineSource(final String listing, final String kit)
    {
        return (listing == null ? "-" : listing) + "/" + (kit == null ? "-" : kit);
    }

    /** @return what the engine's successful {@code result} shows of channels. */
    public static ChannelAnswer fromEngine(final CommandResult result)
    {
        final ReservationView reservation = result.reservation();
        final List<String> sources = new ArrayList<>();
        if (reservation.isPresent())
        {
            for (int i = 0; i < reservation.lineCount(); i++)
            {
                sources.add(lineSource(reservation.listing(i), reservation.kit(i)));
            }
        }
        if (!result.hasChannelParts() && sources.isEmpty())
        {
            return NONE;
        }
        return new ChannelAnswer(rules(result.channels()), listing(result.listing()), kit(result.kit()),
            allocation(result.allocation()), sources);
    }

    private static List<Rules> rules(final ChannelViews views)
    {
        final List<Rules> rules = new ArrayList<>(views.count());
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
            final boolean push = views.pushUrl(i) != null;
            rules.add(new Rules(views.channel(i), warehouses, views.bufferUnits(i), views.percent(i),
                views.maxUnits(i) == ChannelViews.NO_CAP ? -1 : views.maxUnits(i), views.allowPresale(i),
                views.pushUrl(i), push ? views.pushRatePerSecond(i) : 0, push ? views.pushBurst(i) : 0,
                push ? views.pushMaxListings(i) : 0, views.version(i)));
        }
        return rules;
    }

    private static Listing listing(final ListingView view)
    {
        return view.isPresent()
            ? new Listing(view.channel(), view.listingId(), view.sku(), view.published(), view.version()) : null;
    }

    private static Kit kit(final KitView view)
    {
        if (!view.isPresent())
        {
            return null;
        }
        final List<String> components = new ArrayList<>();
        for (int i = 0; i < view.componentCount(); i++)
        {
            components.add(view.componentSku(i) + "×" + view.componentQuantity(i));
        }
        final List<String> warehouses = new ArrayList<>();
        for (int i = 0; i < view.warehouseCount(); i++)
        {
            warehouses.add(view.warehouse(i) + "=" + view.warehouseAvailable(i));
        }
        return new Kit(view.sku(), components, view.available(), warehouses, view.version());
    }

    private static Allocation allocation(final AllocationView view)
    {
        return view.isPresent()
            ? new Allocation(view.channel(), view.sku(), view.warehouse(), view.units(), view.version()) : null;
    }

    /** @return null when the two agree, else a sentence saying how they differ. */
    String differenceFrom(final ChannelAnswer expected)
    {
        if (!channels.equals(expected.channels))
        {
            return "channels " + channels + " != expected " + expected.channels;
        }
        if (!Objects.equals(listing, expected.listing))
        {
            return "listing " + listing + " != expected " + expected.listing;
        }
        if (!Objects.equals(kit, expected.kit))
        {
            return "kit " + kit + " != expected " + expected.kit;
        }
        if (!Objects.equals(allocation, expected.allocation))
        {
            return "allocation " + allocation + " != expected " + expected.allocation;
        }
        if (!lineSources.equals(expected.lineSources))
        {
            return "lines by listing/kit " + lineSources + " != expected " + expected.lineSources;
        }
        return null;
    }
}
