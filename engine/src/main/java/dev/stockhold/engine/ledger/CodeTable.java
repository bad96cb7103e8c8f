package dev.stockhold.engine.ledger;

import java.util.Arrays;

/**
 * Interns SKU or warehouse codes to dense int ids, in the order they are first interned. Looking a
 * code up never interns it, so a request that names an unknown code changes nothing. Ledger thread only.
 */
final class CodeTable
{
    static final int MISSING = -1;

    /** Ids by the code's hash, checked against {@link #codes}. */
    private final HashSlots ids = new HashSlots(64);
    private String[] codes = new String[64];
    /** Each code's {@code String.hashCode()}, so a hash over a code known by id reads no String. */
    private int[] hashCodes = new int[64];
    private int size;

    /** @return the id of {@code code}, or {@link #MISSING}. */
    int find(final String code)
    {
        final int hash = HashSlots.hash(code);
        for (int at = ids.first(hash); at >= 0; at = ids.next(hash, at))
        {
            final int id = ids.value(at);
            if (code.equals(codes[id]))
            {
                return id;
            }
        }
        return MISSING;
    }

    /** @return the id of {@code code}, assigning the next id if it is new. */
    int intern(final String code)
    {
        final int existing = find(code);
        if (existing != MISSING)
        {
            return existing;
        }
        if (size == codes.length)
        {
            codes = Arrays.copyOf(codes, size * 2);
            hashCodes = Arrays.copyOf(hashCodes, size * 2);
        }
        codes[size] = code;
        hashCodes[size] = code.hashCode();
        ids.add(HashSlots.hash(code), size);
        return size++;
    }

    /** @return the code with id {@code id}. */
    String code(final int id)
    {
        return codes[id];
    }

    /** @return {@code code(id).hashCode()}, without reading the code. */
    int hashCodeOf(final int id)
    {
        return hashCodes[id];
    }

    int size()
    {
        return size;
    }
}
