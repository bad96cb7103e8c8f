package dev.stockhold.engine.command;

/**
 * Strict UTF-8 (RFC 3629, table 3-7 of the Unicode standard). Jackson decodes an overlong form such as
 * {@code C1 81} to "A", and encoded surrogates, without complaint: two different byte strings could then
 * name the same SKU. Bodies are checked before they are parsed; an ASCII body, the usual one, costs one
 * pass over its bytes. Stateless.
 */
public final class Utf8
{
    private Utf8()
    {
    }

    /** @return true when {@code length} bytes at {@code offset} are well-formed UTF-8. */
    public static boolean isWellFormed(final byte[] bytes, final int offset, final int length)
    {
        final int end = offset + length;
        int at = offset;
        while (at < end)
        {
            final int lead = bytes[at] & 0xFF;
            if (lead < 0x80)
            {
                at++;
                continue;
            }
            final int trailing;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF)
            {
                trailing = 1;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                trailing = 2;
                secondMin = lead == 0xE0 ? 0xA0 : secondMin; // overlong below U+0800
                secondMax = lead == 0xED ? 0x9F : secondMax; // surrogates U+D800..U+DFFF
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                trailing = 3;
                secondMin = lead == 0xF0 ? 0x90 : secondMin; // overlong below U+10000
                secondMax = lead == 0xF4 ? 0x8F : secondMax; // above U+10FFFF
            }
            else
            {
                return false; // a continuation byte, an overlong C0/C1 lead, or F5..FF
            }
            if (end - at <= trailing)
            {
                return false;
            }
            final int second = bytes[at + 1] & 0xFF;
            if (second < secondMin || second > secondMax)
            {
                return false;
            }
            for (int k = 2; k <= trailing; k++)
            {
                final int next = bytes[at + k] & 0xFF;
                if (next < 0x80 || next > 0xBF)
                {
                    return false;
                }
            }
            at += trailing + 1;
        }
        return true;
    }

    /**
     * @return false when {@code text} holds half of a surrogate pair, which a JSON escape can produce but
     * no UTF-8 can carry.
     */
    public static boolean isEncodable(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                i++;
            }
            else if (Character.isSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }
}
