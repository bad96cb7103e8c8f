package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.AnswerDecoder;
import dev.stockhold.cluster.sbe.MessageHeaderDecoder;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.ledger.ResultCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Reads one cluster egress message: {@link #wrap} finds the command id it answers, {@link #decodeInto} fills
 * an engine {@link CommandResult} with the answer. Not thread-safe: the client's thread owns one.
 */
public final class ReplyDecoder
{
    private static final int COMMAND_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;

    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AnswerDecoder answer = new AnswerDecoder();
    private long origin;
    private long number;
    private int length;

    /**
     * Wraps the message in {@code buffer[offset, offset + length)}.
     *
     * @return false when it is not an answer of this schema and version (then nothing else may be called).
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + AnswerDecoder.BLOCK_LENGTH)
        {
            return false;
        }
        view.wrap(buffer, offset, length);
        header.wrap(view, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID
            || header.version() != MessageHeaderDecoder.SCHEMA_VERSION
            || header.templateId() != AnswerDecoder.TEMPLATE_ID
            || header.blockLength() != AnswerDecoder.BLOCK_LENGTH)
        {
            return false;
        }
        this.length = length;
        origin = view.getLong(COMMAND_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        number = view.getLong(COMMAND_ID_OFFSET + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        return true;
    }

    /** @return the origin of the answered command's id. */
    public long origin()
    {
        return origin;
    }

    /** @return the number of the answered command's id. */
    public long number()
    {
        return number;
    }

    /**
     * Fills {@code into} (replaced) with the wrapped answer.
     *
     * @throws RuntimeException (IllegalStateException, IndexOutOfBoundsException) for a truncated or corrupt one.
     */
    public void decodeInto(final CommandResult into)
    {
        answer.wrap(view, MessageHeaderDecoder.ENCODED_LENGTH, AnswerDecoder.BLOCK_LENGTH,
            MessageHeaderDecoder.SCHEMA_VERSION);
        final int at = answer.limit() + AnswerDecoder.resultHeaderLength();
        final long resultLength = answer.resultLength();
        if (at + resultLength != length)
        {
            throw new IllegalStateException("the result's length does not match the answer's");
        }
        ResultCodec.decode(view, at, (int)resultLength, into);
    }
}
