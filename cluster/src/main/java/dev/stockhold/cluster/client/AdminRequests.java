package dev.stockhold.cluster.client;

import dev.stockhold.cluster.protocol.IngressEncoder;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.codecs.AdminResponseCode;
import org.agrona.ExpandableArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * What an {@link EngineClusterClient} asks of the cluster besides commands: a snapshot now (an admin request
 * the leader answers), and a member's snapshot report (a message of the log with no answer). The client's
 * thread only.
 */
final class AdminRequests
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminRequests.class);

    private final long origin;
    private final IngressEncoder encoder = new IngressEncoder();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
    private CompletableFuture<Boolean> snapshotRequest;
    private long snapshotCorrelationId;

    /** @param origin the client's origin, in the command id of the messages it sends. */
    AdminRequests(final long origin)
    {
        this.origin = origin;
    }

    /**
     * Asks the leader for a snapshot; {@code accepted} completes with true once it accepted, false when there is
     * no session, a request is already waiting, or it was refused.
     */
    void requestSnapshot(final AeronCluster cluster, final long correlationId, final CompletableFuture<Boolean> accepted)
    {
        if (cluster == null || snapshotRequest != null)
        {
            accepted.complete(false);
            return;
        }
        try
        {
            if (cluster.sendAdminRequestToTakeASnapshot(correlationId))
            {
                snapshotRequest = accepted;
                snapshotCorrelationId = correlationId;
                return;
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("event=snapshot_request_failed error=\"{}\"", ex.toString());
        }
        accepted.complete(false);
    }

    /** The leader's answer to an admin request. */
    void onAdminResponse(final long correlationId, final AdminResponseCode responseCode, final String message)
    {
        if (snapshotRequest != null && correlationId == snapshotCorrelationId)
        {
            if (responseCode != AdminResponseCode.OK)
            {
                LOG.warn("event=snapshot_request_refused code={} message=\"{}\"", responseCode, message);
            }
            snapshotRequest.complete(responseCode == AdminResponseCode.OK);
            snapshotRequest = null;
        }
    }

    /** Offers a member's snapshot report (best effort: the caller reports again until the state shows it). */
    void reportSnapshot(final AeronCluster cluster, final int memberId, final long logPosition)
    {
        if (cluster != null)
        {
            cluster.offer(buffer, 0, encoder.encodeMemberSnapshot(origin, memberId, logPosition, buffer, 0));
        }
    }

    /** The session is gone or the client closes: a waiting snapshot request is answered false. */
    void abandon()
    {
        if (snapshotRequest != null)
        {
            snapshotRequest.complete(false);
            snapshotRequest = null;
        }
    }
}
