package dev.stockhold.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the whole machine's CPU time went between two readings of Linux's {@code /proc/stat}: user,
 * system, soft interrupts, idle and steal. Steal is time the hypervisor gave this VM's cores to someone
 * else; on a shared VM it puts multi-millisecond holes into any latency measurement, so a latency figure
 * is only meaningful next to it.
 */
final class MachineCpu
{
    private static final Path STAT = Path.of("/proc/stat");
    private static final String[] NAMES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

    private final long[] ticks;

    private MachineCpu(final long[] ticks)
    {
        this.ticks = ticks;
    }

    /** @return the current totals, or null where /proc/stat is unreadable (not Linux). */
    static MachineCpu now()
    {
        return parse(read());
    }

    /**
     * @return /proc/stat as read now, or null where unreadable. Parse it later: parsing uses regular
     * expressions, and a latency driver that parsed when its measurement began deoptimized JDK code the
     * JIT had compiled at start-up, and recompiled it on the two cores in the measured window's first
     * half second.
     */
    static byte[] read()
    {
        try
        {
            return Files.readAllBytes(STAT);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /** @return the totals in {@code stat} (from {@link #read()}), or null if there are none. */
    static MachineCpu parse(final byte[] stat)
    {
        if (stat == null)
        {
            return null;
        }
        try
        {
            final String firstLine = new String(stat, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            final String[] fields = firstLine.trim().split("\\s+");
            final long[] ticks = new long[NAMES.length];
            for (int i = 0; i < NAMES.length; i++)
            {
                ticks[i] = Long.parseLong(fields[i + 1]);
            }
            return new MachineCpu(ticks);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    /** @return e.g. "user 21.1% system 18.5% softirq 6.6% idle 25.0% steal 28.8%" since {@code earlier}. */
    static String since(final MachineCpu earlier)
    {
        final MachineCpu later = now();
        if (earlier == null || later == null)
        {
            return "unknown (no /proc/stat)";
        }
        final long[] delta = new long[NAMES.length];
        long total = 0;
        for (int i = 0; i < NAMES.length; i++)
        {
            delta[i] = later.ticks[i] - earlier.ticks[i];
            total += delta[i];
        }
        final StringBuilder out = new StringBuilder();
        for (final int i : new int[] {0, 2, 6, 3, 7})
        {
            out.append(out.length() == 0 ? "" : " ").append(NAMES[i]).append(' ')
                .append(String.format("%.1f%%", total == 0 ? 0.0 : 100.0 * delta[i] / total));
        }
        return out.toString();
    }
}
