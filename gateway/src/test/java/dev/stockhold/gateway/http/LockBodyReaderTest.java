package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The lock body's fast reader against the general parser: on every body it takes, the command it fills is
 * the parser's; it takes nothing the parser refuses; and what it gives up on is left to the parser.
 */
class LockBodyReaderTest
{
    private static final int MAX_LINES = 4;
    private static final long SEED = 20261206L;

    private final LockBodyReader reader = new LockBodyReader(MAX_LINES);
    private final RequestDecoder decoder = new RequestDecoder(MAX_LINES, 100);

    @Test
    void takesTheCommonBodiesAndFillsWhatTheParserFills()
    {
        for (final String body : List.of(
            "{\"orderId\":\"o-1\",\"lines\":[{\"sku\":\"S1\",\"warehouse\":\"W1\",\"quantity\":1}]}",
            " {\n \"lines\" : [ {\"quantity\":3,\"sku\":\"A-1\"} , {\"sku\":\"B\",\"quantity\":1000000000} ],"
                + " \"orderId\" : \"order with spaces\" } \r\n",
            "{\"orderId\":\"o\",\"channel\":\"ae store/1\",\"ttlSeconds\":900,\"allowPresale\":true,\"allowSplit\":false,"
                + "\"lines\":[{\"listing\":\"L-9\",\"quantity\":2}]}",
            "{\"orderId\":\"o\",\"ttlSeconds\":31536000,\"lines\":[{\"sku\":\"S\",\"quantity\":7}]}"))
        {
            assertTrue(taken(body), body);
            assertSame(body);
        }
    }

    @Test
    void givesUpOnWhatItDoesNotTakeAndThenTheParserDecides()
    {
        for (final String body : List.of(
            "{}",
            "[]",
            "{\"orderId\":\"o\"}",
            "{\"orderId\":\"o\",\"lines\":[]}",
            "{\"orderId\":\"o\\u0041\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}",
            "{\"orderId\":\"é\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"channel\":null,\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"ttlSeconds\":null,\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"warehouse\":null,\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":1.0}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":1e3}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":01}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":0}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":-1}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":1000000001}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":\"1\"}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S/1\",\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"listing\":\"L\",\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"sku\":\"T\",\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"orderId\":\"p\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"extra\":1,\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}]} x",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":1},]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}],}",
            "{\"orderId\":\"o\",\"allowSplit\":truex,\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}",
            "{\"orderId\":\"" + "x".repeat(65) + "\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}",
            "{\"orderId\":\"o\",\"lines\":[{\"sku\":\"S\",\"quantity\":1},{\"sku\":\"S\",\"quantity\":1},"
                + "{\"sku\":\"S\",\"quantity\":1},{\"sku\":\"S\",\"quantity\":1},{\"sku\":\"S\",\"quantity\":1}]}"))
        {
            assertFalse(taken(body), body);
        }
    }

    /** Random edits of valid bodies: whatever the reader takes, the parser takes the same way. */
    @Test
    void agreesWithTheParserOnEveryMutatedBodyItTakes()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final String[] bases = {
            "{\"orderId\":\"o-1\",\"channel\":\"ch\",\"ttlSeconds\":60,\"allowSplit\":true,"
                + "\"lines\":[{\"sku\":\"S1\",\"warehouse\":\"W1\",\"quantity\":12},{\"listing\":\"L\",\"quantity\":3}]}",
            "{\"lines\":[{\"quantity\":1,\"sku\":\"AB\"}],\"orderId\":\"x y\",\"allowPresale\":false}"};
        final byte[] alphabet = " {}[],:\"\\0123456789-.eEtrufalsn/xé\n".getBytes(StandardCharsets.UTF_8);
        int taken = 0;
        for (int i = 0; i < 200_000; i++)
        {
            final byte[] body = mutate(bases[i % bases.length].getBytes(StandardCharsets.UTF_8), random, alphabet);
            if (taken(body))
            {
                taken++;
                assertSame(body);
            }
        }
        assertTrue(taken > 1_000, "mutations the reader took: " + taken);
        System.out.println("LockBodyReaderTest seed " + SEED + ": " + taken + " of 200000 mutated bodies taken");
    }

    private static byte[] mutate(final byte[] base, final SplittableRandom random, final byte[] alphabet)
    {
        final List<Byte> bytes = new ArrayList<>();
        for (final byte b : base)
        {
            bytes.add(b);
        }
        final int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++)
        {
            final int at = random.nextInt(bytes.size());
            switch (random.nextInt(3))
            {
                case 0 -> bytes.remove(at);
                case 1 -> bytes.add(at, alphabet[random.nextInt(alphabet.length)]);
                default -> bytes.set(at, alphabet[random.nextInt(alphabet.length)]);
            }
        }
        final byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private boolean taken(final String body)
    {
        return taken(body.getBytes(StandardCharsets.UTF_8));
    }

    private boolean taken(final byte[] body)
    {
        return reader.read(body, 0, body.length, new Command());
    }

    /** The reader took {@code body}: the parser must take it too and fill the same command. */
    private void assertSame(final String body)
    {
        assertSame(body.getBytes(StandardCharsets.UTF_8));
    }

    private void assertSame(final byte[] body)
    {
        final Command fast = new Command();
        assertTrue(reader.read(body, 0, body.length, fast));
        final Command parsed = new Command();
        try
        {
            decoder.lockParsed(body, 0, body.length, parsed);
        }
        catch (final Exception ex)
        {
            fail("the reader took a body the parser refuses (" + ex + "): " + new String(body, StandardCharsets.UTF_8));
        }
        final String text = new String(body, StandardCharsets.UTF_8);
        assertEquals(parsed.type, fast.type, text);
        assertEquals(parsed.orderId, fast.orderId, text);
        assertEquals(parsed.channel, fast.channel, text);
        assertEquals(parsed.ttlSeconds, fast.ttlSeconds, text);
        assertEquals(parsed.allowPresale, fast.allowPresale, text);
        assertEquals(parsed.allowSplit, fast.allowSplit, text);
        assertEquals(parsed.lines.count(), fast.lines.count(), text);
        for (int i = 0; i < parsed.lines.count(); i++)
        {
            assertEquals(parsed.lines.sku(i), fast.lines.sku(i), text);
            assertEquals(parsed.lines.listing(i), fast.lines.listing(i), text);
            assertEquals(parsed.lines.warehouse(i), fast.lines.warehouse(i), text);
            assertEquals(parsed.lines.quantity(i), fast.lines.quantity(i), text);
        }
    }
}
