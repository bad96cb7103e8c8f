package dev.stockhold.gateway.server;

import dev.stockhold.engine.command.Command;
import dev.stockhold.gateway.http.ClusterStatus;

import java.util.function.Predicate;

/**
 * The engine a server's gateways talk to: the single-process pipeline ({@link StandaloneEngine}) or a member of
 * a replicated cluster ({@link ReplicatedEngine}). Both answer every command through its
 * {@link dev.stockhold.engine.pipeline.Reply} and show every applied command to the server's observers (change
 * feeds, metrics) before answering it.
 */
interface ServerEngine extends AutoCloseable
{
    /**
     * @return the gateways' way in: copies a command and takes it on, false when it cannot now (a full ring, too
     * many in flight, a stopped engine): answer ERR_OVERLOADED. Any thread.
     */
    Predicate<Command> entrance();

    /** @return the engine's place in a cluster, for {@code GET /v1/cluster}, {@code /ready} and the metrics. */
    ClusterStatus clusterStatus();

    /** Stops taking commands, drains what is in flight, and releases everything. */
    @Override
    void close();
}
