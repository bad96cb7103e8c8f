package dev.stockhold.cluster.protocol;

import dev.stockhold.cluster.sbe.AnsweredBy;
import dev.stockhold.cluster.sbe.MemberSnapshotEncoder;
import dev.stockhold.cluster.sbe.MessageHeaderEncoder;
import dev.stockhold.cluster.sbe.RequestEncoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.journal.codec.JournalCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes an engine {@link Command} with its command id as one cluster ingress message
 * ({@code stockhold-cluster-schema.xml}): the command itself is one entry of the journal's codec, so every
 * type a client sends travels the same way and the project has one command codec.
 * <p>
 * Not thread-safe: each thread that sends owns one. Nothing is validated here beyond what the encoding needs:
 * the engine checks every field when it applies the command, whatever the client sent.
 */
public final class IngressEncoder
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final RequestEncoder request = new RequestEncoder();
    private final MemberSnapshotEncoder memberSnapshot = new MemberSnapshotEncoder();
    private final JournalCodec codec = new JournalCodec();
    private final ExpandableArrayBuffer entry = new ExpandableArrayBuffer(256);

    /**
     * @return true when the cluster carries a command of this type from a client: every type but the engine's
     * own tick and snapshot request.
     */
    public static boolean carries(final Command command)
    {
        return command.type != null && command.type != CommandType.TICK && command.type != CommandType.SNAPSHOT;
    }

    /**
     * Encodes {@code command} at {@code offset}.
     *
     * @param origin            the client's origin, the first half of the command id.
     * @param number            the command's number within the origin.
     * @param answeredByReplica true when the replica of the member the client runs on answers the command (no
     *                          answer on egress); false for an answer on egress.
     * @return the encoded length.
     * @throws IllegalArgumentException when the cluster does not carry the command's type ({@link #carries}),
     *                                  or a string is longer than the codec's 65,534 bytes.
     */
    public int encode(final long origin, final long number, final boolean answeredByReplica, final Command command,
        final MutableDirectBuffer buffer, final int offset)
    {
        if (!carries(command))
        {
            throw new IllegalArgumentException("the cluster does not carry " + command.type + " from a client");
        }
        final int entryLength = codec.encodeRequest(command, entry);
        request.wrapAndApplyHeader(buffer, offset, header)
            .answeredBy(answeredByReplica ? AnsweredBy.REPLICA : AnsweredBy.EGRESS)
            .commandId().origin(origin).number(number);
        request.putEntry(entry, 0, entryLength);
        return MessageHeaderEncoder.ENCODED_LENGTH + request.encodedLength();
    }

    /**
     * Encodes a member's snapshot report at {@code offset}: member {@code memberId} took a snapshot at
     * {@code logPosition}.
     *
     * @return the encoded length.
     */
    public int encodeMemberSnapshot(final long origin, final int memberId, final long logPosition,
        final MutableDirectBuffer buffer, final int offset)
    {
        memberSnapshot.wrapAndApplyHeader(buffer, offset, header);
        memberSnapshot.commandId().origin(origin).number(0);
        memberSnapshot.memberId(memberId).logPosition(logPosition);
        return MessageHeaderEncoder.ENCODED_LENGTH + memberSnapshot.encodedLength();
    }
}
