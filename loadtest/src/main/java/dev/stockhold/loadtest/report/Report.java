package dev.stockhold.loadtest.report;

import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run or a replay: headline figures, latency histograms (nanoseconds), pass/fail checks
 * and free-form notes; printed as a summary and written as {@code summary.txt}, {@code latency.png} and a
 * self-contained {@code report.html} (the plot inlined). Built by one thread.
 */
public final class Report
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    private final String title;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final Map<String, Histogram> latencies = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Report(final String title)
    {
        this.title = title;
    }

    /** Adds a headline figure, e.g. "throughput" = "1,000 req/s". */
    public Report figure(final String name, final String value)
    {
        figures.put(name, value);
        return this;
    }

    /** Adds a latency histogram (nanoseconds) to the table and the plot. */
    public Report latency(final String name, final Histogram histogram)
    {
        latencies.put(name, histogram);
        return this;
    }

    public Report check(final Check check)
    {
        checks.add(check);
        return this;
    }

    /** Adds a line of text shown under the figures (e.g. the audit's mismatches, per-minute figures). */
    public Report note(final String note)
    {
        notes.add(note);
        return this;
    }

    /** @return true when every check passed. */
    public boolean passed()
    {
        return checks.stream().allMatch(Check::passed);
    }

    public List<Check> checks()
    {
        return List.copyOf(checks);
    }

    /** @return the plain-text summary. */
    public String summary()
    {
        final StringBuilder out = new StringBuilder();
        out.append("== ").append(title).append(" ==").append(System.lineSeparator());
        figures.forEach((name, value) -> out.append(String.format("%-22s %s%n", name, value)));
        out.append(String.format("%-14s %10s", "latency (ms)", "count"));
        for (final double p : PERCENTILES)
        {
            out.append(String.format(" %9s", p == 100 ? "max" : "p" + trim(p)));
        }
        out.append(System.lineSeparator());
        latencies.forEach((name, histogram) ->
        {
            out.append(String.format("%-14s %10d", name, histogram.getTotalCount()));
            for (final double p : PERCENTILES)
            {
                out.append(String.format(" %9.3f", millis(histogram, p)));
            }
            out.append(System.lineSeparator());
        });
        for (final Check check : checks)
        {
            out.append(String.format("[%s] %s: %s%n", check.passed() ? "PASS" : "FAIL", check.name(), check.detail()));
        }
        notes.forEach(note -> out.append(note).append(System.lineSeparator()));
        out.append("RESULT: ").append(passed() ? "PASSED" : "FAILED").append(System.lineSeparator());
        return out.toString();
    }

    /** Writes summary.txt, latency.png and report.html into {@code dir}. */
    public void write(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.txt"), summary(), StandardCharsets.UTF_8);
        final PercentilePlot plot = new PercentilePlot(title + ": latency by percentile");
        latencies.forEach(plot::add);
        final Path png = dir.resolve("latency.png");
        plot.write(png);
        Files.writeString(dir.resolve("report.html"), html(Files.readAllBytes(png)), StandardCharsets.UTF_8);
    }

    private String html(final byte[] png)
    {
        final StringBuilder out = new StringBuilder(4096 + png.length * 2);
        out.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(escape(title))
            .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}"
                + ".pass{color:#2a2}.fail{color:#c22;font-weight:bold}td.l{text-align:left}</style></head><body>");
        out.append("<h1>").append(escape(title)).append("</h1><table>");
        figures.forEach((name, value) -> out.append("<tr><th>").append(escape(name)).append("</th><td class=\"l\">")
            .append(escape(value)).append("</td></tr>"));
        out.append("</table><h2>Latency (ms)</h2><table><tr><th>kind</th><th>count</th>");
        for (final double p : PERCENTILES)
        {
            out.append("<th>").append(p == 100 ? "max" : "p" + trim(p)).append("</th>");
        }
        out.append("</tr>");
        latencies.forEach((name, histogram) ->
        {
            out.append("<tr><td class=\"l\">").append(escape(name)).append("</td><td>")
                .append(histogram.getTotalCount()).append("</td>");
            for (final double p : PERCENTILES)
            {
                out.append(String.format("<td>%.3f</td>", millis(histogram, p)));
            }
            out.append("</tr>");
        });
        out.append("</table><p><img alt=\"latency by percentile\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(png)).append("\"></p><h2>Checks</h2><ul>");
        for (final Check check : checks)
        {
            out.append("<li class=\"").append(check.passed() ? "pass" : "fail").append("\">")
                .append(check.passed() ? "PASS " : "FAIL ").append(escape(check.name())).append(": ")
                .append(escape(check.detail())).append("</li>");
        }
        out.append("</ul><pre>");
        notes.forEach(note -> out.append(escape(note)).append('\n'));
        out.append("</pre><p><b>").append(passed() ? "PASSED" : "FAILED").append("</b></p></body></html>\n");
        return out.toString();
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String trim(final double p)
    {
        return p == Math.rint(p) ? Long.toString((long)p) : Double.toString(p);
    }

    private static double millis(final Histogram histogram, final double percentile)
    {
        if (histogram.getTotalCount() == 0)
        {
            return 0;
        }
        return (percentile == 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile)) / 1e6;
    }

    /** @return the histogram's percentile distribution as HdrHistogram prints it (for .hgrm files). */
    public static String distribution(final Histogram histogram)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.io.PrintStream print = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(print, 1e6);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
