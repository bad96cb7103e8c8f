package dev.stockhold.gateway.http;

/**
 * The field names one kind of JSON object may hold, for rejecting an unknown or repeated field. The
 * fields seen so far are bits of an {@code int}, so checking allocates nothing; Jackson's own duplicate
 * detection built a {@code HashSet} per object, 12 % of what the server allocated per HTTP lock.
 * Jackson interns field names, so the lookup's {@code equals} usually ends at identity. Immutable.
 */
final class FieldSet
{
    private final String[] names;

    /** @param names at most 32 distinct names. */
    FieldSet(final String... names)
    {
        if (names.length > Integer.SIZE)
        {
            throw new IllegalArgumentException("at most " + Integer.SIZE + " fields");
        }
        this.names = names.clone();
    }

    /** @return the bits {@link #mark} sets for these fields, each of which must be one of this set's. */
    int bitsOf(final String... fields)
    {
        int bits = 0;
        for (final String field : fields)
        {
            bits = mark(bits, field);
        }
        return bits;
    }

    /**
     * Marks {@code field} as seen.
     *
     * @param seen  the fields seen so far in this object (start from 0).
     * @param field the name just read.
     * @return {@code seen} with {@code field} added.
     * @throws RejectedRequest ERR_INVALID_REQUEST if {@code field} is not one of these or was seen already.
     */
    int mark(final int seen, final String field)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].equals(field))
            {
                final int bit = 1 << i;
                if ((seen & bit) != 0)
                {
                    throw JsonInput.invalid("duplicate field: " + field);
                }
                return seen | bit;
            }
        }
        throw JsonInput.unknown(field);
    }
}
