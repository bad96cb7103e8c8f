package dev.stockhold.engine.command;

import java.util.Arrays;

/**
 * A reusable list of codes that may also be absent (JSON {@code null}), distinct from empty: a channel's
 * warehouses, where absent means every warehouse. Capacity is kept across uses. One thread at a time.
 */
public final class CodeList
{
    private String[] codes = EmptyArrays.STRINGS;
    private int count;
    private boolean present;

    /** Makes the list absent and empty, keeping capacity. */
    public void clear()
    {
        Arrays.fill(codes, 0, count, null);
        count = 0;
        present = false;
    }

    /** Makes the list present (and empty): an explicit list, as opposed to absent. */
    public CodeList present()
    {
        Arrays.fill(codes, 0, count, null);
        count = 0;
        present = true;
        return this;
    }

    /** Appends a code, making the list present. */
    public CodeList add(final String code)
    {
        if (count == codes.length)
        {
            codes = Arrays.copyOf(codes, Math.max(4, count * 2));
        }
        codes[count++] = code;
        present = true;
        return this;
    }

    /** @return true when the list was given (possibly empty); false when absent. */
    public boolean isPresent()
    {
        return present;
    }

    public int count()
    {
        return count;
    }

    public String get(final int i)
    {
        return codes[i];
    }

    /** Replaces this list with a copy of {@code other}. */
    public void copyFrom(final CodeList other)
    {
        clear();
        for (int i = 0; i < other.count; i++)
        {
            add(other.codes[i]);
        }
        present = other.present;
    }
}
