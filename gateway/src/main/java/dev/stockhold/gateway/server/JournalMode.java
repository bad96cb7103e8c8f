package dev.stockhold.gateway.server;

/** How durable an acknowledged command is (docs/design.md). */
public enum JournalMode
{
    /** Memory-mapped files: survives a process crash. */
    MMAP,
    /** fsync per batch (group commit): also survives power loss. */
    FSYNC,
    /** No journal: state lives in memory only and is gone at exit (tests, throwaway runs). */
    NONE
}
