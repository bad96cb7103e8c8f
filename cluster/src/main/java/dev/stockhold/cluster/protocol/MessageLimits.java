package dev.stockhold.cluster.protocol;

import io.aeron.driver.Configuration;

/**
 * How large a command or an answer may be on the cluster's channels. Aeron bounds one message to an eighth of a
 * term, so the channels that carry commands and answers (client ingress and egress, the replicated log) use
 * 16 MiB terms: an HTTP body of 1 MiB encodes smaller, and so does the answer to a set-stock batch of 10,000
 * cells. The buffers are sparse files: memory is taken only as far as terms are written.
 */
public final class MessageLimits
{
    /**
     * Term length of client ingress and egress and of the replicated log; {@code -Dstockhold.cluster.termLength}
     * changes it for tests (a power of two, 64 KiB to 1 GiB, the same on every member).
     */
    public static final int COMMAND_TERM_LENGTH = Integer.getInteger("stockhold.cluster.termLength", 16 * 1024 * 1024);
    /**
     * Archive segment length: the unit in which the recorded log is kept and purged; a multiple of the term
     * ({@code -Dstockhold.cluster.segmentLength} for tests).
     */
    public static final int SEGMENT_LENGTH = Integer.getInteger("stockhold.cluster.segmentLength",
        Math.max(COMMAND_TERM_LENGTH, 16 * 1024 * 1024));
    /** The longest command or answer the cluster carries. */
    public static final int MAX_MESSAGE_BYTES = COMMAND_TERM_LENGTH / 8;

    /**
     * @param alias the stream's name in Aeron's counters ("snapshot", "replay").
     * @return the shared-memory channel that carries a snapshot to the archive, or a snapshot or the log back from
     * it: terms as large as the command channels' and the largest frames Aeron takes, so that a snapshot of tens of
     * megabytes crosses in 64 KiB messages and waits for the archive every 8 MiB, not every 32 KiB.
     */
    public static String bulkChannel(final String alias)
    {
        return "aeron:ipc?alias=" + alias + "|term-length=" + COMMAND_TERM_LENGTH + "|mtu="
            + Math.min(Configuration.MAX_UDP_PAYLOAD_LENGTH, COMMAND_TERM_LENGTH / 8);
    }

    private MessageLimits()
    {
    }
}
