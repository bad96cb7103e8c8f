package dev.stockhold.engine.model;

/** The format rules of codes and quantities (docs/design.md, docs/api.md), written out plainly. */
final class ModelCodes
{
    static final long MAX_REQUEST_QUANTITY = 1_000_000_000L;
    static final long MAX_LEVEL = 1_000_000_000_000L;
    static final int MAX_TTL_SECONDS = 31_536_000;

    private ModelCodes()
    {
    }

    /** SKU and warehouse codes: 1-64 characters 0x21..0x7E, no '/'. */
    static boolean isCode(final String code)
    {
        if (code == null || code.isEmpty() || code.length() > 64)
        {
            return false;
        }
        for (final char c : code.toCharArray())
        {
            if (c < 0x21 || c > 0x7E || c == '/')
            {
                return false;
            }
        }
        return true;
    }

    /** Listing ids: 1-128 characters 0x21..0x7E, no '/'. */
    static boolean isListingId(final String listing)
    {
        if (listing == null || listing.isEmpty() || listing.length() > 128)
        {
            return false;
        }
        for (final char c : listing.toCharArray())
        {
            if (c < 0x21 || c > 0x7E || c == '/')
            {
                return false;
            }
        }
        return true;
    }

    /** Order ids: 1-64 characters 0x20..0x7E. */
    static boolean isOrderId(final String orderId)
    {
        return isPrintable(orderId, 64);
    }

    /** Idempotency keys: 1-128 characters 0x20..0x7E. */
    static boolean isIdempotencyKey(final String key)
    {
        return isPrintable(key, 128);
    }

    static boolean isChannel(final String channel)
    {
        return channel == null || channel.codePointCount(0, channel.length()) <= 64;
    }

    static boolean isTtl(final int ttlSeconds)
    {
        return ttlSeconds >= 0 && ttlSeconds <= MAX_TTL_SECONDS;
    }

    static boolean isRequestQuantity(final long quantity)
    {
        return quantity >= 1 && quantity <= MAX_REQUEST_QUANTITY;
    }

    static boolean isLevel(final long level)
    {
        return level >= 0 && level <= MAX_LEVEL;
    }

    private static boolean isPrintable(final String text, final int maxLength)
    {
        if (text == null || text.isEmpty() || text.length() > maxLength)
        {
            return false;
        }
        for (final char c : text.toCharArray())
        {
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }
        return true;
    }
}
