package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Utf8;
import dev.stockhold.engine.command.Validation;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stockhold.engine.command.ErrorCode;

import java.io.IOException;

/**
 * Typed reads from Jackson's streaming parser with the API's rules: a quantity is a JSON integer (a
 * string, a fraction or an exponent is {@code ERR_INVALID_QUANTITY}); every other bad value is
 * {@code ERR_INVALID_REQUEST}. Stateless: any thread.
 */
final class JsonInput
{
    /**
     * Parses request bodies. Repeated field names are rejected by {@link FieldSet}, not by Jackson's
     * duplicate detection, which allocated a set per object.
     */
    static final JsonFactory FACTORY = new JsonFactory();

    private JsonInput()
    {
    }

    /** Opens a parser over a body and checks it starts an object. */
    static JsonParser openObject(final byte[] body, final int offset, final int length) throws IOException
    {
        if (!Utf8.isWellFormed(body, offset, length))
        {
            throw invalid("the body is not well-formed UTF-8");
        }
        final JsonParser parser = FACTORY.createParser(body, offset, length);
        if (parser.nextToken() != JsonToken.START_OBJECT)
        {
            parser.close();
            throw invalid("the body must be a JSON object");
        }
        return parser;
    }

    /** Checks nothing follows the top-level object. */
    static void expectEnd(final JsonParser parser) throws IOException
    {
        if (parser.nextToken() != null)
        {
            throw invalid("unexpected content after the JSON object");
        }
    }

    /** Moves to the next field name of the current object; @return null at its end. */
    static String nextField(final JsonParser parser) throws IOException
    {
        final JsonToken token = parser.nextToken();
        if (token == JsonToken.END_OBJECT)
        {
            return null;
        }
        if (token != JsonToken.FIELD_NAME)
        {
            throw invalid("malformed JSON object");
        }
        final String name = parser.currentName();
        parser.nextToken();
        return name;
    }

    /** Reads a quantity at the current token; @return its value, range-checked. */
    static long quantity(final JsonParser parser, final String field, final long min, final long max)
        throws IOException
    {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT)
        {
            throw new RejectedRequest(ErrorCode.INVALID_QUANTITY, field + " must be a JSON integer");
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            || parser.getLongValue() < min || parser.getLongValue() > max)
        {
            throw new RejectedRequest(ErrorCode.INVALID_QUANTITY, field + " must be in " + min + ".." + max);
        }
        return parser.getLongValue();
    }

    /** Reads an integer that is not a quantity (a version, a TTL); out of range is ERR_INVALID_REQUEST. */
    static long integer(final JsonParser parser, final String field, final long min, final long max)
        throws IOException
    {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT)
        {
            throw invalid(field + " must be a JSON integer");
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            || parser.getLongValue() < min || parser.getLongValue() > max)
        {
            throw invalid(field + " must be in " + min + ".." + max);
        }
        return parser.getLongValue();
    }

    /** Reads a SKU or warehouse code. */
    static String code(final JsonParser parser, final String field) throws IOException
    {
        final String value = string(parser, field);
        if (!Validation.isCode(value))
        {
            throw invalid(field + " must be 1..64 printable ASCII characters without spaces or '/'");
        }
        return value;
    }

    /** Reads a code, or null for a JSON null. */
    static String optionalCode(final JsonParser parser, final String field) throws IOException
    {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : code(parser, field);
    }

    /** Reads a string of at most {@code maxLength} characters, or null for a JSON null. */
    static String optionalString(final JsonParser parser, final String field, final int maxLength)
        throws IOException
    {
        if (parser.currentToken() == JsonToken.VALUE_NULL)
        {
            return null;
        }
        final String value = string(parser, field);
        if (value.length() > maxLength && Validation.characters(value) > maxLength)
        {
            throw invalid(field + " must be at most " + maxLength + " characters");
        }
        if (!Utf8.isEncodable(value))
        {
            throw invalid(field + " must be valid Unicode text");
        }
        return value;
    }

    /** Reads a JSON string. */
    static String string(final JsonParser parser, final String field) throws IOException
    {
        if (parser.currentToken() != JsonToken.VALUE_STRING)
        {
            throw invalid(field + " must be a string");
        }
        return parser.getText();
    }

    /** Reads a boolean; a JSON null is false. */
    static boolean optionalBoolean(final JsonParser parser, final String field)
    {
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE)
        {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE || token == JsonToken.VALUE_NULL)
        {
            return false;
        }
        throw invalid(field + " must be true or false");
    }

    /** Checks the current token starts an array. */
    static void expectArray(final JsonParser parser, final String field)
    {
        if (parser.currentToken() != JsonToken.START_ARRAY)
        {
            throw invalid(field + " must be an array");
        }
    }

    /** Moves to the next element of an array of objects; @return false at the array's end. */
    static boolean nextObjectInArray(final JsonParser parser, final String field) throws IOException
    {
        final JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY)
        {
            return false;
        }
        if (token != JsonToken.START_OBJECT)
        {
            throw invalid(field + " must hold objects");
        }
        return true;
    }

    /** @return an ERR_INVALID_REQUEST rejection. */
    static RejectedRequest invalid(final String detail)
    {
        return new RejectedRequest(ErrorCode.INVALID_REQUEST, detail);
    }

    /** @return the rejection for an unknown field. */
    static RejectedRequest unknown(final String field)
    {
        return invalid("unknown field: " + field);
    }
}
