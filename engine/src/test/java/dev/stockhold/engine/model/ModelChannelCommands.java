package dev.stockhold.engine.model;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.ledger.ChannelLimits;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Channels, listings, kits and allocations in the model, written from docs/channels.md. */
final class ModelChannelCommands
{
    private final ModelState state;
    private final ModelCatalog catalog;
    private final ChannelLimits limits;

    ModelChannelCommands(final ModelState state)
    {
        this.state = state;
        this.catalog = state.catalog;
        this.limits = state.config.channelLimits();
    }

    private static ModelResult ok(final Command command, final ModelChannelViews.Part part)
    {
        return new ModelResult(ErrorCode.OK, false, command.sequence, List.of(), List.of(), null, List.of(), null, part);
    }

    private static ModelResult error(final Command command, final ErrorCode code)
    {
        return ReferenceLedger.error(code, command.sequence);
    }

    private ModelChannelViews.Part channelPart(final String code)
    {
        final ModelCatalog.Channel c = catalog.channels.get(code);
        return new ModelChannelViews.Part(List.of(new ModelChannelViews.Channel(code,
            c.warehouses == null ? null : List.copyOf(c.warehouses), c.bufferUnits, c.percent, c.maxUnits,
            c.allowPresale, c.version)), null, null, null, List.of());
    }

    ModelResult putChannel(final Command command)
    {
        if (!ModelCodes.isCode(command.channel))
        {
            return error(command, ErrorCode.INVALID_REQUEST);
        }
        List<String> warehouses = null;
        if (command.channelWarehouses.isPresent())
        {
            warehouses = new ArrayList<>();
            for (int i = 0; i < command.channelWarehouses.count(); i++)
            {
                warehouses.add(command.channelWarehouses.get(i));
            }
            if (warehouses.isEmpty() || warehouses.size() > 100 || !warehouses.stream().allMatch(ModelCodes::isCode)
                || new HashSet<>(warehouses).size() != warehouses.size())
            {
                return error(command, ErrorCode.INVALID_REQUEST);
            }
        }
        if (!ModelCodes.isLevel(command.bufferUnits) || command.percent < 0 || command.percent > 100
            || (command.maxUnits != Command.ABSENT && !ModelCodes.isLevel(command.maxUnits)))
        {
            return error(command, ErrorCode.INVALID_QUANTITY);
        }
        ModelCatalog.Channel channel = catalog.channels.get(command.channel);
        if (channel == null && catalog.channels.size() >= limits.maxChannels())
        {
            return error(command, ErrorCode.INVALID_REQUEST);
        }
        final Long maxUnits = command.maxUnits == Command.ABSENT ? null : command.maxUnits;
        if (channel == null)
        {
            channel = new ModelCatalog.Channel();
            catalog.channels.put(command.channel, channel);
        }
        final boolean same = channel.version > 0 && java.util.Objects.equals(channel.warehouses, warehouses)
            && channel.bufferUnits == command.bufferUnits && channel.percent == command.percent
            && java.util.Objects.equals(channel.maxUnits, maxUnits) && channel.allowPresale == command.allowPresale;
        if (!same)
        {
            channel.warehouses = warehouses;
            channel.bufferUnits = command.bufferUnits;
            channel.percent = command.percent;
            channel.maxUnits = maxUnits;
            channel.allowPresale = command.allowPresale;
            channel.version++;
        }
        return ok(command, channelPart(command.channel));
    }

    ModelResult getChannel(final Command command)
    {
        return catalog.channels.containsKey(command.channel) && ModelCodes.isCode(command.channel)
            ? ok(command, channelPart(command.channel)) : error(command, ErrorCode.CHANNEL_NOT_FOUND);
    }

    ModelResult listChannels(final Command command)
    {
        final List<ModelChannelViews.Channel> all = new ArrayList<>();
        for (final String code : catalog.channels.keySet())
        {
            all.addAll(channelPart(code).channels());
        }
        return ok(command, new ModelChannelViews.Part(List.copyOf(all), null, null, null, List.of()));
    }

    private ModelChannelViews.Part listingPart(final String channel, final String listingId, final String sku,
        final long published, final long version, final List<ModelChannelViews.Published> events)
    {
        return new ModelChannelViews.Part(List.of(), new ModelChannelViews.Listing(channel, listingId, sku, published,
            version), null, null, events);
    }

    ModelResult bindListing(final Command command)
    {
        if (!ModelCodes.isCode(command.channel) || !ModelCodes.isListingId(command.listing)
            || !ModelCodes.isCode(command.sku))
        {
            return error(command, ErrorCode.INVALID_REQUEST);
        }
        if (!catalog.channels.containsKey(command.channel))
        {
            return error(command, ErrorCode.CHANNEL_NOT_FOUND);
        }
        if (state.cellsOf(command.sku).isEmpty() && !catalog.kits.containsKey(command.sku))
        {
            return error(command, ErrorCode.SKU_NOT_FOUND);
        }
        final List<String> key = List.of(command.channel, command.listing);
        final ModelCatalog.Listing listing = catalog.listings.get(key);
        if (listing != null && listing.sku.equals(command.sku))
        {
            return ok(command, listingPart(command.channel, command.listing, listing.sku, listing.published,
                listing.version, List.of()));
        }
        final long onCode = catalog.listings.values().stream().filter(l -> l.sku.equals(command.sku)).count();
        if ((listing == null && catalog.listings.size() >= limits.maxListings()) || onCode >= limits.maxListingsPerCode())
        {
            return error(command, ErrorCode.INVALID_REQUEST);
        }
        final ModelCatalog.Listing bound = listing != null ? listing : new ModelCatalog.Listing();
        final long previous = bound.published;
        bound.sku = command.sku;
        bound.version++;
        catalog.listings.put(key, bound);
        bound.published = catalog.published(command.channel, bound);
        return ok(command, listingPart(command.channel, command.listing, bound.sku, bound.published, bound.version,
            List.of(new ModelChannelViews.Published(command.channel, command.listing, bound.sku, previous,
                bound.published))));
    }

    ModelResult unbindListing(final Command command)
    {
        final ModelResult refused = findListing(command);
        if (refused != null)
        {
            return refused;
        }
        final ModelCatalog.Listing listing = catalog.listings.remove(List.of(command.channel, command.listing));
        return ok(command, listingPart(command.channel, command.listing, listing.sku, 0, listing.version,
            List.of(new ModelChannelViews.Published(command.channel, command.listing, listing.sku, listing.published,
                0))));
    }

    ModelResult getListing(final Command command)
    {
        final ModelResult refused = findListing(command);
        if (refused != null)
        {
            return refused;
        }
        final ModelCatalog.Listing listing = catalog.listings.get(List.of(command.channel, command.listing));
        return ok(command, listingPart(command.channel, command.listing, listing.sku, listing.published,
            listing.version, List.of()));
    }

    private ModelResult findListing(final Command command)
    {
        if (!ModelCodes.isCode(command.channel) || !ModelCodes.isListingId(command.listing))
        {
            return error(command, ErrorCode.INVALID_REQUEST);
        }
        if (!catalog.channels.containsKey(command.channel))
        {
            return error(command, ErrorCode.CHANNEL_NOT_FOUND);
        }
        return catalog.listings.containsKey(List.of(command.channel, command.listing)) ? null
            : error(command, ErrorCode.LISTING_NOT_FOUND);
    }

    ModelResult putKit(final Command command)
    {
        final int count = command.lines.count();
        if (!ModelCodes.isCode(command.sku) || count < 1 || count > limits.maxComponentsPerKit())
        {
            return error(command, ErrorCode.INVALID_REQUEST);
        }
        final Map<String, Long> components = new LinkedHashMap<>();
        for (int i = 0; i < count; i++)
        {
            if (!ModelCodes.isCode(command.lines.sku(i)) || command.lines.warehouse(i) != null
                || command.lines.listing(i) != null)
            {
                return error(command, ErrorCode.INVALID_REQUEST);
            }
            if (command.lines.quantity(i) < 1 || command.lines.quantity(i) > 1_000)
            {
                return error(command, ErrorCode.INVALID_QUANTITY);
            }
            if (components.put(command.lines.sku(i), command.lines.quantity(i)) != null)
            {
                return error(command, ErrorCode.INVALID_REQUEST);
            }
        }
        if (!state.cellsOf(command.sku).isEmpty())
        {
            return error(command, ErrorCode.INVALID_REQUEST);
        }
        final ModelCatalog.Kit existing = catalog.kits.get(command.sku);
        for (final String sku : components.keySet())
        {
            if (catalog.kits.containsKey(sku))
            {
                return error(command, ErrorCode.INVALID_REQUEST);
            }
            if (state.cellsOf(sku).isEmpty())
            {
                return error(command, ErrorCode.SKU_NOT_FOUND);
            }
            final long kitsOfSku = catalog.kits.values().stream().filter(k -> k.components.containsKey(sku)).count();
            if (kitsOfSku >= limits.maxKitsPerSku() && (existing == null || !existing.components.containsKey(sku)))
            {
                return error(command, ErrorCode.INVALID_REQUEST);
            }
        }
        if (existing == null && catalog.kits.size() >= limits.maxKits())
        {
            return error(command, ErrorCode.INVALID_REQUEST);
        }
        final ModelCatalog.Kit kit = existing != null ? existing : new ModelCatalog.Kit();
        if (existing == null || !new ArrayList<>(existing.components.entrySet()).equals(
            new ArrayList<>(components.entrySet())))
        {
            kit.components = components;
            kit.version++;
            catalog.kits.put(command.sku, kit);
        }
        return ok(command, kitPart(command.sku));
    }

    ModelResult getKit(final Command command)
    {
        return catalog.kits.containsKey(command.sku) ? ok(command, kitPart(command.sku))
            : error(command, ErrorCode.SKU_NOT_FOUND);
    }

    private ModelChannelViews.Part kitPart(final String code)
    {
        final ModelCatalog.Kit kit = catalog.kits.get(code);
        final List<List<Object>> components = new ArrayList<>();
        kit.components.forEach((sku, quantity) -> components.add(List.of(sku, quantity)));
        final List<List<Object>> warehouses = new ArrayList<>();
        for (final ModelCell first : state.cellsOf(kit.components.keySet().iterator().next()))
        {
            long whole = Long.MAX_VALUE;
            for (final Map.Entry<String, Long> component : kit.components.entrySet())
            {
                final ModelCell cell = state.cell(component.getKey(), first.warehouse);
                whole = cell == null ? -1 : Math.min(whole, cell.available() / component.getValue());
                if (whole < 0)
                {
                    break;
                }
            }
            if (whole >= 0)
            {
                warehouses.add(List.of(first.warehouse, whole));
            }
        }
        return new ModelChannelViews.Part(List.of(), null, new ModelChannelViews.Kit(code, components, warehouses,
            kit.version), null, List.of());
    }

    ModelResult setAllocation(final Command command)
    {
        if (!ModelCodes.isCode(command.channel) || !ModelCodes.isCode(command.sku) || !ModelCodes.isCode(command.warehouse))
        {
            return error(command, ErrorCode.INVALID_REQUEST);
        }
        if (!ModelCodes.isLevel(command.quantity))
        {
            return error(command, ErrorCode.INVALID_QUANTITY);
        }
        final ModelResult refused = findAllocationCell(command);
        if (refused != null)
        {
            return refused;
        }
        final ModelCell cell = state.cell(command.sku, command.warehouse);
        final List<String> key = List.of(command.channel, command.sku, command.warehouse);
        final ModelCatalog.Allocation allocation = catalog.allocations.get(key);
        final long current = allocation == null ? 0 : allocation.units;
        final long units = command.quantity;
        final boolean unchanged = allocation == null ? units == 0 : units == current && units != 0;
        if (!unchanged)
        {
            final long raise = units - current;
            if (raise > cell.available())
            {
                return new ModelResult(ErrorCode.INSUFFICIENT_STOCK, false, command.sequence, List.of(), List.of(), null,
                    List.of(new ModelShortLine(command.sku, command.warehouse, raise, cell.available())), null);
            }
            state.touch(cell);
            cell.allocated += raise;
            if (units == 0)
            {
                catalog.allocations.remove(key);
            }
            else
            {
                final ModelCatalog.Allocation set = allocation != null ? allocation : new ModelCatalog.Allocation();
                set.units = units;
                set.version++;
                set.setOrder = catalog.setCounter++;
                catalog.allocations.put(key, set);
            }
        }
        return new ModelResult(ErrorCode.OK, false, command.sequence, List.of(), state.finishChanges(), null, List.of(),
            null, allocationPart(command));
    }

    ModelResult getAllocation(final Command command)
    {
        final ModelResult refused = findAllocationCell(command);
        return refused != null ? refused : ok(command, allocationPart(command));
    }

    private ModelResult findAllocationCell(final Command command)
    {
        if (!ModelCodes.isCode(command.channel) || !catalog.channels.containsKey(command.channel))
        {
            return error(command, ErrorCode.CHANNEL_NOT_FOUND);
        }
        if (!ModelCodes.isCode(command.sku) || !ModelCodes.isCode(command.warehouse)
            || state.cell(command.sku, command.warehouse) == null)
        {
            return error(command, ErrorCode.SKU_NOT_FOUND);
        }
        return null;
    }

    private ModelChannelViews.Part allocationPart(final Command command)
    {
        final ModelCatalog.Allocation allocation = catalog.allocations.get(
            List.of(command.channel, command.sku, command.warehouse));
        return new ModelChannelViews.Part(List.of(), null, null, new ModelChannelViews.Allocation(command.channel,
            command.sku, command.warehouse, allocation == null ? 0 : allocation.units,
            allocation == null ? 0 : allocation.version), List.of());
    }
}
