package dev.stockhold.gateway.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockhold.engine.command.AllocationView;
import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.KitView;
import dev.stockhold.engine.command.ListingView;
import dev.stockhold.engine.command.PushView;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the JSON documents of the channel endpoints (docs/api.md): a channel's rules, the list of
 * channels, a listing, a kit and an allocation. One instance per thread, as {@link JsonBodies}: the
 * generator is reused for every document.
 */
final class ChannelBodies
{
    private final ByteBufSink sink = new ByteBufSink();
    private final char[] time = new char[IsoTime.LENGTH];
    private JsonGenerator gen;

    /** Creates a writer for the calling thread. */
    ChannelBodies()
    {
        gen = newGenerator();
    }

    private JsonGenerator newGenerator()
    {
        try
        {
            return JsonBodies.FACTORY.createGenerator(sink);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes channel {@code i} of {@code views}: {@code {"channel":…,"warehouses":…,…,"version":n}}. */
    void channel(final ByteBuf out, final ChannelViews views, final int i)
    {
        sink.target(out);
        try
        {
            writeChannel(views, i);
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    /** Writes {@code {"channels":[channel,…]}} in the order of {@code views} (code order from the engine). */
    void channels(final ByteBuf out, final ChannelViews views)
    {
        sink.target(out);
        try
        {
            gen.writeStartObject();
            gen.writeArrayFieldStart("channels");
            for (int i = 0; i < views.count(); i++)
            {
                writeChannel(views, i);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    private void writeChannel(final ChannelViews views, final int i) throws IOException
    {
        gen.writeStartObject();
        gen.writeStringField("channel", views.channel(i));
        gen.writeFieldName("warehouses");
        if (views.everyWarehouse(i))
        {
            gen.writeNull();
        }
        else
        {
            gen.writeStartArray();
            for (int w = 0; w < views.warehouseCount(i); w++)
            {
                gen.writeString(views.warehouse(i, w));
            }
            gen.writeEndArray();
        }
        gen.writeNumberField("bufferUnits", views.bufferUnits(i));
        gen.writeNumberField("percent", views.percent(i));
        gen.writeFieldName("maxUnits");
        if (views.maxUnits(i) == ChannelViews.NO_CAP)
        {
            gen.writeNull();
        }
        else
        {
            gen.writeNumber(views.maxUnits(i));
        }
        gen.writeBooleanField("allowPresale", views.allowPresale(i));
        if (views.pushUrl(i) != null)
        {
            gen.writeObjectFieldStart("push");
            gen.writeStringField("url", views.pushUrl(i));
            // Write-only: an answer shows that a secret is set, never the secret.
            gen.writeStringField("secret", "***");
            gen.writeNumberField("ratePerSecond", views.pushRatePerSecond(i));
            gen.writeNumberField("burst", views.pushBurst(i));
            gen.writeNumberField("maxListings", views.pushMaxListings(i));
            gen.writeEndObject();
        }
        gen.writeNumberField("version", views.version(i));
        gen.writeEndObject();
    }

    /**
     * Writes a channel's push progress: {@code {"acknowledgedSeq":n,"pendingListings":k,"deadLetters":[…],
     * "lastError":…,"lagMillis":n}}.
     */
    void push(final ByteBuf out, final PushView view)
    {
        sink.target(out);
        try
        {
            gen.writeStartObject();
            gen.writeNumberField("acknowledgedSeq", view.acknowledgedSeq());
            gen.writeNumberField("pendingListings", view.pendingListings());
            gen.writeArrayFieldStart("deadLetters");
            for (int i = 0; i < view.deadLetterCount(); i++)
            {
                gen.writeStartObject();
                gen.writeStringField("listingId", view.deadListing(i));
                gen.writeNumberField("status", view.deadStatus(i));
                final int length = IsoTime.format(view.deadAt(i), time, 0);
                gen.writeFieldName("at");
                gen.writeString(time, 0, length);
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeStringField("lastError", view.lastError());
            gen.writeNumberField("lagMillis", view.lagMillis());
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    /** Writes {@code {"channel":…,"listingId":…,"sku":…,"published":n,"version":n}}. */
    void listing(final ByteBuf out, final ListingView view)
    {
        sink.target(out);
        try
        {
            gen.writeStartObject();
            gen.writeStringField("channel", view.channel());
            gen.writeStringField("listingId", view.listingId());
            gen.writeStringField("sku", view.sku());
            gen.writeNumberField("published", view.published());
            gen.writeNumberField("version", view.version());
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    /** Writes {@code {"sku":…,"components":[…],"available":n,"warehouses":[…],"version":n}}. */
    void kit(final ByteBuf out, final KitView view)
    {
        sink.target(out);
        try
        {
            gen.writeStartObject();
            gen.writeStringField("sku", view.sku());
            gen.writeArrayFieldStart("components");
            for (int i = 0; i < view.componentCount(); i++)
            {
                gen.writeStartObject();
                gen.writeStringField("sku", view.componentSku(i));
                gen.writeNumberField("quantity", view.componentQuantity(i));
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeNumberField("available", view.available());
            gen.writeArrayFieldStart("warehouses");
            for (int i = 0; i < view.warehouseCount(); i++)
            {
                gen.writeStartObject();
                gen.writeStringField("warehouse", view.warehouse(i));
                gen.writeNumberField("available", view.warehouseAvailable(i));
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeNumberField("version", view.version());
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    /** Writes {@code {"channel":…,"sku":…,"warehouse":…,"units":n,"version":n}}. */
    void allocation(final ByteBuf out, final AllocationView view)
    {
        sink.target(out);
        try
        {
            gen.writeStartObject();
            gen.writeStringField("channel", view.channel());
            gen.writeStringField("sku", view.sku());
            gen.writeStringField("warehouse", view.warehouse());
            gen.writeNumberField("units", view.units());
            gen.writeNumberField("version", view.version());
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    private void end()
    {
        try
        {
            gen.flush();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        finally
        {
            sink.target(null);
        }
    }

    private RuntimeException failed(final IOException ex)
    {
        // A half-written document leaves the generator mid-object: start the next one afresh.
        gen = newGenerator();
        return new UncheckedIOException(ex);
    }
}
