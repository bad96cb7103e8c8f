package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.CommandResult;

import java.nio.charset.StandardCharsets;

/**
 * The document of {@code GET /v1/cluster}: the node's place in its cluster and the engine's state digest, taken
 * between two commands (a read through the engine).
 * <pre>
 * {"node":0,"role":"LEADER","leader":0,"term":3,"members":[{"node":0,"endpoint":"127.0.0.1:9100"},…],
 *  "lastSequence":123456,"digest":"8b000d4c54e5a5e8","commitPosition":4096}
 * </pre>
 * A single-process server answers the same fields with {@code "node":null,"role":"STANDALONE"}.
 */
final class ClusterBody
{
    private ClusterBody()
    {
    }

    /** @return the document for {@code status} and the digest read's {@code result}. */
    static byte[] of(final ClusterStatus status, final CommandResult result)
    {
        final StringBuilder json = new StringBuilder(256);
        json.append("{\"node\":").append(status.node())
            .append(",\"role\":\"").append(status.role()).append('"')
            .append(",\"leader\":").append(status.leader())
            .append(",\"term\":").append(status.term())
            .append(",\"members\":[");
        boolean first = true;
        for (final ClusterStatus.Member member : status.members())
        {
            json.append(first ? "" : ",").append("{\"node\":").append(member.node())
                .append(",\"endpoint\":\"").append(member.endpoint()).append("\"}");
            first = false;
        }
        json.append("],\"lastSequence\":").append(result.sequence())
            .append(",\"digest\":\"").append(String.format("%016x", result.digest())).append('"')
            .append(",\"commitPosition\":").append(status.commitPosition())
            .append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
