package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.CodeList;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Validation;

import java.util.Objects;

/**
 * The channel commands of docs/channels.md: a channel's rules, its listings and its allocations, and
 * their reads. Each validates everything before it changes anything, then leaves the published
 * quantities it can have changed to the {@link Publisher}. Ledger thread only.
 */
final class ChannelCommands
{
    private final StockCells cells;
    private final ChannelTable channels;
    private final ListingTable listings;
    private final KitTable kits;
    private final AllocationTable allocations;
    private final Publisher publisher;
    private final ChannelPushes pushes;
    private final ChannelLimits limits;

    ChannelCommands(final StockCells cells, final ChannelTable channels, final ListingTable listings,
        final KitTable kits, final AllocationTable allocations, final Publisher publisher, final ChannelPushes pushes,
        final ChannelLimits limits)
    {
        this.pushes = pushes;
        this.cells = cells;
        this.channels = channels;
        this.listings = listings;
        this.kits = kits;
        this.allocations = allocations;
        this.publisher = publisher;
        this.limits = limits;
    }

    void putChannel(final Command command, final long nowMillis)
    {
        final CommandResult result = command.result;
        if (!Validation.isCode(command.channel))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "channel must be 1-64 printable ASCII, no space or /");
            return;
        }
        if (!hasValidWarehouses(command.channelWarehouses))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "warehouses must be null or 1..100 distinct warehouse codes");
            return;
        }
        if (!Validation.isLevel(command.bufferUnits) || !Validation.isPercent(command.percent)
            || (command.maxUnits != Command.ABSENT && !Validation.isLevel(command.maxUnits)))
        {
            result.fail(ErrorCode.INVALID_QUANTITY, "bufferUnits and maxUnits must be 0..10^12, percent 0..100");
            return;
        }
        if (!hasValidPush(command, result))
        {
            return;
        }
        final int existing = channels.find(command.channel);
        if (existing == ChannelTable.MISSING && channels.count() >= limits.maxChannels())
        {
            result.fail(ErrorCode.INVALID_REQUEST, "channel limit reached");
            return;
        }
        final long versionBefore = existing == ChannelTable.MISSING ? 0 : channels.version(existing);
        final int channel = channels.put(command.channel, command.channelWarehouses, command.bufferUnits,
            command.percent, command.maxUnits == Command.ABSENT ? ChannelViews.NO_CAP : command.maxUnits,
            command.allowPresale);
        if (channels.version(channel) != versionBefore)
        {
            publisher.refreshChannel(channel, result.published());
        }
        configurePush(channel, command, versionBefore, nowMillis);
        copyChannel(channel, result);
    }

    private static boolean hasValidPush(final Command command, final CommandResult result)
    {
        if (command.pushUrl == null)
        {
            return true;
        }
        if (!Validation.isPushUrl(command.pushUrl))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "push.url must be an absolute http:// or https:// URL");
            return false;
        }
        if (!Validation.isPushSecret(command.pushSecret))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "push.secret must be 1-256 printable ASCII characters");
            return false;
        }
        if (!Validation.isPushRate(command.pushRatePerSecond) || !Validation.isPushRate(command.pushBurst)
            || !Validation.isPushListings(command.pushMaxListings))
        {
            result.fail(ErrorCode.INVALID_QUANTITY,
                "push.ratePerSecond and push.burst must be 1..10,000, push.maxListings 1..1,000");
            return false;
        }
        return true;
    }

    /**
     * Sets the channel's push; a change of it is a change of the channel's definition. A channel that starts
     * pushing (or pushes elsewhere) owes every bound listing's current value; any PUT releases its dead letters.
     */
    private void configurePush(final int channel, final Command command, final long versionBefore,
        final long nowMillis)
    {
        final boolean changed = !Objects.equals(pushes.url(channel), command.pushUrl)
            || (command.pushUrl != null && (!command.pushSecret.equals(pushes.secret(channel))
            || pushes.ratePerSecond(channel) != command.pushRatePerSecond
            || pushes.burst(channel) != command.pushBurst || pushes.maxListings(channel) != command.pushMaxListings));
        if (!changed)
        {
            pushes.releaseDead(channel, nowMillis);
            return;
        }
        if (channels.version(channel) == versionBefore)
        {
            channels.bumpVersion(channel);
        }
        final boolean owesEverything = pushes.configure(channel, command.pushUrl, command.pushSecret,
            command.pushRatePerSecond, command.pushBurst, command.pushMaxListings);
        pushes.releaseDead(channel, nowMillis);
        if (owesEverything)
        {
            for (int slot = listings.firstOfChannel(channel); slot != ListingTable.NONE;
                slot = listings.nextOfChannel(slot))
            {
                pushes.changed(channel, listings.listingId(slot), publisher.targetCode(slot),
                    listings.published(slot), command.sequence, PushEntry.NEVER, nowMillis);
            }
        }
    }

    /** Appends a channel's rules and push settings to an answer. */
    private void copyChannel(final int channel, final CommandResult result)
    {
        channels.copyTo(channel, result.channels());
        final String url = pushes.url(channel);
        if (url != null)
        {
            result.channels().push(url, pushes.ratePerSecond(channel), pushes.burst(channel),
                pushes.maxListings(channel));
        }
    }

    void getPush(final Command command, final long nowMillis, final boolean delivery)
    {
        final int channel = findChannel(command, command.result);
        if (channel != ChannelTable.MISSING)
        {
            pushes.answer(channel, nowMillis, delivery, command.result.push());
        }
    }

    void pushOutcome(final Command command, final long nowMillis)
    {
        if (!Validation.isCode(command.channel) || command.delivery == null)
        {
            command.result.fail(ErrorCode.INVALID_REQUEST, "a push outcome names a channel and a delivery");
            return;
        }
        pushes.outcome(command, nowMillis);
    }

    private static boolean hasValidWarehouses(final CodeList warehouses)
    {
        if (!warehouses.isPresent())
        {
            return true;
        }
        if (warehouses.count() < 1 || warehouses.count() > Validation.MAX_CHANNEL_WAREHOUSES)
        {
            return false;
        }
        for (int i = 0; i < warehouses.count(); i++)
        {
            if (!Validation.isCode(warehouses.get(i)))
            {
                return false;
            }
            for (int j = 0; j < i; j++)
            {
                if (warehouses.get(j).equals(warehouses.get(i)))
                {
                    return false;
                }
            }
        }
        return true;
    }

    void bindListing(final Command command)
    {
        final CommandResult result = command.result;
        if (!hasValidListing(command, result))
        {
            return;
        }
        if (!Validation.isCode(command.sku))
        {
            result.fail(ErrorCode.INVALID_REQUEST, "sku must be 1-64 printable ASCII, no space or /");
            return;
        }
        final int channel = findChannel(command, result);
        if (channel == ChannelTable.MISSING)
        {
            return;
        }
        final int skuId = cells.findSku(command.sku);
        final int kitId = skuId == StockCells.MISSING ? kits.find(command.sku) : KitTable.MISSING;
        if (skuId == StockCells.MISSING && kitId == KitTable.MISSING)
        {
            result.fail(ErrorCode.SKU_NOT_FOUND, "no stocked sku and no kit of that code");
            return;
        }
        final int slot = listings.find(channel, command.listing);
        final boolean same = slot != ListingTable.NONE && listings.sku(slot) == skuId && listings.kit(slot) == kitId;
        if (!same && !hasRoom(slot, skuId, kitId, result))
        {
            return;
        }
        int bound = slot;
        if (slot == ListingTable.NONE)
        {
            bound = listings.bind(channel, command.listing, skuId, kitId);
            publisher.bound(bound, 0, "", result.published());
        }
        else if (!same)
        {
            final String previousSku = publisher.targetCode(slot);
            listings.rebind(slot, skuId, kitId);
            publisher.bound(slot, listings.published(slot), previousSku, result.published());
        }
        copyListing(bound, listings.published(bound), result);
    }

    private boolean hasRoom(final int slot, final int skuId, final int kitId, final CommandResult result)
    {
        if (slot == ListingTable.NONE && listings.count() >= limits.maxListings())
        {
            result.fail(ErrorCode.INVALID_REQUEST, "listing limit reached");
            return false;
        }
        final int onCode = skuId != StockCells.MISSING ? listings.countOfSku(skuId) : listings.countOfKit(kitId);
        if (onCode >= limits.maxListingsPerCode())
        {
            result.fail(ErrorCode.INVALID_REQUEST, "limit of listings bound to one sku or kit reached");
            return false;
        }
        return true;
    }

    void unbindListing(final Command command)
    {
        final CommandResult result = command.result;
        final int slot = findListing(command, result);
        if (slot == ListingTable.NONE)
        {
            return;
        }
        final String sku = publisher.targetCode(slot);
        result.listing().set(command.channel, listings.listingId(slot), sku, 0, listings.version(slot));
        result.published().add(command.channel, listings.listingId(slot), sku, listings.published(slot), 0);
        listings.unbind(slot);
    }

    void getListing(final Command command)
    {
        final int slot = findListing(command, command.result);
        if (slot != ListingTable.NONE)
        {
            copyListing(slot, listings.published(slot), command.result);
        }
    }

    void getChannel(final Command command)
    {
        final int channel = findChannel(command, command.result);
        if (channel != ChannelTable.MISSING)
        {
            copyChannel(channel, command.result);
        }
    }

    void listChannels(final Command command)
    {
        for (int rank = 0; rank < channels.count(); rank++)
        {
            copyChannel(channels.inCodeOrder(rank), command.result);
        }
    }

    private boolean hasValidListing(final Command command, final CommandResult result)
    {
        if (!Validation.isCode(command.channel) || !Validation.isListingId(command.listing))
        {
            result.fail(ErrorCode.INVALID_REQUEST,
                "channel must be 1-64 and listing 1-128 printable ASCII, no space or /");
            return false;
        }
        return true;
    }

    private int findListing(final Command command, final CommandResult result)
    {
        if (!hasValidListing(command, result))
        {
            return ListingTable.NONE;
        }
        final int channel = findChannel(command, result);
        if (channel == ChannelTable.MISSING)
        {
            return ListingTable.NONE;
        }
        final int slot = listings.find(channel, command.listing);
        if (slot == ListingTable.NONE)
        {
            result.fail(ErrorCode.LISTING_NOT_FOUND, "the listing is not bound");
        }
        return slot;
    }

    /** @return the command's channel, or {@link ChannelTable#MISSING} with ERR_CHANNEL_NOT_FOUND set. */
    private int findChannel(final Command command, final CommandResult result)
    {
        final int channel = Validation.isCode(command.channel) ? channels.find(command.channel) : ChannelTable.MISSING;
        if (channel == ChannelTable.MISSING)
        {
            result.fail(ErrorCode.CHANNEL_NOT_FOUND, "no such configured channel");
        }
        return channel;
    }

    private void copyListing(final int slot, final long published, final CommandResult result)
    {
        result.listing().set(channels.code(listings.channel(slot)), listings.listingId(slot),
            publisher.targetCode(slot), published, listings.version(slot));
    }
}
