package dev.stockhold.engine.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8Test
{
    private static boolean check(final int... bytes)
    {
        final byte[] array = new byte[bytes.length + 2];
        for (int i = 0; i < bytes.length; i++)
        {
            array[i + 1] = (byte)bytes[i];
        }
        return Utf8.isWellFormed(array, 1, bytes.length);
    }

    @Test
    void acceptsEveryWellFormedForm()
    {
        assertTrue(check());
        assertTrue(check('{', '}'));
        assertTrue(check(0xC3, 0xA9)); // é
        assertTrue(check(0xE0, 0xA0, 0x80)); // U+0800, the smallest three-byte form
        assertTrue(check(0xED, 0x9F, 0xBF)); // U+D7FF, just below the surrogates
        assertTrue(check(0xF0, 0x9F, 0x98, 0x80)); // an emoji
        assertTrue(check(0xF4, 0x8F, 0xBF, 0xBF)); // U+10FFFF, the largest
    }

    @Test
    void rejectsOverlongFormsSurrogatesAndBrokenSequences()
    {
        assertFalse(check(0xC1, 0x81), "overlong 'A'");
        assertFalse(check(0xC0, 0xAF), "overlong '/'");
        assertFalse(check(0xE0, 0x80, 0xAF), "overlong '/' in three bytes");
        assertFalse(check(0xF0, 0x80, 0x80, 0xAF), "overlong '/' in four bytes");
        assertFalse(check(0xED, 0xA0, 0x80), "a surrogate");
        assertFalse(check(0xF4, 0x90, 0x80, 0x80), "above U+10FFFF");
        assertFalse(check(0xF5, 0x80, 0x80, 0x80), "no such lead byte");
        assertFalse(check(0x80), "a lone continuation byte");
        assertFalse(check(0xFF));
        assertFalse(check(0xC3), "cut short");
        assertFalse(check(0xE2, 0x82), "cut short");
        assertFalse(check(0xC3, 0x41), "a lead without its continuation");
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 200_000; round++)
        {
            final byte[] bytes = new byte[random.nextInt(1, 6)];
            for (int i = 0; i < bytes.length; i++)
            {
                // Mostly bytes of multi-byte forms, so the edges of each range come up often.
                bytes[i] = (byte)(random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x80, 0x100));
            }
            assertEquals(jdkAccepts(bytes), Utf8.isWellFormed(bytes, 0, bytes.length), () -> hex(bytes));
        }
    }

    private static boolean jdkAccepts(final byte[] bytes)
    {
        try
        {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        }
        catch (final CharacterCodingException ex)
        {
            return false;
        }
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder text = new StringBuilder();
        for (final byte b : bytes)
        {
            text.append(String.format("%02X ", b));
        }
        return text.toString();
    }
}
