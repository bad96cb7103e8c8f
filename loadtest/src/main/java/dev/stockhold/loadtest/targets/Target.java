package dev.stockhold.loadtest.targets;

import dev.stockhold.engine.command.Command;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A stockhold server under test, reached over one protocol. Every request is an engine {@link Command}
 * built with its builder methods, so workloads and replays are written once for every protocol.
 * Thread-safe.
 */
public interface Target extends AutoCloseable
{
    /**
     * Sends one request. The command is encoded before this returns and may be reused.
     *
     * @return the answer; an {@link Answer#isLost() lost} answer (never an exceptional future) when the
     * connection failed.
     */
    CompletableFuture<Answer> send(Command request);

    /**
     * Follows the change feed from now on, on a connection of its own.
     *
     * @return once the subscription is live (events after this point will all arrive).
     * @throws Exception when the feed cannot be opened.
     */
    AutoCloseable subscribe(ChangeListener listener) throws Exception;

    /** @return the ledger's state digest, where the protocol offers one (binary: yes, HTTP: no). */
    OptionalLong digest() throws Exception;

    /**
     * @return the server's memory use in bytes, where the server reports one (HTTP {@code /metrics}); empty
     * otherwise.
     */
    OptionalLong serverMemoryBytes();

    /** @return e.g. {@code sbe://127.0.0.1:7070 (4 connections)}. */
    String describe();

    @Override
    void close();

    /**
     * From now on sends each request's recorded engine time with it, and carries ticks: for replays to a
     * server started with {@code --replay-target}.
     *
     * @throws UnsupportedOperationException when the protocol cannot carry recorded times (HTTP).
     */
    default void sendRecordedTimes()
    {
        throw new UnsupportedOperationException("only the binary protocol (sbe://) carries recorded times");
    }
}
