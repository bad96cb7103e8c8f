package dev.stockhold.journal.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class CodeCacheTest
{
    private final CodeCache cache = new CodeCache();

    @Test
    void theSameBytesGiveTheSameInstance()
    {
        final String first = decode("SKU-1", 0);
        assertEquals("SKU-1", first);
        assertSame(first, decode("SKU-1", 3));
        assertNotSame(first, decode("SKU-2", 0));
        assertEquals("SKU-2", decode("SKU-2", 0));
    }

    @Test
    void everyLengthUpToTheLimitRoundTripsAndIsCached()
    {
        final StringBuilder code = new StringBuilder();
        for (int length = 1; length <= CodeCache.MAX_CACHED_LENGTH; length++)
        {
            code.append((char)('A' + length % 26));
            final String expected = code.toString();
            final String first = decode(expected, length % 5);
            assertEquals(expected, first);
            assertSame(first, decode(expected, 7), "length " + length);
        }
        final String tooLong = code.append('Z').toString();
        assertEquals(tooLong, decode(tooLong, 0));
        assertNotSame(decode(tooLong, 0), decode(tooLong, 0));
    }

    @Test
    void longCodesThatShareTheirFirstSixteenBytesStayApart()
    {
        final String prefix = "CATEGORY-PRODUCT-";
        final List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 500; i++)
        {
            firsts.add(decode(prefix + i, 0));
        }
        for (int i = 0; i < 500; i++)
        {
            final String again = decode(prefix + i, 1);
            assertEquals(prefix + i, again);
            assertSame(firsts.get(i), again);
        }
        // Same length, same first 16 bytes, same tail hash is unlikely but the tail is compared anyway.
        assertEquals("CATEGORY-PRODUCT-ab", decode("CATEGORY-PRODUCT-ab", 0));
        assertEquals("CATEGORY-PRODUCT-ba", decode("CATEGORY-PRODUCT-ba", 0));
    }

    @Test
    void codesAtTheVeryEndOfTheBufferAreRead()
    {
        for (int length = 1; length <= 20; length++)
        {
            final String code = "abcdefghijklmnopqrst".substring(0, length);
            final byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
            final String first = cache.get(new UnsafeBuffer(bytes), 0, length);
            assertEquals(code, first);
            assertSame(first, decode(code, 9));
        }
    }

    @Test
    void aNonAsciiCodeDecodesButIsNotCached()
    {
        final String code = "SKU-日本";
        final byte[] bytes = code.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putBytes(2, bytes);
        assertEquals(code, cache.get(buffer, 2, bytes.length));
        assertEquals(0, cache.size());
    }

    @Test
    void theTableGrowsAndKeepsEveryCode()
    {
        final List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 100_000; i++)
        {
            firsts.add(decode("SKU-" + i, i & 7));
        }
        assertEquals(100_000, cache.size());
        for (int i = 0; i < 100_000; i++)
        {
            assertSame(firsts.get(i), decode("SKU-" + i, 0));
        }
    }

    /** Decodes {@code code} written at {@code offset} of a roomy buffer. */
    private String decode(final String code, final int offset)
    {
        final byte[] bytes = code.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[offset + bytes.length + 32]);
        buffer.putBytes(offset, bytes);
        return cache.get(buffer, offset, bytes.length);
    }
}
