package dev.stockhold.gateway.push;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockhold.engine.command.PushedListings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON a channel receives:
 * {@code {"channel":…,"delivery":…,"seq":n,"listings":[{"listingId":…,"sku":…,"published":n,"seq":m},…]}}, where
 * {@code seq} is the largest listing seq. Stateless.
 */
final class DeliveryBody
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private DeliveryBody()
    {
    }

    static byte[] write(final String channel, final String delivery, final PushedListings listings)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64 + listings.count() * 80);
        try (JsonGenerator gen = FACTORY.createGenerator(out))
        {
            gen.writeStartObject();
            gen.writeStringField("channel", channel);
            gen.writeStringField("delivery", delivery);
            gen.writeNumberField("seq", listings.maxSequence());
            gen.writeArrayFieldStart("listings");
            for (int i = 0; i < listings.count(); i++)
            {
                gen.writeStartObject();
                gen.writeStringField("listingId", listings.listingId(i));
                gen.writeStringField("sku", listings.sku(i));
                gen.writeNumberField("published", listings.published(i));
                gen.writeNumberField("seq", listings.sequence(i));
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
