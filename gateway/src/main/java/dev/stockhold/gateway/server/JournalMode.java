package dev.stockhold.gateway.server;

/** How durable an acknowledged command is (DESIGN.md). */
public enum JournalMode
{
    /** Memory-mapped files: survives a process crash. */
    MMAP,
    /** fsync per batch (group commit): also survives power loss. */
    FSYNC
}
