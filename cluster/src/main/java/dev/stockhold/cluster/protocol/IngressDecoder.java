package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.AnsweredBy;
import dev.stockhold.cluster.sbe.MemberSnapshotDecoder;
import dev.stockhold.cluster.sbe.MessageHeaderDecoder;
import dev.stockhold.cluster.sbe.RequestDecoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.journal.codec.JournalCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Turns one cluster ingress message into an engine {@link Command}, its command id and who answers it.
 * <p>
 * Only the structure is checked here (schema, version, template, lengths, the entry's checksum): the ledger
 * validates every field when it applies the command, so what is accepted is decided in one place and
 * identically on every node. The message is read through a view bounded to its own bytes, so a length that
 * points past the message fails instead of reading the log beyond it; the entry is copied to a heap buffer
 * for the journal's codec. Not thread-safe: the clustered service's thread owns one. A valid message
 * allocates its strings (codes come from the codec's cache).
 */
public final class IngressDecoder
{
    private static final int COMMAND_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    /**
     * The oldest schema version read: a Request is the same in versions 2 and 3 (3 adds the Batch around it), and
     * a log recorded by a version 2 member must replay to the same state.
     */
    private static final int OLDEST_VERSION = 2;

    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RequestDecoder request = new RequestDecoder();
    private final MemberSnapshotDecoder memberSnapshot = new MemberSnapshotDecoder();
    private final JournalCodec codec = new JournalCodec();
    private final ExpandableArrayBuffer entry = new ExpandableArrayBuffer(256);

    private long origin;
    private long number;
    private boolean answeredByReplica;
    private String error;
    private int snapshotMember;
    private long snapshotPosition;

    /**
     * Reads a member's snapshot report ({@code MemberSnapshot}), which is no command.
     *
     * @return true when the message is one: {@link #snapshotMember()} and {@link #snapshotPosition()} hold it.
     */
    public boolean decodeMemberSnapshot(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + MemberSnapshotDecoder.BLOCK_LENGTH)
        {
            return false;
        }
        view.wrap(buffer, offset, length);
        header.wrap(view, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.templateId() != MemberSnapshotDecoder.TEMPLATE_ID
            || header.blockLength() != MemberSnapshotDecoder.BLOCK_LENGTH)
        {
            return false;
        }
        memberSnapshot.wrap(view, MessageHeaderDecoder.ENCODED_LENGTH, MemberSnapshotDecoder.BLOCK_LENGTH,
            MessageHeaderDecoder.SCHEMA_VERSION);
        snapshotMember = memberSnapshot.memberId();
        snapshotPosition = memberSnapshot.logPosition();
        return true;
    }

    /** @return the member of the last snapshot report. */
    public int snapshotMember()
    {
        return snapshotMember;
    }

    /** @return the log position of the last snapshot report. */
    public long snapshotPosition()
    {
        return snapshotPosition;
    }

    /**
     * Decodes the message in {@code buffer[offset, offset + length)} into {@code into}.
     *
     * @return true when a command was decoded; false when the message is unreadable ({@link #error()} says
     * why; {@link #origin()}, {@link #number()} and {@link #answeredByReplica()} are what could be read of it,
     * else 0 and false).
     */
    public boolean decode(final DirectBuffer buffer, final int offset, final int length, final Command into)
    {
        origin = 0;
        number = 0;
        answeredByReplica = false;
        error = null;
        if (length < COMMAND_ID_OFFSET + 2 * Long.BYTES)
        {
            return fail("truncated message");
        }
        view.wrap(buffer, offset, length);
        origin = view.getLong(COMMAND_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        number = view.getLong(COMMAND_ID_OFFSET + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        header.wrap(view, 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return fail("unknown schema id");
        }
        if (header.version() < OLDEST_VERSION || header.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return fail("unsupported schema version");
        }
        if (header.templateId() != RequestDecoder.TEMPLATE_ID)
        {
            return fail("unknown template id");
        }
        if (header.blockLength() != RequestDecoder.BLOCK_LENGTH
            || MessageHeaderDecoder.ENCODED_LENGTH + RequestDecoder.BLOCK_LENGTH > length)
        {
            return fail("unexpected block length");
        }
        request.wrap(view, MessageHeaderDecoder.ENCODED_LENGTH, RequestDecoder.BLOCK_LENGTH,
            MessageHeaderDecoder.SCHEMA_VERSION);
        final AnsweredBy answeredBy = request.answeredBy();
        if (answeredBy == AnsweredBy.NULL_VAL)
        {
            return fail("unknown answeredBy");
        }
        answeredByReplica = answeredBy == AnsweredBy.REPLICA;
        return decodeEntry(length, into);
    }

    private boolean decodeEntry(final int length, final Command into)
    {
        final int at = request.limit();
        if (at + RequestDecoder.entryHeaderLength() > length)
        {
            return fail("truncated message");
        }
        final long entryLength = request.entryLength();
        if (at + RequestDecoder.entryHeaderLength() + entryLength != length)
        {
            return fail("the command's length does not match the message's");
        }
        request.getEntry(entry, 0, (int)entryLength);
        try
        {
            codec.decodeRequest(entry, (int)entryLength, into);
        }
        catch (final RuntimeException ex)
        {
            // The codec's checks (checksum, version, type, lengths): every node fails the same bytes the same way.
            return fail("unreadable command: " + ex.getMessage());
        }
        if (!IngressEncoder.carries(into))
        {
            return fail("a client does not send " + into.type);
        }
        return true;
    }

    private boolean fail(final String why)
    {
        error = why;
        return false;
    }

    /** @return the origin of the last message's command id. */
    public long origin()
    {
        return origin;
    }

    /** @return the number of the last message's command id. */
    public long number()
    {
        return number;
    }

    /** @return true when the last message is answered by the replica of the member its client runs on. */
    public boolean answeredByReplica()
    {
        return answeredByReplica;
    }

    /** @return why the last message could not be decoded, or null. */
    public String error()
    {
        return error;
    }
}
