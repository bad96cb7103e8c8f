package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CodeList;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.PushedListings;
import dev.stockhold.client.sbe.BindListingEncoder;
import dev.stockhold.client.sbe.BooleanType;
import dev.stockhold.client.sbe.GetAllocationEncoder;
import dev.stockhold.client.sbe.GetChannelEncoder;
import dev.stockhold.client.sbe.GetKitEncoder;
import dev.stockhold.client.sbe.GetListingEncoder;
import dev.stockhold.client.sbe.GetPushEncoder;
import dev.stockhold.client.sbe.ListChannelsEncoder;
import dev.stockhold.client.sbe.MessageHeaderEncoder;
import dev.stockhold.client.sbe.PutChannelEncoder;
import dev.stockhold.client.sbe.PushOutcomeEncoder;
import dev.stockhold.client.sbe.PutKitEncoder;
import dev.stockhold.client.sbe.SetAllocationEncoder;
import dev.stockhold.client.sbe.UnbindListingEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the channel commands (channels and their push, listings, allocations, kits) for {@link CommandEncoder}. Allocates
 * nothing; not thread-safe.
 */
final class ChannelCommandEncoder
{
    private final MessageHeaderEncoder header;
    private final PutChannelEncoder putChannel = new PutChannelEncoder();
    private final GetChannelEncoder getChannel = new GetChannelEncoder();
    private final ListChannelsEncoder listChannels = new ListChannelsEncoder();
    private final BindListingEncoder bindListing = new BindListingEncoder();
    private final UnbindListingEncoder unbindListing = new UnbindListingEncoder();
    private final GetListingEncoder getListing = new GetListingEncoder();
    private final SetAllocationEncoder setAllocation = new SetAllocationEncoder();
    private final GetAllocationEncoder getAllocation = new GetAllocationEncoder();
    private final PutKitEncoder putKit = new PutKitEncoder();
    private final GetKitEncoder getKit = new GetKitEncoder();
    private final GetPushEncoder getPush = new GetPushEncoder();
    private final PushOutcomeEncoder pushOutcome = new PushOutcomeEncoder();

    ChannelCommandEncoder(final MessageHeaderEncoder header)
    {
        this.header = header;
    }

    /**
     * Writes a channel command at {@code offset}.
     *
     * @return the encoded length, header included, or -1 when the command is no channel command.
     */
    int encode(final Command command, final MutableDirectBuffer buffer, final int offset)
    {
        final int body;
        switch (command.type)
        {
            case PUT_CHANNEL:
                body = encodePutChannel(command, buffer, offset);
                break;
            case GET_CHANNEL:
                body = getChannel.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId).channel(command.channel).encodedLength();
                break;
            case LIST_CHANNELS:
                body = listChannels.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId).encodedLength();
                break;
            case BIND_LISTING:
                body = bindListing.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId)
                    .channel(command.channel).listingId(command.listing).sku(command.sku)
                    .idempotencyKey(command.idempotencyKey).encodedLength();
                break;
            case UNBIND_LISTING:
                body = unbindListing.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId)
                    .channel(command.channel).listingId(command.listing)
                    .idempotencyKey(command.idempotencyKey).encodedLength();
                break;
            case GET_LISTING:
                body = getListing.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId)
                    .channel(command.channel).listingId(command.listing).encodedLength();
                break;
            case SET_ALLOCATION:
                body = setAllocation.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId).units(command.quantity)
                    .channel(command.channel).sku(command.sku).warehouse(command.warehouse)
                    .idempotencyKey(command.idempotencyKey).encodedLength();
                break;
            case GET_ALLOCATION:
                body = getAllocation.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId)
                    .channel(command.channel).sku(command.sku).warehouse(command.warehouse).encodedLength();
                break;
            case PUT_KIT:
                body = encodePutKit(command, buffer, offset);
                break;
            case GET_KIT:
                body = getKit.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId).kit(command.sku).encodedLength();
                break;
            case PUSH_OUTCOME:
                body = encodePushOutcome(command, buffer, offset);
                break;
            case GET_PUSH:
                body = getPush.wrapAndApplyHeader(buffer, offset, header)
                    .correlationId(command.correlationId).channel(command.channel).encodedLength();
                break;
            default:
                return -1;
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + body;
    }

    private int encodePutChannel(final Command command, final MutableDirectBuffer buffer, final int offset)
    {
        final CodeList warehouses = command.channelWarehouses;
        // A journaled channel has a URL exactly when it pushes; a secret alone is a request the server must refuse.
        final boolean push = command.pushUrl != null || command.pushSecret != null;
        putChannel.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(command.correlationId)
            .bufferUnits(command.bufferUnits)
            .percent(command.percent)
            .maxUnits(command.maxUnits)
            .allowPresale(bool(command.allowPresale))
            .everyWarehouse(bool(!warehouses.isPresent()))
            .push(bool(push))
            .pushRatePerSecond(command.pushRatePerSecond)
            .pushBurst(command.pushBurst)
            .pushMaxListings(command.pushMaxListings);
        final PutChannelEncoder.WarehousesEncoder group = putChannel.warehousesCount(warehouses.count());
        for (int i = 0; i < warehouses.count(); i++)
        {
            group.next().warehouse(warehouses.get(i));
        }
        return putChannel.channel(command.channel).idempotencyKey(command.idempotencyKey)
            .pushUrl(command.pushUrl).pushSecret(command.pushSecret).encodedLength();
    }

    /** A recorded push outcome, for a replay target (an ordinary server refuses it). */
    private int encodePushOutcome(final Command command, final MutableDirectBuffer buffer, final int offset)
    {
        pushOutcome.wrapAndApplyHeader(buffer, offset, header)
            .correlationId(command.correlationId)
            .status(command.status);
        final PushedListings listings = command.pushed;
        final PushOutcomeEncoder.ListingsEncoder group = pushOutcome.listingsCount(listings.count());
        for (int i = 0; i < listings.count(); i++)
        {
            group.next().published(listings.published(i)).seq(listings.sequence(i))
                .listingId(listings.listingId(i)).sku(listings.sku(i));
        }
        return pushOutcome.channel(command.channel).delivery(command.delivery).failure(command.reason).encodedLength();
    }

    private int encodePutKit(final Command command, final MutableDirectBuffer buffer, final int offset)
    {
        putKit.wrapAndApplyHeader(buffer, offset, header).correlationId(command.correlationId);
        final OrderLines components = command.lines;
        final PutKitEncoder.ComponentsEncoder group = putKit.componentsCount(components.count());
        for (int i = 0; i < components.count(); i++)
        {
            group.next().quantity(components.quantity(i)).sku(components.sku(i));
        }
        return putKit.kit(command.sku).idempotencyKey(command.idempotencyKey).encodedLength();
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
