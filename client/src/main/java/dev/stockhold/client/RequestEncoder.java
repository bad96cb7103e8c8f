package dev.stockhold.client;

import dev.stockhold.client.request.AdjustRequest;
import dev.stockhold.client.request.BindListingRequest;
import dev.stockhold.client.request.GetAllocationRequest;
import dev.stockhold.client.request.GetChannelRequest;
import dev.stockhold.client.request.GetDigestRequest;
import dev.stockhold.client.request.GetKitRequest;
import dev.stockhold.client.request.GetPushRequest;
import dev.stockhold.client.request.GetListingRequest;
import dev.stockhold.client.request.GetReservationRequest;
import dev.stockhold.client.request.GetStockRequest;
import dev.stockhold.client.request.KitComponent;
import dev.stockhold.client.request.ListChannelsRequest;
import dev.stockhold.client.request.LockLine;
import dev.stockhold.client.request.LockRequest;
import dev.stockhold.client.request.PushSettings;
import dev.stockhold.client.request.PutChannelRequest;
import dev.stockhold.client.request.PutKitRequest;
import dev.stockhold.client.request.ReceiveRequest;
import dev.stockhold.client.request.Request;
import dev.stockhold.client.request.SetAllocationRequest;
import dev.stockhold.client.request.SetStockRequest;
import dev.stockhold.client.request.SettleLine;
import dev.stockhold.client.request.SettleRequest;
import dev.stockhold.client.request.StockItem;
import dev.stockhold.client.request.UnbindListingRequest;
import dev.stockhold.client.sbe.AdjustEncoder;
import dev.stockhold.client.sbe.AuthenticateEncoder;
import dev.stockhold.client.sbe.BindListingEncoder;
import dev.stockhold.client.sbe.BooleanType;
import dev.stockhold.client.sbe.GetAllocationEncoder;
import dev.stockhold.client.sbe.GetChannelEncoder;
import dev.stockhold.client.sbe.GetDigestEncoder;
import dev.stockhold.client.sbe.GetKitEncoder;
import dev.stockhold.client.sbe.GetPushEncoder;
import dev.stockhold.client.sbe.GetListingEncoder;
import dev.stockhold.client.sbe.GetReservationEncoder;
import dev.stockhold.client.sbe.GetStockEncoder;
import dev.stockhold.client.sbe.ListChannelsEncoder;
import dev.stockhold.client.sbe.LockEncoder;
import dev.stockhold.client.sbe.MessageHeaderEncoder;
import dev.stockhold.client.sbe.PutChannelEncoder;
import dev.stockhold.client.sbe.PutKitEncoder;
import dev.stockhold.client.sbe.ReceiveEncoder;
import dev.stockhold.client.sbe.SetAllocationEncoder;
import dev.stockhold.client.sbe.SetStockEncoder;
import dev.stockhold.client.sbe.SettleAction;
import dev.stockhold.client.sbe.SettleEncoder;
import dev.stockhold.client.sbe.SubscribeChannelEncoder;
import dev.stockhold.client.sbe.SubscribeEncoder;
import dev.stockhold.client.sbe.UnbindListingEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.List;

/** Encodes a {@link Request} as one SBE message. Not thread-safe; one per client. */
final class RequestEncoder
{
    /** An absent optional long on the wire (the schema's OptionalLong null value). */
    private static final long ABSENT = Long.MIN_VALUE;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final LockEncoder lock = new LockEncoder();
    private final SettleEncoder settle = new SettleEncoder();
    private final SetStockEncoder setStock = new SetStockEncoder();
    private final AdjustEncoder adjust = new AdjustEncoder();
    private final ReceiveEncoder receive = new ReceiveEncoder();
    private final GetStockEncoder getStock = new GetStockEncoder();
    private final GetReservationEncoder getReservation = new GetReservationEncoder();
    private final GetDigestEncoder getDigest = new GetDigestEncoder();
    private final SubscribeEncoder subscribe = new SubscribeEncoder();
    private final SubscribeChannelEncoder subscribeChannel = new SubscribeChannelEncoder();
    private final AuthenticateEncoder authenticate = new AuthenticateEncoder();
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

    /**
     * Writes {@code request} at {@code offset}; an expandable buffer grows as needed.
     *
     * @return the encoded length, header included.
     */
    int encode(final Request request, final long correlationId, final MutableDirectBuffer buffer, final int offset)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + encodeBody(request, correlationId, buffer, offset);
    }

    private int encodeBody(final Request request, final long id, final MutableDirectBuffer buffer, final int offset)
    {
        if (request instanceof LockRequest)
        {
            return encodeLock((LockRequest)request, id, buffer, offset);
        }
        if (request instanceof SettleRequest)
        {
            return encodeSettle((SettleRequest)request, id, buffer, offset);
        }
        if (request instanceof SetStockRequest)
        {
            return encodeSetStock((SetStockRequest)request, id, buffer, offset);
        }
        if (request instanceof AdjustRequest)
        {
            final AdjustRequest r = (AdjustRequest)request;
            return adjust.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .onHandDelta(r.onHandDelta()).inTransitDelta(r.inTransitDelta())
                .safetyStockDelta(r.safetyStockDelta())
                .sku(r.sku()).warehouse(r.warehouse()).reason(r.reason()).idempotencyKey(r.idempotencyKey())
                .encodedLength();
        }
        if (request instanceof ReceiveRequest)
        {
            final ReceiveRequest r = (ReceiveRequest)request;
            return receive.wrapAndApplyHeader(buffer, offset, header).correlationId(id).quantity(r.quantity())
                .sku(r.sku()).warehouse(r.warehouse()).idempotencyKey(r.idempotencyKey()).encodedLength();
        }
        if (request instanceof GetStockRequest)
        {
            final GetStockRequest r = (GetStockRequest)request;
            return getStock.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .sku(r.sku()).warehouse(r.warehouse()).encodedLength();
        }
        if (request instanceof GetReservationRequest)
        {
            return getReservation.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .orderId(((GetReservationRequest)request).orderId()).encodedLength();
        }
        if (request instanceof GetDigestRequest)
        {
            return getDigest.wrapAndApplyHeader(buffer, offset, header).correlationId(id).encodedLength();
        }
        return encodeChannelRequest(request, id, buffer, offset);
    }

    private int encodeChannelRequest(final Request request, final long id, final MutableDirectBuffer buffer,
        final int offset)
    {
        if (request instanceof PutChannelRequest)
        {
            return encodePutChannel((PutChannelRequest)request, id, buffer, offset);
        }
        if (request instanceof GetChannelRequest)
        {
            return getChannel.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .channel(((GetChannelRequest)request).channel()).encodedLength();
        }
        if (request instanceof ListChannelsRequest)
        {
            return listChannels.wrapAndApplyHeader(buffer, offset, header).correlationId(id).encodedLength();
        }
        if (request instanceof BindListingRequest)
        {
            final BindListingRequest r = (BindListingRequest)request;
            return bindListing.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .channel(r.channel()).listingId(r.listingId()).sku(r.sku()).idempotencyKey(r.idempotencyKey())
                .encodedLength();
        }
        if (request instanceof UnbindListingRequest)
        {
            final UnbindListingRequest r = (UnbindListingRequest)request;
            return unbindListing.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .channel(r.channel()).listingId(r.listingId()).idempotencyKey(r.idempotencyKey()).encodedLength();
        }
        if (request instanceof GetListingRequest)
        {
            final GetListingRequest r = (GetListingRequest)request;
            return getListing.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .channel(r.channel()).listingId(r.listingId()).encodedLength();
        }
        if (request instanceof SetAllocationRequest)
        {
            final SetAllocationRequest r = (SetAllocationRequest)request;
            return setAllocation.wrapAndApplyHeader(buffer, offset, header).correlationId(id).units(r.units())
                .channel(r.channel()).sku(r.sku()).warehouse(r.warehouse()).idempotencyKey(r.idempotencyKey())
                .encodedLength();
        }
        if (request instanceof GetAllocationRequest)
        {
            final GetAllocationRequest r = (GetAllocationRequest)request;
            return getAllocation.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .channel(r.channel()).sku(r.sku()).warehouse(r.warehouse()).encodedLength();
        }
        if (request instanceof PutKitRequest)
        {
            final PutKitRequest r = (PutKitRequest)request;
            putKit.wrapAndApplyHeader(buffer, offset, header).correlationId(id);
            final PutKitEncoder.ComponentsEncoder group = putKit.componentsCount(r.components().size());
            for (final KitComponent component : r.components())
            {
                group.next().quantity(component.quantity()).sku(component.sku());
            }
            return putKit.kit(r.kit()).idempotencyKey(r.idempotencyKey()).encodedLength();
        }
        if (request instanceof GetKitRequest)
        {
            return getKit.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .kit(((GetKitRequest)request).kit()).encodedLength();
        }
        if (request instanceof GetPushRequest)
        {
            return getPush.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
                .channel(((GetPushRequest)request).channel()).encodedLength();
        }
        throw new IllegalArgumentException("not a protocol request: " + request);
    }

    /** Encodes an authentication with an API key's secret; @return its length. */
    int encodeAuthenticate(final long correlationId, final String secret, final MutableDirectBuffer buffer,
        final int offset)
    {
        authenticate.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).secret(secret);
        return MessageHeaderEncoder.ENCODED_LENGTH + authenticate.encodedLength();
    }

    /**
     * Encodes a subscription to the change feed, or (channel not null) to one channel's feed.
     *
     * @param afterSeq the last sequence seen, or {@link Long#MIN_VALUE} for "from now".
     * @return its length.
     */
    int encodeSubscribe(final long correlationId, final String channel, final long afterSeq,
        final MutableDirectBuffer buffer, final int offset)
    {
        if (channel == null)
        {
            subscribe.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).afterSeq(afterSeq);
            return MessageHeaderEncoder.ENCODED_LENGTH + subscribe.encodedLength();
        }
        subscribeChannel.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).afterSeq(afterSeq)
            .channel(channel);
        return MessageHeaderEncoder.ENCODED_LENGTH + subscribeChannel.encodedLength();
    }

    private int encodeLock(final LockRequest r, final long id, final MutableDirectBuffer buffer, final int offset)
    {
        lock.wrapAndApplyHeader(buffer, offset, header).correlationId(id).ttlSeconds(r.ttlSeconds())
            .allowPresale(bool(r.allowPresale())).allowSplit(bool(r.allowSplit()));
        final List<LockLine> lines = r.lines();
        final LockEncoder.LinesEncoder group = lock.linesCount(lines.size());
        for (final LockLine line : lines)
        {
            group.next().quantity(line.quantity()).sku(line.sku()).warehouse(line.warehouse())
                .listing(line.listing());
        }
        return lock.orderId(r.orderId()).channel(r.channel()).idempotencyKey(r.idempotencyKey()).encodedLength();
    }

    private int encodeSettle(final SettleRequest r, final long id, final MutableDirectBuffer buffer,
        final int offset)
    {
        settle.wrapAndApplyHeader(buffer, offset, header).correlationId(id)
            .action(SettleAction.get((short)r.action().wireCode()));
        final SettleEncoder.LinesEncoder group = settle.linesCount(r.lines().size());
        for (final SettleLine line : r.lines())
        {
            group.next().quantity(line.quantity()).sku(line.sku()).warehouse(line.warehouse());
        }
        return settle.orderId(r.orderId()).idempotencyKey(r.idempotencyKey()).encodedLength();
    }

    private int encodeSetStock(final SetStockRequest r, final long id, final MutableDirectBuffer buffer,
        final int offset)
    {
        setStock.wrapAndApplyHeader(buffer, offset, header).correlationId(id);
        final SetStockEncoder.ItemsEncoder group = setStock.itemsCount(r.items().size());
        for (final StockItem item : r.items())
        {
            group.next().onHand(orAbsent(item.onHand())).inTransit(orAbsent(item.inTransit()))
                .safetyStock(orAbsent(item.safetyStock())).expectedVersion(orAbsent(item.expectedVersion()))
                .sku(item.sku()).warehouse(item.warehouse());
        }
        return setStock.idempotencyKey(r.idempotencyKey()).encodedLength();
    }

    private int encodePutChannel(final PutChannelRequest r, final long id, final MutableDirectBuffer buffer,
        final int offset)
    {
        final List<String> warehouses = r.warehouses() == null ? List.of() : r.warehouses();
        final PushSettings push = r.push();
        putChannel.wrapAndApplyHeader(buffer, offset, header).correlationId(id).bufferUnits(r.bufferUnits())
            .percent(r.percent()).maxUnits(orAbsent(r.maxUnits())).allowPresale(bool(r.allowPresale()))
            .everyWarehouse(bool(r.warehouses() == null))
            .push(bool(push != null))
            .pushRatePerSecond(push == null ? 0 : push.ratePerSecond())
            .pushBurst(push == null ? 0 : push.burst())
            .pushMaxListings(push == null ? 0 : push.maxListings());
        final PutChannelEncoder.WarehousesEncoder group = putChannel.warehousesCount(warehouses.size());
        for (final String warehouse : warehouses)
        {
            group.next().warehouse(warehouse);
        }
        return putChannel.channel(r.channel()).idempotencyKey(r.idempotencyKey())
            .pushUrl(push == null ? null : push.url()).pushSecret(push == null ? null : push.secret())
            .encodedLength();
    }

    private static long orAbsent(final Long value)
    {
        return value == null ? ABSENT : value;
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
