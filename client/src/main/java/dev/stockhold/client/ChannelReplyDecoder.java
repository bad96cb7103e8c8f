package dev.stockhold.client;

import dev.stockhold.client.sbe.AllocationResultDecoder;
import dev.stockhold.client.sbe.BooleanType;
import dev.stockhold.client.sbe.ChannelsResultDecoder;
import dev.stockhold.client.sbe.KitResultDecoder;
import dev.stockhold.client.sbe.ListingResultDecoder;
import dev.stockhold.client.sbe.PushResultDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the answers of the channel commands (channels and their push, listings, allocations, kits) for {@link ReplyDecoder}.
 * Not thread-safe; one per {@link ReplyDecoder}.
 */
final class ChannelReplyDecoder
{
    private final ChannelsResultDecoder channels = new ChannelsResultDecoder();
    private final ListingResultDecoder listing = new ListingResultDecoder();
    private final AllocationResultDecoder allocation = new AllocationResultDecoder();
    private final KitResultDecoder kit = new KitResultDecoder();
    private final PushResultDecoder push = new PushResultDecoder();

    /**
     * @return the length of the answer's body, without allocating.
     * @throws IllegalStateException for a message this client does not know.
     */
    int decodedLength(final int templateId, final DirectBuffer buffer, final int body, final int blockLength,
        final int version)
    {
        return switch (templateId)
        {
            case ChannelsResultDecoder.TEMPLATE_ID ->
                channels.wrap(buffer, body, blockLength, version).sbeDecodedLength();
            case ListingResultDecoder.TEMPLATE_ID ->
                listing.wrap(buffer, body, blockLength, version).sbeDecodedLength();
            case AllocationResultDecoder.TEMPLATE_ID ->
                allocation.wrap(buffer, body, blockLength, version).sbeDecodedLength();
            case KitResultDecoder.TEMPLATE_ID -> kit.wrap(buffer, body, blockLength, version).sbeDecodedLength();
            case PushResultDecoder.TEMPLATE_ID -> push.wrap(buffer, body, blockLength, version).sbeDecodedLength();
            default -> throw new IllegalStateException("unknown answer template " + templateId);
        };
    }

    /** @return the answer as a {@link Result}. */
    Result decode(final int templateId, final DirectBuffer buffer, final int body, final int blockLength,
        final int version)
    {
        return switch (templateId)
        {
            case ChannelsResultDecoder.TEMPLATE_ID -> decodeChannels(buffer, body, blockLength, version);
            case ListingResultDecoder.TEMPLATE_ID ->
            {
                listing.wrap(buffer, body, blockLength, version);
                final long sequence = listing.sequence();
                final boolean replayed = listing.replayed() == BooleanType.TRUE;
                final long published = listing.published();
                final long listingVersion = listing.version();
                final String channel = listing.channel();
                final String listingId = listing.listingId();
                yield new Result.Listing(sequence, replayed, channel, listingId, listing.sku(), published,
                    listingVersion);
            }
            case AllocationResultDecoder.TEMPLATE_ID ->
            {
                allocation.wrap(buffer, body, blockLength, version);
                final long sequence = allocation.sequence();
                final boolean replayed = allocation.replayed() == BooleanType.TRUE;
                final long units = allocation.units();
                final long allocationVersion = allocation.version();
                final String channel = allocation.channel();
                final String sku = allocation.sku();
                yield new Result.Allocation(sequence, replayed, channel, sku, allocation.warehouse(), units,
                    allocationVersion);
            }
            case KitResultDecoder.TEMPLATE_ID -> decodeKit(buffer, body, blockLength, version);
            case PushResultDecoder.TEMPLATE_ID -> decodePush(buffer, body, blockLength, version);
            default -> throw new IllegalStateException("unknown answer template " + templateId);
        };
    }

    private Result decodeChannels(final DirectBuffer buffer, final int body, final int blockLength,
        final int version)
    {
        channels.wrap(buffer, body, blockLength, version);
        final long sequence = channels.sequence();
        final boolean replayed = channels.replayed() == BooleanType.TRUE;
        final List<Result.Channel> list = new ArrayList<>();
        for (final ChannelsResultDecoder.ChannelsDecoder c : channels.channels())
        {
            final long maxUnits = c.maxUnits();
            final boolean everyWarehouse = c.everyWarehouse() == BooleanType.TRUE;
            final boolean pushes = c.push() == BooleanType.TRUE;
            final long rate = c.pushRatePerSecond();
            final long burst = c.pushBurst();
            final long maxListings = c.pushMaxListings();
            final List<String> warehouses = new ArrayList<>();
            for (final ChannelsResultDecoder.ChannelsDecoder.WarehousesDecoder w : c.warehouses())
            {
                warehouses.add(w.warehouse());
            }
            final String channel = c.channel();
            final String url = c.pushUrl();
            list.add(new Result.Channel(channel, everyWarehouse ? null : List.copyOf(warehouses),
                c.bufferUnits(), c.percent(),
                maxUnits == ChannelsResultDecoder.ChannelsDecoder.maxUnitsNullValue() ? Result.NO_CAP : maxUnits,
                c.allowPresale() == BooleanType.TRUE, c.version(),
                pushes ? new Result.ChannelPush(url, rate, burst, maxListings) : null));
        }
        return new Result.Channels(sequence, replayed, List.copyOf(list));
    }

    private Result decodePush(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        push.wrap(buffer, body, blockLength, version);
        final long sequence = push.sequence();
        final long acknowledgedSeq = push.acknowledgedSeq();
        final long pendingListings = push.pendingListings();
        final long lagMillis = push.lagMillis();
        final List<Result.DeadLetter> deadLetters = new ArrayList<>();
        for (final PushResultDecoder.DeadLettersDecoder d : push.deadLetters())
        {
            final int status = d.status();
            final long atMillis = d.atMillis();
            deadLetters.add(new Result.DeadLetter(d.listingId(), status, atMillis));
        }
        final String channel = push.channel();
        final String lastError = push.lastError();
        return new Result.Push(sequence, channel, acknowledgedSeq, pendingListings, List.copyOf(deadLetters),
            lastError.isEmpty() ? null : lastError, lagMillis);
    }

    private Result decodeKit(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        kit.wrap(buffer, body, blockLength, version);
        final long sequence = kit.sequence();
        final boolean replayed = kit.replayed() == BooleanType.TRUE;
        final long available = kit.available();
        final long kitVersion = kit.version();
        final List<Result.KitComponent> components = new ArrayList<>();
        for (final KitResultDecoder.ComponentsDecoder c : kit.components())
        {
            final long quantity = c.quantity();
            components.add(new Result.KitComponent(c.sku(), quantity));
        }
        final List<Result.KitWarehouse> warehouses = new ArrayList<>();
        for (final KitResultDecoder.WarehousesDecoder w : kit.warehouses())
        {
            final long warehouseAvailable = w.available();
            warehouses.add(new Result.KitWarehouse(w.warehouse(), warehouseAvailable));
        }
        return new Result.Kit(sequence, replayed, kit.kit(), List.copyOf(components), available,
            List.copyOf(warehouses), kitVersion);
    }
}
