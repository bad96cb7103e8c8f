package dev.stockhold.cluster.service;

import dev.stockhold.cluster.protocol.IngressDecoder;
import dev.stockhold.cluster.protocol.ReplyEncoder;
import dev.stockhold.engine.command.Command;
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
 * For each message, in order: decode it; a mutating command whose id the exactly-once window holds is
 * answered with the remembered answer and applies nothing; otherwise a mutating command takes the next
 * sequence and the engine time, is applied to the ledger, written to the audit journal and its answer
 * remembered. Reads take no sequence: they answer with the last one. Everything here depends only on the
 * log (messages and their cluster timestamps), never on a clock or on the node's role, so every node
 * computes the same state and the same answers.
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
    private final UnsafeBuffer remembered = new UnsafeBuffer(0, 0);
    private DirectBuffer answer;
    private int answerLength;
    private long lastDigest;
    private boolean appliedMutation;

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
     * Applies one ingress message. The answer is then in {@link #answer()}, {@link #answerLength()} bytes,
     * until the next call.
     *
     * @param timestampMillis the message's cluster timestamp.
     */
    void onMessage(final long timestampMillis, final DirectBuffer buffer, final int offset, final int length)
    {
        appliedMutation = false;
        if (decoder.decodeMemberSnapshot(buffer, offset, length))
        {
            // Not a command: no sequence, no time, no answer.
            state.memberSnapshot(decoder.snapshotMember(), decoder.snapshotPosition());
            answerLength = 0;
            return;
        }
        final long now = state.advanceTime(timestampMillis);
        state.window.expire(now);
        if (!decoder.decode(buffer, offset, length, command))
        {
            refuse(ErrorCode.INVALID_REQUEST, decoder.error());
            return;
        }
        final long origin = decoder.origin();
        final long number = decoder.number();
        final boolean mutating = command.type.isMutating();
        if (mutating)
        {
            final CommandWindow.Entry seen = state.window.find(origin, number);
            if (seen != null)
            {
                remembered.wrap(seen.answer);
                answer = remembered;
                answerLength = seen.answer.length;
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
        answer = encoder.buffer();
        answerLength = encoder.encodeResult(origin, number, command.type, command.result);
        if (mutating)
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

    /** Applies a tick at {@code timestampMillis}: expiry in the ledger, eviction from the window. */
    void onTick(final long timestampMillis)
    {
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
        answer = encoder.buffer();
        answerLength = encoder.encodeError(decoder.origin(), decoder.number(), 0, code, detail, null);
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

    /** @return the buffer holding the last answer, from offset 0. */
    DirectBuffer answer()
    {
        return answer;
    }

    /** @return the length of the last answer. */
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
