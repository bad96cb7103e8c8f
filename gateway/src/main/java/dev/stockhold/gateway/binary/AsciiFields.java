package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Validation;

/**
 * Validates the string fields of a request on their raw bytes, before any String is made: garbage costs
 * no allocation. The rules are {@link Validation}'s, character by character and with its lengths.
 */
final class AsciiFields
{
    private AsciiFields()
    {
    }

    /** @return true for a SKU or warehouse code as Validation.isCode (or nothing, when {@code emptyAllowed}). */
    static boolean isCode(final byte[] bytes, final int length, final boolean emptyAllowed)
    {
        return isCode(bytes, length, Validation.MAX_CODE_LENGTH, emptyAllowed);
    }

    /** @return true for a listing id as Validation.isListingId (or nothing, when {@code emptyAllowed}). */
    static boolean isListingId(final byte[] bytes, final int length, final boolean emptyAllowed)
    {
        return isCode(bytes, length, Validation.MAX_LISTING_LENGTH, emptyAllowed);
    }

    /** The rule codes and listing ids share: printable ASCII without space or '/', of a bounded length. */
    private static boolean isCode(final byte[] bytes, final int length, final int maxLength,
        final boolean emptyAllowed)
    {
        if (length == 0)
        {
            return emptyAllowed;
        }
        if (length > maxLength)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (!Validation.isCodeCharacter(bytes[i]))
            {
                return false;
            }
        }
        return true;
    }

    /** @return true when the bytes are at most {@code maxLength} printable ASCII characters. */
    static boolean isText(final byte[] bytes, final int length, final int maxLength, final boolean spaceAllowed)
    {
        if (length > maxLength)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final byte b = bytes[i];
            if (!Validation.isPrintableCharacter(b) || (b == ' ' && !spaceAllowed))
            {
                return false;
            }
        }
        return true;
    }
}
