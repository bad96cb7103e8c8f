package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.Validation;
import dev.stockhold.gateway.binary.CodeInterner;

import java.nio.charset.StandardCharsets;

/**
 * Reads the common lock body straight from its bytes, without a JSON parser: the busiest request of the
 * API, where Jackson's parser, its contexts and its strings were about a third of what the event loop
 * allocated per request. SKU, warehouse, listing and channel codes are interned, so only the order id is a
 * new String.
 * <p>
 * It accepts a strict subset of JSON: the lock's known fields, each at most once, strings of printable
 * ASCII without escapes, integers without sign, fraction or exponent, {@code true}/{@code false}, and
 * values the API's rules accept. On anything else it gives up, and {@link RequestDecoder#lock} reads the
 * body with the general parser, so every refusal keeps its code and message whichever path saw it first.
 * Not thread-safe: one per event loop.
 */
final class LockBodyReader
{
    private static final int ORDER_ID = 1;
    private static final int CHANNEL = 1 << 1;
    private static final int TTL = 1 << 2;
    private static final int PRESALE = 1 << 3;
    private static final int SPLIT = 1 << 4;
    private static final int LINES = 1 << 5;
    private static final int SKU = 1;
    private static final int LISTING = 1 << 1;
    private static final int WAREHOUSE = 1 << 2;
    private static final int QUANTITY = 1 << 3;
    private static final int GIVE_UP = -1;

    private final CodeInterner codes = new CodeInterner();
    private final byte[] scratch = new byte[Validation.MAX_LISTING_LENGTH];
    private final int maxLines;
    private byte[] body;
    private int at;
    private int end;
    private int stringStart;
    private int stringLength;
    private long number;

    /** @param maxLines the most lines a lock may have. */
    LockBodyReader(final int maxLines)
    {
        this.maxLines = maxLines;
    }

    /**
     * Fills {@code command} with the lock in {@code body} when the body is in the subset this reader takes.
     *
     * @return false when it gave up: {@code command} is then half-filled and must be filled again.
     */
    boolean read(final byte[] body, final int offset, final int length, final Command command)
    {
        this.body = body;
        this.at = offset;
        this.end = offset + length;
        command.lock(null, null, 0, false, false);
        if (!skipTo('{'))
        {
            return false;
        }
        int seen = 0;
        do
        {
            final int field = fieldName();
            if (field == GIVE_UP || (seen & field) != 0 || !skipTo(':'))
            {
                return false;
            }
            seen |= field;
            if (!value(field, command))
            {
                return false;
            }
        }
        while (skipTo(','));
        return at < end && body[at++] == '}' && atEnd() && (seen & (ORDER_ID | LINES)) == (ORDER_ID | LINES);
    }

    private int fieldName()
    {
        if (!string())
        {
            return GIVE_UP;
        }
        return switch (stringLength)
        {
            case 7 -> is("orderId") ? ORDER_ID : is("channel") ? CHANNEL : GIVE_UP;
            case 10 -> is("ttlSeconds") ? TTL : is("allowSplit") ? SPLIT : GIVE_UP;
            case 12 -> is("allowPresale") ? PRESALE : GIVE_UP;
            case 5 -> is("lines") ? LINES : GIVE_UP;
            default -> GIVE_UP;
        };
    }

    private boolean value(final int field, final Command command)
    {
        switch (field)
        {
            case ORDER_ID:
                if (!string() || stringLength > Validation.MAX_CODE_LENGTH)
                {
                    return false;
                }
                command.orderId = new String(body, stringStart, stringLength, StandardCharsets.US_ASCII);
                return true;
            case CHANNEL:
                if (!string() || stringLength > Validation.MAX_CHANNEL_LENGTH)
                {
                    return false;
                }
                command.channel = intern(false);
                return true;
            case TTL:
                if (!integer() || number < 1 || number > Validation.MAX_TTL_SECONDS)
                {
                    return false;
                }
                command.ttlSeconds = (int)number;
                return true;
            case PRESALE:
            case SPLIT:
                skipSpace();
                final boolean flag;
                if (literal("true"))
                {
                    flag = true;
                }
                else if (literal("false"))
                {
                    flag = false;
                }
                else
                {
                    return false;
                }
                if (field == PRESALE)
                {
                    command.allowPresale = flag;
                }
                else
                {
                    command.allowSplit = flag;
                }
                return true;
            default:
                return lines(command);
        }
    }

    private boolean lines(final Command command)
    {
        if (!skipTo('['))
        {
            return false;
        }
        do
        {
            if (command.lines.count() == maxLines || !line(command))
            {
                return false;
            }
        }
        while (skipTo(','));
        return at < end && body[at++] == ']';
    }

    private boolean line(final Command command)
    {
        if (!skipTo('{'))
        {
            return false;
        }
        String sku = null;
        String listing = null;
        String warehouse = null;
        long quantity = 0;
        int seen = 0;
        do
        {
            if (!string())
            {
                return false;
            }
            final int field = stringLength == 3 && is("sku") ? SKU
                : stringLength == 7 && is("listing") ? LISTING
                : stringLength == 9 && is("warehouse") ? WAREHOUSE
                : stringLength == 8 && is("quantity") ? QUANTITY : GIVE_UP;
            if (field == GIVE_UP || (seen & field) != 0 || !skipTo(':'))
            {
                return false;
            }
            seen |= field;
            if (field == QUANTITY)
            {
                if (!integer() || number < 1 || number > Validation.MAX_REQUEST_QUANTITY)
                {
                    return false;
                }
                quantity = number;
                continue;
            }
            final int max = field == LISTING ? Validation.MAX_LISTING_LENGTH : Validation.MAX_CODE_LENGTH;
            if (!string() || stringLength > max)
            {
                return false;
            }
            final String code = intern(true);
            if (code == null)
            {
                return false;
            }
            if (field == SKU)
            {
                sku = code;
            }
            else if (field == LISTING)
            {
                listing = code;
            }
            else
            {
                warehouse = code;
            }
        }
        while (skipTo(','));
        if (at >= end || body[at++] != '}' || (sku == null) == (listing == null) || quantity == 0)
        {
            return false;
        }
        command.lines.add(sku, listing, warehouse, quantity);
        return true;
    }

    /**
     * Reads a string of printable ASCII without escapes at the next token; @return false for anything else.
     * Its bytes are {@link #stringStart} and {@link #stringLength}; it may be empty.
     */
    private boolean string()
    {
        skipSpace();
        if (at >= end || body[at] != '"')
        {
            return false;
        }
        final int start = ++at;
        while (at < end)
        {
            final byte b = body[at];
            if (b == '"')
            {
                stringStart = start;
                stringLength = at - start;
                at++;
                return stringLength > 0;
            }
            if (b < ' ' || b > '~' || b == '\\')
            {
                return false;
            }
            at++;
        }
        return false;
    }

    /** Reads an integer of at most ten digits without a sign or a leading zero into {@link #number}. */
    private boolean integer()
    {
        skipSpace();
        final int start = at;
        long value = 0;
        while (at < end && body[at] >= '0' && body[at] <= '9')
        {
            value = value * 10 + (body[at] - '0');
            at++;
        }
        final int digits = at - start;
        if (digits == 0 || digits > 10 || body[start] == '0'
            || (at < end && (body[at] == '.' || body[at] == 'e' || body[at] == 'E')))
        {
            return false;
        }
        number = value;
        return true;
    }

    /** @return the last string, interned; for a code, null when a character is not a code's. */
    private String intern(final boolean code)
    {
        for (int i = 0; i < stringLength; i++)
        {
            final byte b = body[stringStart + i];
            if (code && !Validation.isCodeCharacter(b))
            {
                return null;
            }
            scratch[i] = b;
        }
        return codes.intern(scratch, stringLength);
    }

    private boolean is(final String name)
    {
        for (int i = 0; i < stringLength; i++)
        {
            if (body[stringStart + i] != name.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private boolean literal(final String word)
    {
        if (end - at < word.length())
        {
            return false;
        }
        for (int i = 0; i < word.length(); i++)
        {
            if (body[at + i] != word.charAt(i))
            {
                return false;
            }
        }
        at += word.length();
        return true;
    }

    /** Skips white space; @return true, past it, when the next byte is {@code expected}. */
    private boolean skipTo(final char expected)
    {
        skipSpace();
        if (at < end && body[at] == expected)
        {
            at++;
            return true;
        }
        return false;
    }

    private boolean atEnd()
    {
        skipSpace();
        return at == end;
    }

    private void skipSpace()
    {
        while (at < end && (body[at] == ' ' || body[at] == '\n' || body[at] == '\r' || body[at] == '\t'))
        {
            at++;
        }
    }
}
