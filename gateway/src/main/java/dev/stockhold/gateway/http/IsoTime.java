package dev.stockhold.gateway.http;

/**
 * Formats epoch milliseconds as ISO-8601 UTC with milliseconds ({@code 2026-11-23T08:00:00.000Z})
 * into a caller's char array, without allocating. Years 0..9999 only, which engine time never leaves.
 */
public final class IsoTime
{
    /** Characters written by {@link #format}. */
    public static final int LENGTH = 24;

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private IsoTime()
    {
    }

    /**
     * Writes {@code epochMillis} at {@code out[offset..offset+24)}.
     *
     * @return {@link #LENGTH}.
     */
    public static int format(final long epochMillis, final char[] out, final int offset)
    {
        final long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        final long millisOfDay = Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // Civil-from-days (H. Hinnant): proleptic Gregorian calendar from days since 1970-01-01.
        final long z = days + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final int day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        final int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        final int year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        int p = offset;
        p = digits(out, p, year, 4);
        out[p++] = '-';
        p = digits(out, p, month, 2);
        out[p++] = '-';
        p = digits(out, p, day, 2);
        out[p++] = 'T';
        p = digits(out, p, (int)(millisOfDay / 3_600_000), 2);
        out[p++] = ':';
        p = digits(out, p, (int)(millisOfDay / 60_000 % 60), 2);
        out[p++] = ':';
        p = digits(out, p, (int)(millisOfDay / 1000 % 60), 2);
        out[p++] = '.';
        p = digits(out, p, (int)(millisOfDay % 1000), 3);
        out[p] = 'Z';
        return LENGTH;
    }

    private static int digits(final char[] out, final int offset, final int value, final int width)
    {
        int v = value;
        for (int i = width - 1; i >= 0; i--)
        {
            out[offset + i] = (char)('0' + v % 10);
            v /= 10;
        }
        return offset + width;
    }
}
