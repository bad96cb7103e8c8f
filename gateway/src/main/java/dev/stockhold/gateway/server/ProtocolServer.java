package dev.stockhold.gateway.server;

import dev.stockhold.engine.command.Command;

import java.net.InetSocketAddress;
import java.util.function.Predicate;

/**
 * The seam where the binary (SBE) protocol server plugs in beside HTTP: started once the engine takes
 * commands, stopped before it drains. {@link Server} starts one only when a factory is given.
 */
public interface ProtocolServer extends AutoCloseable
{
    /** Creates the binary server for an engine entrance (e.g. {@code pipeline::tryPublish}). */
    @FunctionalInterface
    interface Factory
    {
        ProtocolServer create(Predicate<Command> publisher, ServerSettings settings);
    }

    /** Binds and starts accepting; @return the bound address. */
    InetSocketAddress start(String host, int port) throws InterruptedException;

    /** Stops accepting new connections. */
    void stopAccepting();

    @Override
    void close();
}
