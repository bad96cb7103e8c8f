package dev.stockhold.engine.command;

/**
 * The format and range rules of docs/design.md and docs/api.md, defined once: the ledger enforces them on every
 * command (whatever protocol it came by) and the gateway uses them to answer early.
 */
public final class Validation
{
    /** The largest quantity one request line may ask for. */
    public static final long MAX_REQUEST_QUANTITY = 1_000_000_000L;
    /** The largest stock level, and the largest adjust delta. */
    public static final long MAX_LEVEL = 1_000_000_000_000L;
    public static final int MAX_CODE_LENGTH = 64;
    public static final int MAX_CHANNEL_LENGTH = 64;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
    /** The longest adjust reason. */
    public static final int MAX_REASON_LENGTH = 256;
    public static final int MAX_TTL_SECONDS = 31_536_000;
    /** The longest listing id (a marketplace's variant or SKU id). */
    public static final int MAX_LISTING_LENGTH = 128;
    /** The most warehouses a channel may name. */
    public static final int MAX_CHANNEL_WAREHOUSES = 100;
    /** The largest quantity of one component in a kit. */
    public static final long MAX_KIT_COMPONENT_QUANTITY = 1_000;
    /** A push URL's longest length, in characters. */
    public static final int MAX_PUSH_URL_LENGTH = 2_048;
    /** A push secret's longest length, in characters. */
    public static final int MAX_PUSH_SECRET_LENGTH = 256;
    /** The largest push rate and burst. */
    public static final long MAX_PUSH_RATE = 10_000;
    /** The largest number of listings in one push delivery. */
    public static final long MAX_PUSH_LISTINGS = 1_000;
    /** Push defaults: 10 deliveries a second, bursts of 10, 200 listings a delivery. */
    public static final long DEFAULT_PUSH_RATE = 10;
    public static final long DEFAULT_PUSH_BURST = 10;
    public static final long DEFAULT_PUSH_LISTINGS = 200;

    private Validation()
    {
    }

    /** @return true for a SKU or warehouse code: 1–64 printable ASCII, no space, no '/'. */
    public static boolean isCode(final String code)
    {
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < code.length(); i++)
        {
            if (!isCodeCharacter(code.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /** @return true for a listing id: 1–128 printable ASCII, no space, no '/'. */
    public static boolean isListingId(final String listingId)
    {
        if (listingId == null || listingId.isEmpty() || listingId.length() > MAX_LISTING_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < listingId.length(); i++)
        {
            if (!isCodeCharacter(listingId.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return true for a character of a code or a listing id: printable ASCII but space and '/'. A decoder that
     * reads raw bytes checks each with this, so codes have one rule whatever the protocol.
     */
    public static boolean isCodeCharacter(final int c)
    {
        return c > ' ' && c <= '~' && c != '/';
    }

    /** @return true for a character of an order id or an idempotency key: printable ASCII, space included. */
    public static boolean isPrintableCharacter(final int c)
    {
        return c >= ' ' && c <= '~';
    }

    /** @return true for a channel's share of the shared pool, 0..100 percent. */
    public static boolean isPercent(final long percent)
    {
        return percent >= 0 && percent <= 100;
    }

    /** @return true for the quantity of one kit component, 1..1,000. */
    public static boolean isKitQuantity(final long quantity)
    {
        return quantity >= 1 && quantity <= MAX_KIT_COMPONENT_QUANTITY;
    }

    /** @return true for an order id: 1–64 printable ASCII. */
    public static boolean isOrderId(final String orderId)
    {
        return isPrintableAscii(orderId, MAX_CODE_LENGTH);
    }

    /** @return true for an idempotency key: 1–128 printable ASCII. */
    public static boolean isIdempotencyKey(final String key)
    {
        return isPrintableAscii(key, MAX_IDEMPOTENCY_KEY_LENGTH);
    }

    /**
     * @return true for an absent channel or Unicode text of at most 64 characters (code points, not UTF-16
     * units) that UTF-8 can carry (no half of a surrogate pair).
     */
    public static boolean isChannel(final String channel)
    {
        return isText(channel, MAX_CHANNEL_LENGTH);
    }

    /** @return true for an absent adjust reason or Unicode text of at most 256 characters, as a channel. */
    public static boolean isReason(final String reason)
    {
        return isText(reason, MAX_REASON_LENGTH);
    }

    /** @return true for null or text of at most {@code maxCharacters} code points without a lone surrogate. */
    public static boolean isText(final String text, final int maxCharacters)
    {
        return text == null || (characters(text) <= maxCharacters && Utf8.isEncodable(text));
    }

    /** @return the characters in {@code text} as a person counts them: an emoji is one, not two. */
    public static int characters(final String text)
    {
        return text.codePointCount(0, text.length());
    }

    /** @return true for 0 (no expiry) or 1..31,536,000 seconds. */
    public static boolean isTtlSeconds(final long ttlSeconds)
    {
        return ttlSeconds >= 0 && ttlSeconds <= MAX_TTL_SECONDS;
    }

    /** @return true for a request quantity, 1..1,000,000,000. */
    public static boolean isRequestQuantity(final long quantity)
    {
        return quantity >= 1 && quantity <= MAX_REQUEST_QUANTITY;
    }

    /** @return true for a stock level, 0..10^12. */
    public static boolean isLevel(final long level)
    {
        return level >= 0 && level <= MAX_LEVEL;
    }

    /** @return true for an absolute {@code http://} or {@code https://} URL of printable ASCII, 2,048 at most. */
    public static boolean isPushUrl(final String url)
    {
        if (!isPrintableAscii(url, MAX_PUSH_URL_LENGTH) || url.indexOf(' ') >= 0)
        {
            return false;
        }
        final int hostStart = url.startsWith("http://") ? 7 : url.startsWith("https://") ? 8 : -1;
        return hostStart > 0 && url.length() > hostStart && url.charAt(hostStart) != '/';
    }

    /** @return true for a push secret: 1..256 printable ASCII characters. */
    public static boolean isPushSecret(final String secret)
    {
        return isPrintableAscii(secret, MAX_PUSH_SECRET_LENGTH);
    }

    /** @return true for a push rate or burst, 1..10,000. */
    public static boolean isPushRate(final long rate)
    {
        return rate >= 1 && rate <= MAX_PUSH_RATE;
    }

    /** @return true for a push delivery's listing count, 1..1,000. */
    public static boolean isPushListings(final long listings)
    {
        return listings >= 1 && listings <= MAX_PUSH_LISTINGS;
    }

    /** @return true for an adjust delta, -10^12..10^12. */
    public static boolean isDelta(final long delta)
    {
        return delta >= -MAX_LEVEL && delta <= MAX_LEVEL;
    }

    private static boolean isPrintableAscii(final String value, final int maxLength)
    {
        if (value == null || value.isEmpty() || value.length() > maxLength)
        {
            return false;
        }
        for (int i = 0; i < value.length(); i++)
        {
            if (!isPrintableCharacter(value.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }
}
