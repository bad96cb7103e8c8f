package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Validation;
import dev.stockhold.client.sbe.BindListingDecoder;
import dev.stockhold.client.sbe.GetAllocationDecoder;
import dev.stockhold.client.sbe.GetChannelDecoder;
import dev.stockhold.client.sbe.GetKitDecoder;
import dev.stockhold.client.sbe.GetListingDecoder;
import dev.stockhold.client.sbe.GetPushDecoder;
import dev.stockhold.client.sbe.ListChannelsDecoder;
import dev.stockhold.client.sbe.MessageHeaderDecoder;
import dev.stockhold.client.sbe.PutChannelDecoder;
import dev.stockhold.client.sbe.PushOutcomeDecoder;
import dev.stockhold.client.sbe.PutKitDecoder;
import dev.stockhold.client.sbe.SetAllocationDecoder;
import dev.stockhold.client.sbe.UnbindListingDecoder;
import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

/**
 * Turns the channel requests (channels and their push, listings, allocations, kits) into engine commands for
 * {@link RequestDecoder}, checking fields by the rules of {@link Validation} with the error codes HTTP answers:
 * a number out of range is ERR_INVALID_QUANTITY, any other bad field ERR_INVALID_REQUEST, and a field HTTP
 * carries in the path is judged first, as HTTP does. Rules that need state (an unknown channel or SKU, a
 * repeated warehouse, a kit's components) are the engine's, as over HTTP.
 * Event loop only, one per connection.
 */
final class ChannelRequestDecoder
{
    /** What one PutKit may make the decoder hold; the engine enforces its own, smaller, configured limit. */
    private static final int MAX_COMPONENTS_READ = 1_000;
    /** A push delivery id's longest length (the pusher's are UUIDs). */
    private static final int MAX_DELIVERY_LENGTH = 128;

    private final FieldReader fields;
    private final PutChannelDecoder putChannel = new PutChannelDecoder();
    private final GetChannelDecoder getChannel = new GetChannelDecoder();
    private final ListChannelsDecoder listChannels = new ListChannelsDecoder();
    private final BindListingDecoder bindListing = new BindListingDecoder();
    private final UnbindListingDecoder unbindListing = new UnbindListingDecoder();
    private final GetListingDecoder getListing = new GetListingDecoder();
    private final SetAllocationDecoder setAllocation = new SetAllocationDecoder();
    private final GetAllocationDecoder getAllocation = new GetAllocationDecoder();
    private final PutKitDecoder putKit = new PutKitDecoder();
    private final GetKitDecoder getKit = new GetKitDecoder();
    private final GetPushDecoder getPush = new GetPushDecoder();
    private final PushOutcomeDecoder pushOutcome = new PushOutcomeDecoder();

    ChannelRequestDecoder(final FieldReader fields)
    {
        this.fields = fields;
    }

    /** @return the root block length of channel request {@code templateId}, or -1 when it is no channel request. */
    static int blockLength(final int templateId)
    {
        return switch (templateId)
        {
            case PutChannelDecoder.TEMPLATE_ID -> PutChannelDecoder.BLOCK_LENGTH;
            case GetChannelDecoder.TEMPLATE_ID -> GetChannelDecoder.BLOCK_LENGTH;
            case ListChannelsDecoder.TEMPLATE_ID -> ListChannelsDecoder.BLOCK_LENGTH;
            case BindListingDecoder.TEMPLATE_ID -> BindListingDecoder.BLOCK_LENGTH;
            case UnbindListingDecoder.TEMPLATE_ID -> UnbindListingDecoder.BLOCK_LENGTH;
            case GetListingDecoder.TEMPLATE_ID -> GetListingDecoder.BLOCK_LENGTH;
            case SetAllocationDecoder.TEMPLATE_ID -> SetAllocationDecoder.BLOCK_LENGTH;
            case GetAllocationDecoder.TEMPLATE_ID -> GetAllocationDecoder.BLOCK_LENGTH;
            case PutKitDecoder.TEMPLATE_ID -> PutKitDecoder.BLOCK_LENGTH;
            case GetKitDecoder.TEMPLATE_ID -> GetKitDecoder.BLOCK_LENGTH;
            case GetPushDecoder.TEMPLATE_ID -> GetPushDecoder.BLOCK_LENGTH;
            default -> -1;
        };
    }

    /**
     * Decodes the channel request {@code templateId} (its block length already checked) into {@code into}.
     *
     * @return where the message ends.
     */
    int decode(final int templateId, final DirectBuffer frame, final int body, final Command into)
    {
        switch (templateId)
        {
            case PutChannelDecoder.TEMPLATE_ID:
                return decodePutChannel(wrap(putChannel, frame, body), into);
            case GetChannelDecoder.TEMPLATE_ID:
                // An empty channel fails validation, so this read never becomes a list of every channel.
                into.getChannel(channel(wrap(getChannel, frame, body)));
                return getChannel.limit();
            case ListChannelsDecoder.TEMPLATE_ID:
                into.getChannel(null);
                return wrap(listChannels, frame, body).limit();
            case BindListingDecoder.TEMPLATE_ID:
                wrap(bindListing, frame, body);
                into.bindListing(channel(bindListing), listingId(bindListing), code(bindListing, "bad sku"));
                into.idempotencyKey = idempotencyKey(bindListing);
                return bindListing.limit();
            case UnbindListingDecoder.TEMPLATE_ID:
                wrap(unbindListing, frame, body);
                into.unbindListing(channel(unbindListing), listingId(unbindListing));
                into.idempotencyKey = idempotencyKey(unbindListing);
                return unbindListing.limit();
            case GetListingDecoder.TEMPLATE_ID:
                wrap(getListing, frame, body);
                into.getListing(channel(getListing), listingId(getListing));
                return getListing.limit();
            case SetAllocationDecoder.TEMPLATE_ID:
                return decodeSetAllocation(wrap(setAllocation, frame, body), into);
            case GetAllocationDecoder.TEMPLATE_ID:
                wrap(getAllocation, frame, body);
                into.getAllocation(channel(getAllocation), pathCode(getAllocation, "bad sku"),
                    pathCode(getAllocation, "bad warehouse"));
                return getAllocation.limit();
            case PutKitDecoder.TEMPLATE_ID:
                return decodePutKit(wrap(putKit, frame, body), into);
            case GetKitDecoder.TEMPLATE_ID:
                wrap(getKit, frame, body);
                into.getKit(pathCode(getKit, "bad kit"));
                return getKit.limit();
            case GetPushDecoder.TEMPLATE_ID:
                into.getPush(channel(wrap(getPush, frame, body)));
                return getPush.limit();
            default:
                throw new IllegalArgumentException("not a channel request: " + templateId);
        }
    }

    /**
     * Body fields are judged in the order of the documented JSON body (warehouses, bufferUnits, percent, maxUnits,
     * allowPresale, push), so a request bad in two of them answers the code HTTP answers for that body. Of the
     * push, the numbers are judged before the URL and secret, as HTTP judges them in its decoder and the URL and
     * secret only in the engine.
     */
    private int decodePutChannel(final PutChannelDecoder message, final Command into)
    {
        final long bufferUnits = message.bufferUnits();
        final long percent = message.percent();
        final long maxUnits = message.maxUnits();
        final short allowPresale = message.allowPresaleRaw();
        final boolean everyWarehouse = fields.flag(message.everyWarehouseRaw());
        final boolean push = fields.flag(message.pushRaw());
        final long rate = message.pushRatePerSecond();
        final long burst = message.pushBurst();
        final long maxListings = message.pushMaxListings();
        into.putChannel(null, bufferUnits, percent, maxUnits, false);
        readWarehouses(message, everyWarehouse, into);
        fields.quantity(bufferUnits, Validation.isLevel(bufferUnits), "bufferUnits out of range");
        fields.quantity(percent, Validation.isPercent(percent), "percent out of range");
        fields.quantity(maxUnits, maxUnits == Command.ABSENT || Validation.isLevel(maxUnits), "maxUnits out of range");
        into.allowPresale = fields.flag(allowPresale);
        if (push)
        {
            fields.quantity(rate, Validation.isPushRate(rate), "push.ratePerSecond must be 1..10000");
            fields.quantity(burst, Validation.isPushRate(burst), "push.burst must be 1..10000");
            fields.quantity(maxListings, Validation.isPushListings(maxListings), "push.maxListings must be 1..1000");
        }
        into.channel = channel(message);
        into.idempotencyKey = idempotencyKey(message);
        readPush(message, push, rate, burst, maxListings, into);
        return message.limit();
    }

    /**
     * Reads the push URL and secret: both given with push, both empty (and the numbers 0) without, so a client
     * that meant to set a push never has it silently dropped.
     */
    private void readPush(final PutChannelDecoder message, final boolean push, final long rate, final long burst,
        final long maxListings, final Command into)
    {
        fields.readVar(message);
        final String url = fields.text(Validation.MAX_PUSH_URL_LENGTH, false,
            "push.url must be an absolute http:// or https:// URL");
        fields.readVar(message);
        final String secret = fields.text(Validation.MAX_PUSH_SECRET_LENGTH, true,
            "push.secret must be 1-256 printable ASCII characters");
        if (!push)
        {
            if (url != null || secret != null || rate != 0 || burst != 0 || maxListings != 0)
            {
                fields.fail(ErrorCode.INVALID_REQUEST, "push settings given without push");
            }
            return;
        }
        if (url == null || secret == null)
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "push needs url and secret");
        }
        into.push(url, secret, rate, burst, maxListings);
    }

    /** Reads the warehouse group: none for every warehouse, else 1..100 codes (their repeats are the engine's). */
    private void readWarehouses(final PutChannelDecoder message, final boolean everyWarehouse, final Command into)
    {
        final PutChannelDecoder.WarehousesDecoder warehouses = message.warehouses();
        fields.checkGroup(warehouses.actingBlockLength(), PutChannelDecoder.WarehousesDecoder.sbeBlockLength());
        final int count = warehouses.count();
        if (everyWarehouse ? count > 0 : count > Validation.MAX_CHANNEL_WAREHOUSES)
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "warehouses must be every warehouse or 1..100 distinct codes");
        }
        if (!everyWarehouse)
        {
            into.channelWarehouses.present();
        }
        while (warehouses.hasNext())
        {
            warehouses.next();
            final String warehouse = code(message, "bad warehouse");
            if (!everyWarehouse && into.channelWarehouses.count() < Validation.MAX_CHANNEL_WAREHOUSES)
            {
                into.channelWarehouses.add(warehouse);
            }
        }
    }

    private int decodeSetAllocation(final SetAllocationDecoder message, final Command into)
    {
        final long units = message.units();
        into.setAllocation(channel(message), pathCode(message, "bad sku"), pathCode(message, "bad warehouse"),
            units);
        fields.quantity(units, Validation.isLevel(units), "units out of range");
        into.idempotencyKey = idempotencyKey(message);
        return message.limit();
    }

    /** A component's SKU is judged before its quantity, as in the documented JSON body. */
    private int decodePutKit(final PutKitDecoder message, final Command into)
    {
        into.putKit(null);
        final PutKitDecoder.ComponentsDecoder components = message.components();
        fields.checkGroup(components.actingBlockLength(), PutKitDecoder.ComponentsDecoder.sbeBlockLength());
        while (components.hasNext())
        {
            components.next();
            final long quantity = components.quantity();
            final String sku = code(message, "bad sku");
            fields.quantity(quantity, Validation.isKitQuantity(quantity), "a component's quantity must be 1..1000");
            if (into.lines.count() < MAX_COMPONENTS_READ)
            {
                into.lines.add(sku, null, quantity);
            }
        }
        if (components.count() == 0)
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "components must not be empty");
        }
        else if (components.count() > MAX_COMPONENTS_READ)
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "too many components");
        }
        into.sku = pathCode(message, "bad kit");
        into.idempotencyKey = idempotencyKey(message);
        return message.limit();
    }

    /**
     * Decodes a recorded push outcome (its block length already checked) into {@code into}: what the recorded
     * server's pusher journaled, for a replay target to apply in the recorded place. Its channel is a body field
     * here (no HTTP path carries it), so the caller's refusal of an ordinary server is not replaced by it.
     *
     * @return where the message ends.
     */
    int decodePushOutcome(final DirectBuffer frame, final int body, final Command into)
    {
        final PushOutcomeDecoder message = wrap(pushOutcome, frame, body);
        into.pushOutcome(null, null, message.status(), null);
        final PushOutcomeDecoder.ListingsDecoder listings = message.listings();
        fields.checkGroup(listings.actingBlockLength(), PushOutcomeDecoder.ListingsDecoder.sbeBlockLength());
        if (listings.count() > Validation.MAX_PUSH_LISTINGS)
        {
            fields.fail(ErrorCode.INVALID_REQUEST, "more listings than a delivery carries");
        }
        while (listings.hasNext())
        {
            listings.next();
            final long published = listings.published();
            final long seq = listings.seq();
            fields.readVar(message);
            final String listingId = fields.listingId(false, "bad listing id");
            final String sku = code(message, "bad sku");
            fields.quantity(published, Validation.isLevel(published), "published out of range");
            fields.quantity(seq, seq >= 0, "seq out of range");
            if (into.pushed.count() < Validation.MAX_PUSH_LISTINGS)
            {
                into.pushed.add(listingId, sku, published, seq);
            }
        }
        into.channel = code(message, "bad channel");
        fields.readVar(message);
        into.delivery = fields.text(MAX_DELIVERY_LENGTH, false, "bad delivery");
        fields.readVar(message);
        into.reason = fields.unicodeText(Validation.MAX_REASON_LENGTH, "bad failure", false);
        return message.limit();
    }

    private <T extends MessageDecoderFlyweight> T wrap(final T message, final DirectBuffer frame, final int body)
    {
        message.wrap(frame, body, message.sbeBlockLength(), MessageHeaderDecoder.SCHEMA_VERSION);
        return message;
    }

    private String channel(final MessageDecoderFlyweight message)
    {
        return pathCode(message, "bad channel");
    }

    /** A code HTTP carries in the path: its failure wins over a body field's, as over HTTP. */
    private String pathCode(final MessageDecoderFlyweight message, final String detail)
    {
        fields.readVar(message);
        return fields.pathCode(detail);
    }

    private String code(final MessageDecoderFlyweight message, final String detail)
    {
        fields.readVar(message);
        return fields.code(false, detail);
    }

    private String listingId(final MessageDecoderFlyweight message)
    {
        fields.readVar(message);
        return fields.pathListingId("bad listing id");
    }

    private String idempotencyKey(final MessageDecoderFlyweight message)
    {
        fields.readVar(message);
        return fields.text(Validation.MAX_IDEMPOTENCY_KEY_LENGTH, true, "bad idempotency key");
    }
}
