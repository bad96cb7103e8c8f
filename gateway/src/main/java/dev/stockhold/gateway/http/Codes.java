package dev.stockhold.gateway.http;

/**
 * The formats of identifiers (DESIGN.md): SKU and warehouse codes are 1..64 printable ASCII characters
 * without spaces or {@code /}; order ids are 1..64 printable ASCII; idempotency keys 1..128.
 */
public final class Codes
{
    /** Longest SKU, warehouse or order code. */
    public static final int MAX_CODE_LENGTH = 64;
    /** Longest idempotency key. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
    /** Longest channel name. */
    public static final int MAX_CHANNEL_LENGTH = 64;

    private Codes()
    {
    }

    /** @return true for a valid SKU or warehouse code. */
    public static boolean isCode(final String value)
    {
        if (value == null || value.isEmpty() || value.length() > MAX_CODE_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c <= ' ' || c > '~' || c == '/')
            {
                return false;
            }
        }
        return true;
    }

    /** @return true for a valid order id. */
    public static boolean isOrderId(final String value)
    {
        return isPrintable(value, MAX_CODE_LENGTH);
    }

    /** @return true for a valid idempotency key. */
    public static boolean isIdempotencyKey(final String value)
    {
        return isPrintable(value, MAX_IDEMPOTENCY_KEY_LENGTH);
    }

    private static boolean isPrintable(final String value, final int maxLength)
    {
        if (value == null || value.isEmpty() || value.length() > maxLength)
        {
            return false;
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < ' ' || c > '~')
            {
                return false;
            }
        }
        return true;
    }
}
