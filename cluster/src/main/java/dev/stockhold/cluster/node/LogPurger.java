package dev.stockhold.cluster.node;

import dev.stockhold.cluster.protocol.MessageLimits;
import dev.stockhold.cluster.service.EngineStatus;
import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.RecordingLog;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;

/**
 * Keeps a member's recorded log from growing without end: purges the archive segments below the lowest
 * snapshot position every member has reported through the log (the replicated state's
 * {@link EngineStatus#memberSnapshots()}).
 * <p>
 * Why the lowest of all: a member catches up from its own snapshot, its own log, and then the leader's log
 * from where its own ends. A member that is down reported nothing since, so its last snapshot holds the purge
 * back, and when it returns the others still hold the log it needs; its own snapshot, which it recovers
 * from, is at or after the point every member purged below. A member that reported no snapshot yet (0) holds
 * back every purge. Aeron's open-source cluster does not move snapshots between members, so this is what
 * makes purging safe.
 * <p>
 * The node's timer thread only.
 */
final class LogPurger implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LogPurger.class);

    private final File clusterDir;
    private final AeronArchive.Context archiveContext;
    private final int members;
    private final EngineStatus status;
    private AeronArchive archive;
    private long purgedBelow;

    /**
     * @param clusterDir     the consensus module's directory, with the recording log.
     * @param archiveContext how to reach this member's archive.
     * @param members        how many members the cluster has.
     */
    LogPurger(final File clusterDir, final AeronArchive.Context archiveContext, final int members,
        final EngineStatus status)
    {
        this.clusterDir = clusterDir;
        this.archiveContext = archiveContext;
        this.members = members;
        this.status = status;
    }

    /** Purges what every member's snapshot covers, once the lowest has moved. */
    void purgeIfDue()
    {
        final long lowest = lowestSnapshot();
        if (lowest <= purgedBelow)
        {
            return;
        }
        final long recordingId;
        try (RecordingLog log = new RecordingLog(clusterDir, false))
        {
            recordingId = log.findLastTermRecordingId();
        }
        if (recordingId == Aeron.NULL_VALUE)
        {
            return;
        }
        if (archive == null)
        {
            archive = AeronArchive.connect(archiveContext.clone());
        }
        final long start = archive.getStartPosition(recordingId);
        final long newStart = AeronArchive.segmentFileBasePosition(start, lowest, MessageLimits.COMMAND_TERM_LENGTH,
            MessageLimits.SEGMENT_LENGTH);
        if (newStart > start)
        {
            final long deleted = archive.purgeSegments(recordingId, newStart);
            LOG.info("event=log_purged recording={} from={} to={} lowestSnapshot={} segments={}", recordingId, start,
                newStart, lowest, deleted);
        }
        purgedBelow = lowest;
    }

    /** @return the lowest snapshot position the members reported; 0 while one has reported none. */
    private long lowestSnapshot()
    {
        final long[] positions = status.memberSnapshots();
        long lowest = Long.MAX_VALUE;
        for (int member = 0; member < members; member++)
        {
            lowest = Math.min(lowest, member < positions.length ? positions[member] : 0);
        }
        return lowest;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(archive);
        archive = null;
    }
}
