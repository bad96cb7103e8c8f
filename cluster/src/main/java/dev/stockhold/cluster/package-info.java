/**
 * The stockhold engine replicated on Aeron Cluster (Raft): three (or five) nodes apply the same commands in the
 * same order, so losing one machine loses no acknowledged command and stops writes only for an election.
 * <ul>
 *   <li>{@code protocol}: the SBE messages on cluster ingress and egress: one generic request that carries any
 *       command as an entry of the journal's codec, a member's snapshot report, and an answer that carries the
 *       engine's result in its own encoding.</li>
 *   <li>{@code service}: {@link dev.stockhold.cluster.service.ClusteredEngine}, the engine as the clustered
 *       service: the ledger, the exactly-once window of command ids, ticks from a cluster timer, snapshots, and
 *       each node's audit journal; {@link dev.stockhold.cluster.service.LocalReplica}, through which a member's
 *       gateways read its replica and learn the results of their writes as it applies them.</li>
 *   <li>{@code node}: {@link dev.stockhold.cluster.node.ClusterNode}, one member's Aeron components sized for a
 *       small machine, and its command line.</li>
 *   <li>{@code client}: {@link dev.stockhold.cluster.client.EngineClusterClient}, which sends commands with ids,
 *       resends them across elections and gives up at a deadline.</li>
 * </ul>
 * The engine module knows nothing of Aeron: this module adapts it.
 */
package dev.stockhold.cluster;
