package dev.stockhold.cluster.service;

import dev.stockhold.cluster.protocol.IngressDecoder;
import dev.stockhold.cluster.protocol.ReplyEncoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deterministic part of the clustered engine: applies one ingress message or one tick to the replicated
 * {@link EngineState} and produces the answer. No Aeron here: {@link ClusteredEngine} feeds it the log.
 * <p>
 * For each message, in order: decode it; a mutating command whose id the exactly-once window holds applies
 * nothing (answered on egress with the remembered answer; a command its member's replica answers was answered
 * when that replica applied it the first time); otherwise a mutating command takes the next sequence and the
 * engine time, is applied to the ledger, written to the audit journal and its id remembered. Reads take no
 * sequence: they answer with the last one. Everything here depends only on the log (messages and their
 * cluster timestamps), never on a clock or on the node's role, so every node computes the same state and the
 * same results: the leader sends a result on egress, and a member whose own client sent the command answers
 * it from here ({@link #answeredByReplica()}).
 * <p>
 * Owned by the clustered service's thread.
 */
final class EngineCore
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineCore.class);

    private final EngineState state;
    private final AuditJournal journal;
    private final IngressDecoder decoder = new IngressDecoder();
    private final ReplyEncoder encoder = new ReplyEncoder();
    private final Command command = new Command();
    /** The result of a message refused before the ledger saw it. */
    private final CommandResult refused = new CommandResult();
    private final UnsafeBuffer remembered = new UnsafeBuffer(0, 0);
    private DirectBuffer answer;
    private int answerLength;
    private long lastDigest;
    private boolean appliedMutation;
    private CommandResult result;
    private long origin;
    private long number;
    private boolean answeredByReplica;

    /**
     * @param state   the state to apply to: fresh, or loaded from a snapshot.
     * @param journal where applied mutating commands are written, or null for none.
     */
    EngineCore(final EngineState state, final AuditJournal journal)
    {
        this.state = state;
        this.journal = journal;
    }

    /** @return a fresh state: an empty ledger and window, before the first sequence. */
    static EngineState emptyState(final LedgerConfig ledgerConfig, final EngineSettings settings)
    {
        return new EngineState(new Ledger(ledgerConfig),
            new CommandWindow(settings.windowRetentionMillis(), settings.windowCapacity()), 0, 0, false);
    }

    /** @return the replicated state. */
    EngineState state()
    {
        return state;
    }

    /**
     * Applies one ingress message. Until the next call: the egress answer is in {@link #answer()},
     * {@link #answerLength()} bytes (0: none); {@link #result()} is the result of a command answered now,
     * null for a repeat or a member's snapshot report.
     *
     * @param timestampMillis the message's cluster timestamp.
     */
    void onMessage(final long timestampMillis, final DirectBuffer buffer, final int offset, final int length)
    {
        appliedMutation = false;
        answerLength = 0;
        result = null;
        if (decoder.decodeMemberSnapshot(buffer, offset, length))
        {
            // Not a command: no sequence, no time, no answer.
            state.memberSnapshot(decoder.snapshotMember(), decoder.snapshotPosition());
            return;
        }
        final long now = state.advanceTime(timestampMillis);
        state.window.expire(now);
        final boolean decoded = decoder.decode(buffer, offset, length, command);
        origin = decoder.origin();
        number = decoder.number();
        answeredByReplica = decoder.answeredByReplica();
        if (!decoded)
        {
            refuse(ErrorCode.INVALID_REQUEST, decoder.error());
            return;
        }
        final boolean mutating = command.type.isMutating();
        if (mutating)
        {
            final CommandWindow.Entry seen = state.window.find(origin, number);
            if (seen != null)
            {
                if (!answeredByReplica)
                {
                    remembered.wrap(seen.answer);
                    answer = remembered;
                    answerLength = seen.answer.length;
                }
                return;
            }
            if (state.window.isFull())
            {
                refuse(ErrorCode.OVERLOADED, "too many recent commands to remember: retry shortly");
                return;
            }
            command.sequence = ++state.sequence;
        }
        else
        {
            command.sequence = state.sequence;
        }
        command.timestampMillis = now;
        apply();
        appliedMutation = mutating;
        answer(command.result);
        if (mutating && answeredByReplica)
        {
            state.window.remember(origin, number, now);
        }
        else if (mutating)
        {
            state.window.remember(origin, number, now, answer, 0, answerLength);
        }
        else if (command.result.isOk() && command.type == CommandType.GET_DIGEST)
        {
            lastDigest = command.result.digest();
            LOG.info("event=digest sequence={} digest={} cells={} openReservations={}", state.sequence,
                String.format("%016x", lastDigest), command.result.cellCount(), command.result.openReservations());
        }
    }

    /** The command's result is decided: encoded for egress unless its member's replica answers it. */
    private void answer(final CommandResult decided)
    {
        result = decided;
        if (!answeredByReplica)
        {
            answer = encoder.buffer();
            answerLength = encoder.encode(origin, number, decided);
        }
    }

    /** Applies a tick at {@code timestampMillis}: expiry in the ledger, eviction from the window. */
    void onTick(final long timestampMillis)
    {
        answerLength = 0;
        result = null;
        final long now = state.advanceTime(timestampMillis);
        command.tick();
        command.sequence = ++state.sequence;
        command.timestampMillis = now;
        apply();
        appliedMutation = true;
        state.window.expire(now);
    }

    /** Applies {@link #command} to the ledger and, for a mutating one, writes it to the journal. */
    private void apply()
    {
        try
        {
            state.ledger.apply(command);
        }
        catch (final RuntimeException ex)
        {
            // Deterministic like everything else: every node fails on the same command the same way, answers
            // ERR_INTERNAL and goes on, as the journal's replay does with a command the ledger threw on.
            LOG.error("event=ledger_failed sequence={} type={}", command.sequence, command.type, ex);
            command.result.clear();
            command.result.sequence(command.sequence);
            command.result.fail(ErrorCode.INTERNAL, "the engine failed on this command");
        }
        if (journal != null && command.type.isMutating())
        {
            journal.append(command);
        }
    }

    private void refuse(final ErrorCode code, final String detail)
    {
        refused.clear();
        refused.sequence(0);
        refused.fail(code, detail);
        answer(refused);
    }

    /**
     * @return true when the last message or tick changed the state: a mutating command (not one answered from
     * the window or refused) or a tick. {@link #command()} then holds it with its result.
     */
    boolean appliedMutation()
    {
        return appliedMutation;
    }

    /** @return the last command applied, with its result, until the next call. */
    Command command()
    {
        return command;
    }

    /**
     * @return the result of the last message when it was answered now (applied or refused); null for a repeat
     * or a member's snapshot report. Valid until the next call.
     */
    CommandResult result()
    {
        return result;
    }

    /** @return true when the last message's command is answered by the replica of the member that sent it. */
    boolean answeredByReplica()
    {
        return answeredByReplica;
    }

    /** @return the origin of the last message's command id (0 when unreadable). */
    long origin()
    {
        return origin;
    }

    /** @return the number of the last message's command id (0 when unreadable). */
    long number()
    {
        return number;
    }

    /** @return the buffer holding the last answer, from offset 0. */
    DirectBuffer answer()
    {
        return answer;
    }

    /** @return the length of the last egress answer, 0 for none. */
    int answerLength()
    {
        return answerLength;
    }

    /** @return the digest the last digest query computed, 0 before any. */
    long lastDigest()
    {
        return lastDigest;
    }
}
