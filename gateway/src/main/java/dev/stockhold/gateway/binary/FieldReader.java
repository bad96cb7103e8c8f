package dev.stockhold.gateway.binary;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.Utf8;
import dev.stockhold.engine.command.Validation;
import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.nio.charset.StandardCharsets;

/**
 * Reads and validates the fields of one request message for {@link RequestDecoder}: numbers against the
 * ranges of docs/design.md, strings in place in the frame before any String is made. The first failure is
 * kept; reading goes on so the message's end is still found. Event loop only.
 */
final class FieldReader
{
    private final CodeInterner strings = new CodeInterner();
    /** The last variable-length field read, copied out of the frame once (bounds-checked once). */
    private final byte[] varBytes = new byte[1 << 16];
    private int varLength;
    private ErrorCode error;
    private String errorDetail;
    /** True when {@link #error} is a path field's, which no later failure replaces. */
    private boolean pathFailed;

    /** Forgets the last message's failure. */
    void reset()
    {
        error = null;
        errorDetail = null;
        pathFailed = false;
    }

    /** @return the first failure of the message, or null. */
    ErrorCode error()
    {
        return error;
    }

    /** @return the explanation of {@link #error()}. */
    String errorDetail()
    {
        return errorDetail;
    }

    /** Records a failure unless the message already has one. */
    void fail(final ErrorCode code, final String detail)
    {
        if (error == null)
        {
            error = code;
            errorDetail = detail;
        }
    }

    /**
     * Records the failure of a field that HTTP carries in the URL path (a channel, a listing id, a kit, a cell
     * of an allocation). HTTP checks the path before the body, so this failure replaces a body field's, and a
     * request bad in both answers the same code on both protocols.
     */
    void failPath(final ErrorCode code, final String detail)
    {
        if (!pathFailed)
        {
            error = code;
            errorDetail = detail;
            pathFailed = true;
        }
    }

    void checkGroup(final int actingBlockLength, final int expectedBlockLength)
    {
        if (actingBlockLength != expectedBlockLength)
        {
            fail(ErrorCode.INVALID_REQUEST, "unexpected group block length");
        }
    }

    boolean flag(final short raw)
    {
        if (raw != 0 && raw != 1)
        {
            fail(ErrorCode.INVALID_REQUEST, "a flag must be 0 or 1");
        }
        return raw == 1;
    }

    long quantity(final long quantity)
    {
        if (!Validation.isRequestQuantity(quantity))
        {
            fail(ErrorCode.INVALID_QUANTITY, "quantity out of range");
        }
        return quantity;
    }

    long level(final long level)
    {
        if (level != Command.ABSENT && !Validation.isLevel(level))
        {
            fail(ErrorCode.INVALID_QUANTITY, "level out of range");
        }
        return level;
    }

    long delta(final long delta)
    {
        if (!Validation.isDelta(delta))
        {
            fail(ErrorCode.INVALID_QUANTITY, "delta out of range");
        }
        return delta;
    }

    /**
     * Steps over the variable-length field at the message's limit, remembering where its bytes are; the
     * frame buffer's bounds checks turn a length past the frame into an IndexOutOfBoundsException.
     */
    void readVar(final MessageDecoderFlyweight message)
    {
        final DirectBuffer buffer = message.buffer();
        final int limit = message.limit();
        final int length = buffer.getShort(limit, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int offset = limit + Short.BYTES;
        if (offset + length > buffer.capacity())
        {
            throw new IndexOutOfBoundsException("variable-length field past the frame");
        }
        buffer.getBytes(offset, varBytes, 0, length);
        varLength = length;
        message.limit(offset + length);
    }

    /** Reads the code in the last variable-length field: null when empty, or invalid (the request then fails). */
    String code(final boolean emptyAllowed, final String detail)
    {
        final int length = varLength;
        if (!AsciiFields.isCode(varBytes, length, emptyAllowed))
        {
            fail(ErrorCode.INVALID_REQUEST, detail);
            return null;
        }
        return error == null && length > 0 ? strings.intern(varBytes, length) : null;
    }

    /**
     * Reads the listing id in the last variable-length field: null when empty, or invalid (the request then
     * fails). Interned as codes are: a listing that repeats allocates nothing.
     */
    String listingId(final boolean emptyAllowed, final String detail)
    {
        final int length = varLength;
        if (!AsciiFields.isListingId(varBytes, length, emptyAllowed))
        {
            fail(ErrorCode.INVALID_REQUEST, detail);
            return null;
        }
        return error == null && length > 0 ? strings.intern(varBytes, length) : null;
    }

    /** As {@link #code}, never empty, for a field HTTP carries in the path (see {@link #failPath}). */
    String pathCode(final String detail)
    {
        if (!AsciiFields.isCode(varBytes, varLength, false))
        {
            failPath(ErrorCode.INVALID_REQUEST, detail);
            return null;
        }
        return error == null ? strings.intern(varBytes, varLength) : null;
    }

    /** As {@link #listingId}, never empty, for a listing id HTTP carries in the path (see {@link #failPath}). */
    String pathListingId(final String detail)
    {
        if (!AsciiFields.isListingId(varBytes, varLength, false))
        {
            failPath(ErrorCode.INVALID_REQUEST, detail);
            return null;
        }
        return error == null ? strings.intern(varBytes, varLength) : null;
    }

    /**
     * @param valid the verdict of the Validation rule the caller applied to {@code quantity}.
     * @return {@code quantity}; when not valid, the request fails ERR_INVALID_QUANTITY, as over HTTP.
     */
    long quantity(final long quantity, final boolean valid, final String detail)
    {
        if (!valid)
        {
            fail(ErrorCode.INVALID_QUANTITY, detail);
        }
        return quantity;
    }

    /** Reads the order id in the last variable-length field read: 1..64 printable ASCII. */
    String orderId()
    {
        if (varLength == 0)
        {
            fail(ErrorCode.INVALID_REQUEST, "bad orderId");
            return null;
        }
        return text(Validation.MAX_CODE_LENGTH, true, "bad orderId");
    }

    /**
     * Reads Unicode text in the last variable-length field (a channel, a reason): well-formed UTF-8 of at most
     * {@code maxCharacters} characters, by the same rule as the HTTP decoder and the ledger
     * ({@link Validation#isText}); null when empty, or invalid (the request then fails). ASCII, the usual
     * case, is interned when {@code intern} is set and allocates nothing when it repeats.
     */
    String unicodeText(final int maxCharacters, final String detail, final boolean intern)
    {
        final int length = varLength;
        if (!Utf8.isWellFormed(varBytes, 0, length))
        {
            fail(ErrorCode.INVALID_REQUEST, detail);
            return null;
        }
        if (error != null || length == 0)
        {
            return null;
        }
        if (AsciiFields.isText(varBytes, length, length, true))
        {
            if (length > maxCharacters)
            {
                fail(ErrorCode.INVALID_REQUEST, detail);
                return null;
            }
            return intern ? strings.intern(varBytes, length) : CodeInterner.fresh(varBytes, length);
        }
        final String text = new String(varBytes, 0, length, StandardCharsets.UTF_8);
        if (!Validation.isText(text, maxCharacters))
        {
            fail(ErrorCode.INVALID_REQUEST, detail);
            return null;
        }
        return text;
    }

    /** Reads the text in the last variable-length field: null when empty, or invalid (the request then fails). */
    String text(final int maxLength, final boolean spaceAllowed, final String detail)
    {
        return text(maxLength, spaceAllowed, detail, false);
    }

    /** As {@link #text(int, boolean, String)}; {@code intern} for values that repeat (channels). */
    String text(final int maxLength, final boolean spaceAllowed, final String detail, final boolean intern)
    {
        final int length = varLength;
        if (!AsciiFields.isText(varBytes, length, maxLength, spaceAllowed))
        {
            fail(ErrorCode.INVALID_REQUEST, detail);
            return null;
        }
        if (error != null || length == 0)
        {
            return null;
        }
        return intern ? strings.intern(varBytes, length) : CodeInterner.fresh(varBytes, length);
    }
}
