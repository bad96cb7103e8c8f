package dev.stockhold.loadtest.report;

/**
 * One pass/fail statement of a run, e.g. "exactly the stock sold".
 *
 * @param name   what was checked.
 * @param passed whether it held.
 * @param detail the figures behind it.
 */
public record Check(String name, boolean passed, String detail)
{
}
