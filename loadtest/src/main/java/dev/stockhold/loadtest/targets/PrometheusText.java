package dev.stockhold.loadtest.targets;

import java.util.OptionalLong;

/** Finds the server's memory use in a Prometheus text exposition, under the usual metric names. */
final class PrometheusText
{
    private PrometheusText()
    {
    }

    /**
     * @return the heap in use ({@code jvm_memory_used_bytes{area="heap"}}, summed), else the resident set
     * ({@code process_resident_memory_bytes}); empty when the server exports neither.
     */
    static OptionalLong memoryBytes(final String text)
    {
        double heap = 0;
        boolean sawHeap = false;
        double resident = -1;
        for (final String line : text.split("\n"))
        {
            if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\""))
            {
                heap += value(line);
                sawHeap = true;
            }
            else if (line.startsWith("process_resident_memory_bytes"))
            {
                resident = value(line);
            }
        }
        if (sawHeap)
        {
            return OptionalLong.of((long)heap);
        }
        return resident >= 0 ? OptionalLong.of((long)resident) : OptionalLong.empty();
    }

    /** A sample line is {@code name{labels} value [timestamp]}: the value is the first token after the name. */
    private static double value(final String line)
    {
        final int labelsEnd = line.lastIndexOf('}');
        final String rest = labelsEnd >= 0 ? line.substring(labelsEnd + 1) : line.substring(line.indexOf(' ') + 1);
        try
        {
            return Double.parseDouble(rest.trim().split("\\s+")[0]);
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }
}
