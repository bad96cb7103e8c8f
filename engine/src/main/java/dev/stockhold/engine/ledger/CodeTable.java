package dev.stockhold.engine.ledger;

import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;

/**
 * Interns SKU or warehouse codes to dense int ids, in the order they are first interned. Looking a
 * code up never interns it, so a request that names an unknown code changes nothing. Ledger thread only.
 */
final class CodeTable
{
    static final int MISSING = -1;

    private final Object2IntHashMap<String> ids = new Object2IntHashMap<>(MISSING);
    private String[] codes = new String[64];
    private int size;

    /** @return the id of {@code code}, or {@link #MISSING}. */
    int find(final String code)
    {
        return ids.getValue(code);
    }

    /** @return the id of {@code code}, assigning the next id if it is new. */
    int intern(final String code)
    {
        final int existing = ids.getValue(code);
        if (existing != MISSING)
        {
            return existing;
        }
        if (size == codes.length)
        {
            codes = Arrays.copyOf(codes, size * 2);
        }
        codes[size] = code;
        ids.put(code, size);
        return size++;
    }

    /** @return the code with id {@code id}. */
    String code(final int id)
    {
        return codes[id];
    }

    int size()
    {
        return size;
    }
}
