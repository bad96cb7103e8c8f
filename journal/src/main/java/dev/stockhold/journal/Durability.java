package dev.stockhold.journal;

/** What an acknowledged command survives. */
public enum Durability
{
    /**
     * The entry is in the memory-mapped queue file before the answer is released: it survives a crash of
     * the process (the kernel still writes the page), not a loss of power. The default.
     */
    MMAP,
    /**
     * The queue file is forced to disk at the end of every batch before any answer of the batch is
     * released (group commit): an acknowledged command also survives a loss of power.
     */
    FSYNC
}
