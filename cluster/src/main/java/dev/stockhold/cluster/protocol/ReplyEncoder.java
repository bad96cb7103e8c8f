package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.AnswerEncoder;
import dev.stockhold.cluster.sbe.MessageHeaderEncoder;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.ledger.ResultCodec;
import org.agrona.ExpandableArrayBuffer;

/**
 * Encodes the engine's result for one command as a cluster egress message ({@code Answer}), into a reusable
 * buffer: the command id and the whole result in the engine's own encoding ({@link ResultCodec}).
 * <p>
 * Not thread-safe: the clustered service's thread owns one. The answer is a pure function of the result, so
 * every node encodes the same bytes for the same command; the service keeps them in its exactly-once window
 * to answer a retry.
 */
public final class ReplyEncoder
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private final ExpandableArrayBuffer result = new ExpandableArrayBuffer(1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AnswerEncoder answer = new AnswerEncoder();

    /** @return the buffer {@link #encode} writes to, from offset 0. */
    public ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    /**
     * Encodes the answer to command ({@code origin}, {@code number}): what the ledger answered, or a refusal
     * made before the ledger saw it.
     *
     * @return the encoded length.
     */
    public int encode(final long origin, final long number, final CommandResult source)
    {
        final int resultLength = ResultCodec.encode(source, result, 0);
        answer.wrapAndApplyHeader(buffer, 0, header).commandId().origin(origin).number(number);
        answer.putResult(result, 0, resultLength);
        return MessageHeaderEncoder.ENCODED_LENGTH + answer.encodedLength();
    }
}
