package dev.stockhold.gateway.server;

import dev.stockhold.engine.pipeline.ThreadLayout;
import dev.stockhold.engine.pipeline.WaitPreset;
import dev.stockhold.journal.SnapshotMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How each server setting's text becomes a value, whichever source it came from (command line, environment,
 * configuration file): picocli converts all three with these. A bad value fails with a short reason
 * ("not a number", "must be at least 1"); {@link ConfigErrors} adds which option, variable or key it was.
 */
final class ConfigValues
{
    private ConfigValues()
    {
    }

    /** A whole number between two bounds. */
    abstract static class Bounded implements ITypeConverter<Long>
    {
        private final long min;
        private final long max;

        Bounded(final long min, final long max)
        {
            this.min = min;
            this.max = max;
        }

        @Override
        public Long convert(final String text)
        {
            final long value;
            try
            {
                value = Long.parseLong(text.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new TypeConversionException(text.trim().matches("[-+]?\\d+") ? "too large (at most " + max + ")"
                    : "not a number");
            }
            final boolean noUpperBound = max == Integer.MAX_VALUE || max == Long.MAX_VALUE || max == Long.MAX_VALUE >> 20;
            if (value < min)
            {
                throw new TypeConversionException(noUpperBound ? "must be at least " + min
                    : "must be between " + min + " and " + max);
            }
            if (value > max)
            {
                throw new TypeConversionException(noUpperBound ? "too large (at most " + max + ")"
                    : "must be between " + min + " and " + max);
            }
            return value;
        }
    }

    /** As {@link Bounded}, for an {@code int} option. */
    abstract static class BoundedInt implements ITypeConverter<Integer>
    {
        private final Bounded bounds;

        BoundedInt(final int min, final int max)
        {
            bounds = new Bounded(min, max)
            {
            };
        }

        @Override
        public Integer convert(final String text)
        {
            return bounds.convert(text).intValue();
        }
    }

    /** A TCP port, 0 for any free one. */
    static final class Port extends BoundedInt
    {
        Port()
        {
            super(0, 65_535);
        }
    }

    /** A TCP port, 0 for any free one, -1 for none. */
    static final class OptionalPort extends BoundedInt
    {
        OptionalPort()
        {
            super(-1, 65_535);
        }
    }

    /** 0 or more. */
    static final class NonNegativeInt extends BoundedInt
    {
        NonNegativeInt()
        {
            super(0, Integer.MAX_VALUE);
        }
    }

    /** 1 or more. */
    static final class PositiveInt extends BoundedInt
    {
        PositiveInt()
        {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** A {@code SCHED_FIFO} priority, or 0 for the OS's normal scheduling. */
    static final class Priority extends BoundedInt
    {
        Priority()
        {
            super(0, 99);
        }
    }

    /** 0 or more, as a {@code long}. */
    static final class NonNegativeLong extends Bounded
    {
        NonNegativeLong()
        {
            super(0, Long.MAX_VALUE);
        }
    }

    /** A number of MiB that still fits a {@code long} count of bytes. */
    static final class Mebibytes extends Bounded
    {
        Mebibytes()
        {
            super(0, Long.MAX_VALUE >> 20);
        }
    }

    /**
     * A span of time: a whole number and a unit, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}
     * ({@code 90s}, {@code 15m}, {@code 24h}, {@code 30d}).
     */
    static final class Span implements ITypeConverter<Duration>
    {
        @Override
        public Duration convert(final String text)
        {
            final String value = text.trim().toLowerCase(Locale.ROOT);
            final int unit = firstNonDigit(value);
            if (unit == 0 || unit == value.length())
            {
                throw new TypeConversionException("not a duration (a number and a unit: 500ms, 90s, 15m, 24h, 30d)");
            }
            final long amount;
            try
            {
                amount = Long.parseLong(value.substring(0, unit));
            }
            catch (final NumberFormatException ex)
            {
                throw new TypeConversionException("too large");
            }
            try
            {
                return switch (value.substring(unit))
                {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> throw new TypeConversionException(
                        "not a duration (a number and a unit: 500ms, 90s, 15m, 24h, 30d)");
                };
            }
            catch (final ArithmeticException ex)
            {
                throw new TypeConversionException("too large");
            }
        }

        private static int firstNonDigit(final String value)
        {
            int i = 0;
            while (i < value.length() && Character.isDigit(value.charAt(i)))
            {
                i++;
            }
            return i;
        }

        /** @return {@code duration} as this converter reads it: {@code 30d}, {@code 24h}, {@code 90s}. */
        static String format(final Duration duration)
        {
            if (duration.toMillis() % 1000 != 0)
            {
                return duration.toMillis() + "ms";
            }
            final long seconds = duration.toSeconds();
            if (seconds % 86_400 == 0 && seconds != 0)
            {
                return seconds / 86_400 + "d";
            }
            if (seconds % 3600 == 0 && seconds != 0)
            {
                return seconds / 3600 + "h";
            }
            return seconds % 60 == 0 && seconds != 0 ? seconds / 60 + "m" : seconds + "s";
        }
    }

    /** One of an enum's constants, named in lower case (any case is accepted). */
    abstract static class Named<E extends Enum<E>> implements ITypeConverter<E>
    {
        private final Class<E> type;

        Named(final Class<E> type)
        {
            this.type = type;
        }

        @Override
        public E convert(final String text)
        {
            final String name = text.trim().toUpperCase(Locale.ROOT);
            for (final E constant : type.getEnumConstants())
            {
                if (constant.name().equals(name))
                {
                    return constant;
                }
            }
            throw new TypeConversionException("not one of " + names(type));
        }

        /** @return the constants' names, lower case, comma-separated. */
        static String names(final Class<? extends Enum<?>> type)
        {
            return Arrays.stream(type.getEnumConstants()).map(Named::name).collect(Collectors.joining(", "));
        }

        /** @return the constant's name as the configuration writes it. */
        static String name(final Enum<?> constant)
        {
            return constant.name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@link JournalMode}. */
    static final class JournalModes extends Named<JournalMode>
    {
        JournalModes()
        {
            super(JournalMode.class);
        }
    }

    /** {@link SnapshotMode}. */
    static final class SnapshotModes extends Named<SnapshotMode>
    {
        SnapshotModes()
        {
            super(SnapshotMode.class);
        }
    }

    /** {@link ThreadLayout}. */
    static final class Layouts extends Named<ThreadLayout>
    {
        Layouts()
        {
            super(ThreadLayout.class);
        }
    }

    /** {@link WaitPreset}. */
    static final class WaitPresets extends Named<WaitPreset>
    {
        WaitPresets()
        {
            super(WaitPreset.class);
        }
    }

    /** {@link MemoryCheck.Mode}. */
    static final class MemoryCheckModes extends Named<MemoryCheck.Mode>
    {
        MemoryCheckModes()
        {
            super(MemoryCheck.Mode.class);
        }
    }

    /** Text that must not be blank. */
    static final class NotBlank implements ITypeConverter<String>
    {
        @Override
        public String convert(final String text)
        {
            if (text.isBlank())
            {
                throw new TypeConversionException("must not be empty");
            }
            return text.trim();
        }
    }
}
