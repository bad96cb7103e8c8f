package dev.stockhold.loadtest;

import picocli.CommandLine;

import java.time.Duration;

/** Reads durations such as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h} (a bare number is seconds). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    @Override
    public Duration convert(final String value)
    {
        final String text = value.trim().toLowerCase(java.util.Locale.ROOT);
        try
        {
            if (text.endsWith("ms"))
            {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            final char unit = text.charAt(text.length() - 1);
            final String number = Character.isDigit(unit) ? text : text.substring(0, text.length() - 1);
            final double amount = Double.parseDouble(number);
            switch (unit)
            {
                case 'h':
                    return Duration.ofMillis(Math.round(amount * 3_600_000));
                case 'm':
                    return Duration.ofMillis(Math.round(amount * 60_000));
                default:
                    if (unit != 's' && !Character.isDigit(unit))
                    {
                        throw new CommandLine.TypeConversionException("unknown unit in " + value);
                    }
                    return Duration.ofMillis(Math.round(amount * 1_000));
            }
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ex)
        {
            throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 500ms, 30s, 10m, 1h)");
        }
    }
}
