package dev.stockhold.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Levels;
import dev.stockhold.engine.command.PublishedChanges;
import dev.stockhold.engine.command.ReservationView;
import dev.stockhold.engine.command.ShortLines;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the API's JSON documents (docs/api.md) into a buffer with Jackson's streaming generator. One
 * instance per thread: the generator and its buffers are reused for every document, so writing
 * allocates nothing in steady state.
 */
public final class JsonBodies
{
    /** One factory for the process; factories are thread-safe, generators are not. */
    public static final JsonFactory FACTORY = new JsonFactoryBuilder()
        .rootValueSeparator((String)null)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .build();

    private final ByteBufSink sink = new ByteBufSink();
    private final char[] time = new char[IsoTime.LENGTH];
    private JsonGenerator gen;

    /** Creates a writer for the calling thread. */
    public JsonBodies()
    {
        gen = newGenerator();
    }

    private JsonGenerator newGenerator()
    {
        try
        {
            return FACTORY.createGenerator(sink);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes one level, as every stock endpoint returns it. */
    public void level(final ByteBuf out, final Levels levels, final int i)
    {
        begin(out);
        try
        {
            writeLevel(levels, i);
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    /** Writes {@code {"sku":…,"available":…,"onHand":…,"reserved":…,"inTransit":…,"warehouses":[…]}}. */
    public void skuSummary(final ByteBuf out, final String sku, final Levels levels)
    {
        begin(out);
        try
        {
            long available = 0;
            long onHand = 0;
            long reserved = 0;
            long inTransit = 0;
            for (int i = 0; i < levels.count(); i++)
            {
                available += levels.available(i);
                onHand += levels.onHand(i);
                reserved += levels.reserved(i);
                inTransit += levels.inTransit(i);
            }
            gen.writeStartObject();
            gen.writeStringField("sku", sku);
            gen.writeNumberField("available", available);
            gen.writeNumberField("onHand", onHand);
            gen.writeNumberField("reserved", reserved);
            gen.writeNumberField("inTransit", inTransit);
            writeLevels("warehouses", levels);
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    /** Writes {@code {"items":[level,…]}}, the answer of a batch. */
    public void items(final ByteBuf out, final Levels levels)
    {
        begin(out);
        try
        {
            gen.writeStartObject();
            writeLevels("items", levels);
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    /** Writes a change-feed event's data: {@code {"seq":n,"at":"…","levels":[level,…]}}. */
    public void change(final ByteBuf out, final long sequence, final long atMillis, final Levels levels)
    {
        begin(out);
        try
        {
            gen.writeStartObject();
            gen.writeNumberField("seq", sequence);
            gen.writeFieldName("at");
            writeTime(atMillis);
            writeLevels("levels", levels);
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    /**
     * Writes a channel feed event's data, {@code {"seq":n,"at":"…","listings":[{"listingId":"…","sku":"…",
     * "published":n},…]}}, from one channel's entries {@code [from, to)} of {@code listings}.
     */
    public void channelChange(final ByteBuf out, final long sequence, final long atMillis,
        final PublishedChanges listings, final int from, final int to)
    {
        begin(out);
        try
        {
            gen.writeStartObject();
            gen.writeNumberField("seq", sequence);
            gen.writeFieldName("at");
            writeTime(atMillis);
            gen.writeArrayFieldStart("listings");
            for (int i = from; i < to; i++)
            {
                gen.writeStartObject();
                gen.writeStringField("listingId", listings.listingId(i));
                gen.writeStringField("sku", listings.sku(i));
                gen.writeNumberField("published", listings.published(i));
                gen.writeEndObject();
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

    /** Writes a reservation, as every reservation endpoint returns it. */
    public void reservation(final ByteBuf out, final ReservationView view)
    {
        begin(out);
        try
        {
            gen.writeStartObject();
            gen.writeStringField("orderId", view.orderId());
            gen.writeStringField("channel", view.channel());
            gen.writeStringField("state", view.state().name());
            gen.writeFieldName("createdAt");
            writeTime(view.createdAtMillis());
            gen.writeFieldName("expiresAt");
            if (view.expiresAtMillis() == ReservationView.NO_EXPIRY)
            {
                gen.writeNull();
            }
            else
            {
                writeTime(view.expiresAtMillis());
            }
            gen.writeArrayFieldStart("lines");
            for (int i = 0; i < view.lineCount(); i++)
            {
                gen.writeStartObject();
                gen.writeStringField("sku", view.sku(i));
                gen.writeStringField("warehouse", view.warehouse(i));
                gen.writeNumberField("quantity", view.quantity(i));
                gen.writeBooleanField("presale", view.presale(i));
                gen.writeStringField("kit", view.kit(i));
                gen.writeStringField("listing", view.listing(i));
                gen.writeNumberField("deducted", view.deducted(i));
                gen.writeNumberField("released", view.released(i));
                gen.writeNumberField("returned", view.returned(i));
                gen.writeEndObject();
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

    /**
     * Writes an RFC 9457 problem document with the stable {@code code}.
     *
     * @param shortLines the lines that did not fit, for ERR_INSUFFICIENT_STOCK; null otherwise.
     */
    public void problem(final ByteBuf out, final ErrorCode code, final String detail, final ShortLines shortLines)
    {
        problem(out, code.httpStatus(), code, detail, shortLines);
    }

    /** As {@link #problem(ByteBuf, ErrorCode, String, ShortLines)}, answered with another HTTP status. */
    public void problem(final ByteBuf out, final int status, final ErrorCode code, final String detail,
        final ShortLines shortLines)
    {
        begin(out);
        try
        {
            gen.writeStartObject();
            gen.writeStringField("type", code.typeUri());
            gen.writeStringField("title", code.title());
            gen.writeNumberField("status", status);
            gen.writeStringField("code", code.code());
            gen.writeStringField("detail", detail != null ? detail : code.title());
            if (shortLines != null && code == ErrorCode.INSUFFICIENT_STOCK)
            {
                gen.writeArrayFieldStart("lines");
                for (int i = 0; i < shortLines.count(); i++)
                {
                    gen.writeStartObject();
                    gen.writeStringField("sku", shortLines.sku(i));
                    gen.writeStringField("warehouse", shortLines.warehouse(i));
                    gen.writeNumberField("requested", shortLines.requested(i));
                    gen.writeNumberField("available", shortLines.available(i));
                    gen.writeEndObject();
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw failed(ex);
        }
        end();
    }

    /** Writes {@code "field":[level,…]}. */
    private void writeLevels(final String field, final Levels levels) throws IOException
    {
        gen.writeArrayFieldStart(field);
        for (int i = 0; i < levels.count(); i++)
        {
            writeLevel(levels, i);
        }
        gen.writeEndArray();
    }

    private void writeLevel(final Levels levels, final int i) throws IOException
    {
        gen.writeStartObject();
        gen.writeStringField("sku", levels.sku(i));
        gen.writeStringField("warehouse", levels.warehouse(i));
        gen.writeNumberField("onHand", levels.onHand(i));
        gen.writeNumberField("reserved", levels.reserved(i));
        gen.writeNumberField("available", levels.available(i));
        gen.writeNumberField("inTransit", levels.inTransit(i));
        gen.writeNumberField("presaleReserved", levels.presaleReserved(i));
        gen.writeNumberField("presaleAvailable", levels.presaleAvailable(i));
        gen.writeNumberField("safetyStock", levels.safetyStock(i));
        gen.writeNumberField("allocated", levels.allocated(i));
        gen.writeNumberField("shortage", levels.shortage(i));
        gen.writeNumberField("version", levels.version(i));
        gen.writeEndObject();
    }

    private void writeTime(final long epochMillis) throws IOException
    {
        final int length = IsoTime.format(epochMillis, time, 0);
        gen.writeString(time, 0, length);
    }

    private void begin(final ByteBuf out)
    {
        sink.target(out);
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
