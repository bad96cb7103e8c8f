package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.AllocationView;
import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.KitView;
import dev.stockhold.engine.command.ListingView;
import dev.stockhold.engine.command.PushView;
import dev.stockhold.client.sbe.AllocationResultEncoder;
import dev.stockhold.client.sbe.BooleanType;
import dev.stockhold.client.sbe.ChannelsResultEncoder;
import dev.stockhold.client.sbe.KitResultEncoder;
import dev.stockhold.client.sbe.ListingResultEncoder;
import dev.stockhold.client.sbe.MessageHeaderEncoder;
import dev.stockhold.client.sbe.PushResultEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the answers of the channel commands (channels and their push, listings, allocations, kits) for
 * {@link ReplyEncoder}, into its scratch buffer from offset 0. A channel's push secret is never carried: it is
 * write-only on both protocols. Not thread-safe: owned by one {@link ReplyEncoder}.
 */
final class ChannelReplyEncoder
{
    private final MutableDirectBuffer buffer;
    private final MessageHeaderEncoder header;
    private final ChannelsResultEncoder channels = new ChannelsResultEncoder();
    private final ListingResultEncoder listing = new ListingResultEncoder();
    private final AllocationResultEncoder allocation = new AllocationResultEncoder();
    private final KitResultEncoder kit = new KitResultEncoder();
    private final PushResultEncoder push = new PushResultEncoder();

    ChannelReplyEncoder(final MutableDirectBuffer buffer, final MessageHeaderEncoder header)
    {
        this.buffer = buffer;
        this.header = header;
    }

    /** Encodes one channel's rules (a PUT or GET) or every channel's (a list); @return the encoded length. */
    int encodeChannels(final long correlationId, final long sequence, final boolean replayed,
        final ChannelViews views)
    {
        channels.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .sequence(sequence)
            .replayed(bool(replayed));
        final ChannelsResultEncoder.ChannelsEncoder group = channels.channelsCount(views.count());
        for (int i = 0; i < views.count(); i++)
        {
            final String pushUrl = views.pushUrl(i);
            group.next()
                .bufferUnits(views.bufferUnits(i))
                .percent(views.percent(i))
                .maxUnits(views.maxUnits(i) == ChannelViews.NO_CAP
                    ? ChannelsResultEncoder.ChannelsEncoder.maxUnitsNullValue() : views.maxUnits(i))
                .allowPresale(bool(views.allowPresale(i)))
                .everyWarehouse(bool(views.everyWarehouse(i)))
                .version(views.version(i))
                .push(bool(pushUrl != null))
                .pushRatePerSecond(pushUrl == null ? 0 : views.pushRatePerSecond(i))
                .pushBurst(pushUrl == null ? 0 : views.pushBurst(i))
                .pushMaxListings(pushUrl == null ? 0 : views.pushMaxListings(i));
            final ChannelsResultEncoder.ChannelsEncoder.WarehousesEncoder warehouses =
                group.warehousesCount(views.warehouseCount(i));
            for (int w = 0; w < views.warehouseCount(i); w++)
            {
                warehouses.next().warehouse(views.warehouse(i, w));
            }
            group.channel(views.channel(i)).pushUrl(pushUrl);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + channels.encodedLength();
    }

    /** Encodes a listing (a bind, an unbind: as it was bound, or a read); @return the encoded length. */
    int encodeListing(final long correlationId, final long sequence, final boolean replayed, final ListingView view)
    {
        listing.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .sequence(sequence)
            .replayed(bool(replayed))
            .published(view.published())
            .version(view.version())
            .channel(view.channel())
            .listingId(view.listingId())
            .sku(view.sku());
        return MessageHeaderEncoder.ENCODED_LENGTH + listing.encodedLength();
    }

    /** Encodes one channel's allocation of a cell; @return the encoded length. */
    int encodeAllocation(final long correlationId, final long sequence, final boolean replayed,
        final AllocationView view)
    {
        allocation.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .sequence(sequence)
            .replayed(bool(replayed))
            .units(view.units())
            .version(view.version())
            .channel(view.channel())
            .sku(view.sku())
            .warehouse(view.warehouse());
        return MessageHeaderEncoder.ENCODED_LENGTH + allocation.encodedLength();
    }

    /** Encodes a kit: its components and the whole kits each warehouse could ship; @return the encoded length. */
    int encodeKit(final long correlationId, final long sequence, final boolean replayed, final KitView view)
    {
        kit.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .sequence(sequence)
            .replayed(bool(replayed))
            .available(view.available())
            .version(view.version());
        final KitResultEncoder.ComponentsEncoder components = kit.componentsCount(view.componentCount());
        for (int i = 0; i < view.componentCount(); i++)
        {
            components.next().quantity(view.componentQuantity(i)).sku(view.componentSku(i));
        }
        final KitResultEncoder.WarehousesEncoder warehouses = kit.warehousesCount(view.warehouseCount());
        for (int i = 0; i < view.warehouseCount(); i++)
        {
            warehouses.next().available(view.warehouseAvailable(i)).warehouse(view.warehouse(i));
        }
        kit.kit(view.sku());
        return MessageHeaderEncoder.ENCODED_LENGTH + kit.encodedLength();
    }

    /** Encodes a channel's push progress (its dead letters in the engine's order); @return the encoded length. */
    int encodePush(final long correlationId, final long sequence, final PushView view)
    {
        push.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .sequence(sequence)
            .acknowledgedSeq(view.acknowledgedSeq())
            .pendingListings(view.pendingListings())
            .lagMillis(view.lagMillis());
        final PushResultEncoder.DeadLettersEncoder dead = push.deadLettersCount(view.deadLetterCount());
        for (int i = 0; i < view.deadLetterCount(); i++)
        {
            dead.next().status((int)view.deadStatus(i)).atMillis(view.deadAt(i)).listingId(view.deadListing(i));
        }
        push.channel(view.channel()).lastError(view.lastError());
        return MessageHeaderEncoder.ENCODED_LENGTH + push.encodedLength();
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
