package dev.stockhold.engine.model;

/** A lock line that did not fit, as ERR_INSUFFICIENT_STOCK reports it. */
public record ModelShortLine(String sku, String warehouse, long requested, long available)
{
}
