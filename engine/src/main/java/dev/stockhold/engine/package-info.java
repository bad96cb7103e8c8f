/**
 * The stockhold engine: the single-writer ledger and the Disruptor pipeline that feeds it.
 */
package dev.stockhold.engine;
