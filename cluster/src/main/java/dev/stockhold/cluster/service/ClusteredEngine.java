package dev.stockhold.cluster.service;

import dev.stockhold.cluster.protocol.MessageLimits;
import dev.stockhold.cluster.protocol.RequestBatch;
import dev.stockhold.engine.ledger.LedgerConfig;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The stockhold engine as an Aeron Cluster service: the same {@link dev.stockhold.engine.ledger.Ledger} as the
 * single-process server, fed by the cluster's log instead of the ring.
 * <p>
 * What it promises: every node applies the same commands in the same order with the same cluster timestamps,
 * so sequences, results and the state digest are the same on every node; a command the log holds is answered
 * only once the cluster has committed it and it was applied: by the leader on the client's egress, or, for a
 * client that runs beside a member, by that member's own replica ({@link LocalReplica}); a command resent with
 * the same command id is applied once (within the window of {@link EngineSettings}), and a repeat on egress is
 * answered with the first answer; ticks come from a cluster timer every {@link EngineSettings#tickIntervalMillis()}
 * of cluster time; a snapshot ({@link EngineSnapshot}) holds the ledger in its own snapshot format, the
 * exactly-once window and the sequence. Each node also writes the commands it applied to its audit journal
 * ({@link AuditJournal}).
 * <p>
 * Runs on the service container's thread: Aeron calls every method here on that one thread.
 */
public final class ClusteredEngine implements ClusteredService
{
    /** The correlation id of the tick timer: the engine schedules no other timer. */
    static final long TICK_TIMER_ID = 1;
    /** How often an answer is offered again while the client's egress is back-pressured. */
    private static final int ANSWER_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ClusteredEngine.class);

    private final LedgerConfig ledgerConfig;
    private final EngineSettings settings;
    private final Path dataDir;
    private final EngineStatus status;
    private final Consumer<Throwable> onFatal;
    private final LocalReplica replica;
    private final RequestBatch batch = new RequestBatch();
    /** The last snapshot's body, kept for the next: the state only grows between two snapshots, mostly. */
    private final ExpandableArrayBuffer snapshotBody = new ExpandableArrayBuffer(1 << 16);
    private ClientSession batchSession;
    private long batchTimestamp;
    private final RequestBatch.RequestSink applyInBatch =
        (buffer, offset, length) -> apply(batchSession, batchTimestamp, buffer, offset, length);
    private Cluster cluster;
    private IdleStrategy idle;
    private AuditJournal journal;
    private EngineCore core;
    private long droppedAnswers;
    /** Set when the node must stop: nothing more is applied or answered meanwhile. */
    private boolean failed;

    /**
     * @param ledgerConfig the ledger's configuration: the same on every node.
     * @param settings     the engine's settings: the same on every node.
     * @param dataDir      the node's data directory, for the audit journal; null to keep none (tests).
     * @param status       where the engine reports its role, leader and progress.
     * @param replica      the node's own gateway's access: it sees what is applied and reads locally.
     * @param onFatal      called when the node cannot go on (its journal or its gateway's change log cannot be
     *                     written): it must stop the node.
     */
    public ClusteredEngine(final LedgerConfig ledgerConfig, final EngineSettings settings, final Path dataDir,
        final EngineStatus status, final LocalReplica replica, final Consumer<Throwable> onFatal)
    {
        this.ledgerConfig = ledgerConfig;
        this.settings = settings;
        this.dataDir = dataDir;
        this.status = status;
        this.replica = replica;
        this.onFatal = onFatal;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        this.idle = cluster.idleStrategy();
        final long startNanos = System.nanoTime();
        final EngineState state = snapshotImage == null ? EngineCore.emptyState(ledgerConfig, settings)
            : loadSnapshot(snapshotImage);
        journal = dataDir == null ? null : AuditJournal.open(dataDir);
        core = new EngineCore(state, journal);
        replica.onStart();
        status.applied(state.sequence);
        status.appliedPosition(cluster.logPosition());
        status.memberSnapshots(state.memberSnapshots);
        LOG.info("event=engine_started snapshot={} sequence={} journalLastSequence={} millis={}",
            snapshotImage != null, state.sequence, journal == null ? "none" : journal.lastSequence(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        if (journal != null && journal.lastSequence() < state.sequence)
        {
            LOG.warn("event=journal_gap journalLastSequence={} snapshotSequence={} note=\"the audit journal lacks the"
                + " commands in between: journal verify cannot replay it from scratch\"", journal.lastSequence(),
                state.sequence);
        }
    }

    private EngineState loadSnapshot(final Image image)
    {
        final EngineSnapshot.Reader reader = new EngineSnapshot.Reader();
        idle.reset();
        while (!reader.isComplete())
        {
            final int fragments = image.poll(
                (buffer, offset, length, header) -> reader.onMessage(buffer, offset, length), 16);
            if (fragments == 0 && image.isEndOfStream())
            {
                throw new IllegalStateException("the snapshot ended before it was complete");
            }
            idle.idle(fragments);
        }
        return reader.state(ledgerConfig, new CommandWindow(settings.windowRetentionMillis(),
            settings.windowCapacity()));
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        LOG.debug("event=session_opened session={}", session.id());
        armTicks(timestamp);
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        LOG.debug("event=session_closed session={} reason={}", session.id(), closeReason);
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        if (failed)
        {
            return;
        }
        armTicks(timestamp);
        if (batch.isBatch(buffer, offset, length))
        {
            batchSession = session;
            batchTimestamp = timestamp;
            if (!batch.forEach(buffer, offset, length, applyInBatch))
            {
                // Every member refuses the same bytes the same way; the sender's requests time out.
                LOG.warn("event=batch_unreadable session={} bytes={}", session == null ? -1 : session.id(), length);
            }
            batchSession = null;
            return;
        }
        apply(session, timestamp, buffer, offset, length);
    }

    /** Applies one Request, alone or out of a batch, and answers it. */
    private void apply(final ClientSession session, final long timestamp, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (failed)
        {
            return;
        }
        try
        {
            core.onMessage(timestamp, buffer, offset, length);
            if (core.appliedMutation())
            {
                replica.onApplied(core.command());
            }
        }
        catch (final Exception ex)
        {
            fatal(ex);
            return;
        }
        status.applied(core.state().sequence);
        status.appliedPosition(cluster.logPosition());
        status.digest(core.lastDigest());
        status.memberSnapshots(core.state().memberSnapshots);
        if (core.answeredByReplica() && core.result() != null)
        {
            replica.onAnswered(core.origin(), core.number(), core.result());
        }
        if (session != null && core.answerLength() > 0)
        {
            answer(session, core.answer(), core.answerLength());
        }
    }

    /** Offers an answer a few times; a client that does not take it resends and gets it from the window. */
    private void answer(final ClientSession session, final DirectBuffer buffer, final int length)
    {
        if (length > MessageLimits.MAX_MESSAGE_BYTES)
        {
            // Applied, but its answer cannot travel: the client's deadline answers it ERR_OVERLOADED (outcome
            // unknown), the truth for a command that was applied and not acknowledged.
            LOG.error("event=answer_too_large session={} bytes={} sequence={}", session.id(), length,
                core.state().sequence);
            droppedAnswers++;
            return;
        }
        for (int attempt = 0; attempt < ANSWER_ATTEMPTS; attempt++)
        {
            final long result = session.offer(buffer, 0, length);
            if (result > 0)
            {
                return;
            }
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
            {
                break;
            }
            idle.idle();
        }
        droppedAnswers++;
        if (LOG.isDebugEnabled())
        {
            LOG.debug("event=answer_dropped session={} dropped={}", session.id(), droppedAnswers);
        }
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (correlationId != TICK_TIMER_ID || failed)
        {
            return;
        }
        try
        {
            core.onTick(timestamp);
            replica.onApplied(core.command());
        }
        catch (final Exception ex)
        {
            fatal(ex);
            return;
        }
        status.applied(core.state().sequence);
        status.appliedPosition(cluster.logPosition());
        schedule(core.state().engineTimeMillis + settings.tickIntervalMillis());
    }

    /** Starts the tick timer at the first client event; from then on each tick schedules the next. */
    private void armTicks(final long timestamp)
    {
        final EngineState state = core.state();
        if (!state.ticking)
        {
            state.ticking = true;
            schedule(Math.max(timestamp, state.engineTimeMillis) + settings.tickIntervalMillis());
        }
    }

    private void schedule(final long deadlineMillis)
    {
        idle.reset();
        while (!cluster.scheduleTimer(TICK_TIMER_ID, deadlineMillis))
        {
            idle.idle();
        }
    }

    /** Between log fragments, on the service thread: the gateway's local reads. */
    @Override
    public int doBackgroundWork(final long nowNs)
    {
        if (core == null || failed)
        {
            return 0;
        }
        try
        {
            return replica.answerReads(core.state());
        }
        catch (final Exception ex)
        {
            fatal(ex);
            return 1;
        }
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final long startNanos = System.nanoTime();
        final long[] encodedAt = new long[1];
        final long bytes = EngineSnapshot.write(core.state(), snapshotBody, snapshotPublication.maxPayloadLength(),
            (buffer, offset, length) -> offerSnapshot(snapshotPublication, buffer, offset, length),
            () -> encodedAt[0] = System.nanoTime());
        final long endNanos = System.nanoTime();
        status.snapshotTaken(cluster.logPosition());
        LOG.info("event=snapshot_taken sequence={} logPosition={} bytes={} windowEntries={} millis={} "
            + "encodeMillis={} sendMillis={}", core.state().sequence, cluster.logPosition(), bytes,
            core.state().window.size(), TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos),
            TimeUnit.NANOSECONDS.toMillis(encodedAt[0] - startNanos),
            TimeUnit.NANOSECONDS.toMillis(endNanos - encodedAt[0]));
    }

    private void offerSnapshot(final ExclusivePublication publication, final DirectBuffer buffer, final int offset,
        final int length)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("the snapshot publication refused a message: " + result);
            }
            idle.idle();
        }
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        status.role(newRole);
        LOG.info("event=role_changed role={} sequence={}", newRole, core == null ? 0 : core.state().sequence);
    }

    @Override
    public void onNewLeadershipTermEvent(final long leadershipTermId, final long logPosition, final long timestamp,
        final long termBaseLogPosition, final int leaderMemberId, final int logSessionId, final TimeUnit timeUnit,
        final int appVersion)
    {
        if (timeUnit != TimeUnit.MILLISECONDS)
        {
            throw new IllegalStateException("the engine needs a cluster clock in milliseconds, not " + timeUnit);
        }
        status.leader(leaderMemberId, leadershipTermId);
        LOG.info("event=new_term term={} leader={} logPosition={}", leadershipTermId, leaderMemberId, logPosition);
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        LOG.info("event=engine_stopped sequence={} droppedAnswers={}", core == null ? 0 : core.state().sequence,
            droppedAnswers);
        try
        {
            replica.onStop(core == null ? 0 : core.state().sequence);
        }
        catch (final Exception ex)
        {
            LOG.warn("event=replica_stop_failed error=\"{}\"", ex.toString());
        }
        if (journal != null)
        {
            journal.close();
            journal = null;
        }
    }

    private void fatal(final Throwable cause)
    {
        failed = true;
        LOG.error("event=engine_failed sequence={} error=\"{}\" note=\"the node stops: what it applied cannot be"
            + " recorded\"", core.state().sequence, cause.toString(), cause);
        onFatal.accept(cause);
    }
}
