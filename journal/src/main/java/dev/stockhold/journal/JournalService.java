package dev.stockhold.journal;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.EngineFailure;
import dev.stockhold.engine.pipeline.EnginePipeline;
import dev.stockhold.engine.pipeline.SnapshotSink;
import dev.stockhold.engine.threads.NamedThreads;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalWriter;
import dev.stockhold.journal.queue.Replayer;
import dev.stockhold.journal.snapshot.SnapshotStore;
import dev.stockhold.journal.snapshot.SnapshotWriter;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The journal as the server uses it: {@link #open} recovers the ledger from the newest valid snapshot and
 * the journal after it; the pipeline is then built with {@link #ledger()}, {@link #nextSequence()},
 * {@link #journaler()} and {@link #snapshotSink()}, and {@link #attach} starts the snapshot timer and the
 * retention sweeps:
 * <pre>
 *   JournalService journal = JournalService.open(config, ledgerConfig);
 *   EnginePipeline pipeline = EnginePipeline.builder()
 *       .ledger(journal.ledger()).firstSequence(journal.nextSequence())
 *       .journaler(journal.journaler()).snapshots(journal.snapshotSink(), journal.inlineSnapshotEveryCommands())
 *       ...build().start();
 *   journal.attach(pipeline);
 *   ...
 *   pipeline.close();   // drains, then the final snapshot
 *   journal.close();    // waits for it, closes the queue
 * </pre>
 * Layout under the data directory: {@code journal/} (the Chronicle queue, one file per UTC day) and
 * {@code snapshots/}. One service per data directory and process.
 */
public final class JournalService implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalService.class);
    private static final long RETENTION_SWEEP_MINUTES = 60;

    private final JournalConfig config;
    private final JournalQueue queue;
    private final SnapshotStore snapshotStore;
    private final Ledger ledger;
    private final RecoveryReport recovery;
    private final JournalWriter writer;
    private final SnapshotWriter snapshotWriter;
    private final LedgerConfig ledgerConfig;
    private BackgroundSnapshots background;
    private volatile LongSupplier answeredThrough = () -> Long.MAX_VALUE;
    private volatile EngineFailure failure = new EngineFailure();
    private final RetentionSweeper retention;
    private ScheduledExecutorService timer;
    private boolean closed;

    private JournalService(final JournalConfig config, final LedgerConfig ledgerConfig, final TimeProvider time,
        final Replayer.Hook replayHook)
    {
        this.config = config;
        this.ledgerConfig = ledgerConfig;
        this.queue = JournalQueue.open(config.journalDir(), time, false);
        try
        {
            DiskSpaceGuard.requireAtStart(config.journalDir(), config.minFreeDiskBytes());
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
        try
        {
            this.snapshotStore = new SnapshotStore(config.snapshotDir());
            final Recovery.Result recovered = Recovery.run(queue, snapshotStore, ledgerConfig, replayHook);
            this.ledger = recovered.ledger();
            this.recovery = recovered.report();
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
        this.writer = new JournalWriter(queue, config.durability(), recovery.lastSequence());
        this.snapshotWriter = new SnapshotWriter(snapshotStore, this::snapshotsMayCover);
        this.retention = new RetentionSweeper(queue, snapshotStore, config.retentionDays(), time);
    }

    /** Opens the journal in {@code config.dataDir()} and recovers the ledger; the system clock rolls files. */
    public static JournalService open(final JournalConfig config, final LedgerConfig ledgerConfig)
    {
        return open(config, ledgerConfig, SystemTimeProvider.INSTANCE);
    }

    /**
     * As {@link #open(JournalConfig, LedgerConfig)}, with the clock that decides the day of a journal file
     * and the age for retention (tests pass Chronicle's {@code SetTimeProvider}).
     */
    public static JournalService open(final JournalConfig config, final LedgerConfig ledgerConfig,
        final TimeProvider time)
    {
        return new JournalService(config, ledgerConfig, time, null);
    }

    /**
     * As {@link #open(JournalConfig, LedgerConfig)}, showing {@code replayHook} every command recovery
     * replays, with its result: how the server rebuilds change events the crash kept from its change log.
     */
    public static JournalService open(final JournalConfig config, final LedgerConfig ledgerConfig,
        final Replayer.Hook replayHook)
    {
        return new JournalService(config, ledgerConfig, SystemTimeProvider.INSTANCE, replayHook);
    }

    /**
     * Holds each snapshot file back until {@code answeredThrough} has passed the sequence it covers, as
     * well as the journal. A server whose responder logs change events passes how far it has answered: a
     * crash can then never leave a snapshot covering commands whose events the change log lacks, which
     * recovery (replaying only after the snapshot) could not log again. Call before the pipeline starts.
     */
    public void gateSnapshotsOn(final LongSupplier answeredThrough)
    {
        this.answeredThrough = Objects.requireNonNull(answeredThrough);
    }

    /**
     * How far a snapshot file may reach: what the journal has passed and the responder answered, and never a
     * command at or after an engine failure (it may be in memory only, and it has no change event).
     */
    private long snapshotsMayCover()
    {
        return Math.min(Math.min(writer.processedSequence(), answeredThrough.getAsLong()),
            failure.failedFromSequence() - 1);
    }

    private void snapshotFailed(final Exception ex)
    {
        failure.fail("snapshot", EngineFailure.NO_SEQUENCE, ex);
    }

    /** @return the recovered ledger, to hand to the pipeline; owned by the pipeline's ledger thread from then on. */
    public Ledger ledger()
    {
        return ledger;
    }

    /** @return the first sequence the pipeline must give out: one past the last journaled. */
    public long nextSequence()
    {
        return recovery.lastSequence() + 1;
    }

    /** @return what recovery did. */
    public RecoveryReport recovery()
    {
        return recovery;
    }

    /** @return the journaler stage, for {@code EnginePipelineBuilder.journaler}. */
    public CommandStage journaler()
    {
        return writer;
    }

    /** @return the snapshot sink, for {@code EnginePipelineBuilder.snapshots}. */
    public SnapshotSink snapshotSink()
    {
        return snapshotWriter;
    }

    /**
     * @return how many commands apart the pipeline's ledger stage takes snapshots: the configured count in
     * {@link SnapshotMode#INLINE}, 0 in {@link SnapshotMode#BACKGROUND} (the sink still takes the final
     * snapshot of a clean shutdown).
     */
    public long inlineSnapshotEveryCommands()
    {
        return config.snapshotMode() == SnapshotMode.INLINE ? config.snapshotEveryCommands() : 0;
    }

    /** @return the configuration. */
    public JournalConfig config()
    {
        return config;
    }

    /**
     * Starts the timer thread: in {@link SnapshotMode#INLINE} a snapshot command every {@code snapshotInterval}
     * (published like any command, so the snapshot falls between two commands), and a retention sweep every
     * hour; in {@link SnapshotMode#BACKGROUND} also the thread that builds snapshots by replay.
     */
    public synchronized void attach(final EnginePipeline pipeline)
    {
        if (timer != null)
        {
            throw new IllegalStateException("already attached");
        }
        failure = pipeline.failure();
        snapshotWriter.onFailure(this::snapshotFailed);
        timer = NamedThreads.timer("stockhold-journal-timer");
        final long intervalMillis = config.snapshotInterval().toMillis();
        if (config.snapshotMode() == SnapshotMode.BACKGROUND)
        {
            background = new BackgroundSnapshots(queue, snapshotStore, ledgerConfig, this::snapshotsMayCover,
                config.snapshotEveryCommands(), intervalMillis, recovery.snapshotSequence(),
                () -> pipeline.tryPublish(new Command().snapshot()));
            background.onFailure(this::snapshotFailed);
            background.start();
        }
        else if (intervalMillis > 0)
        {
            final Command snapshot = new Command().snapshot();
            timer.scheduleAtFixedRate(() ->
            {
                if (!pipeline.tryPublish(snapshot))
                {
                    LOG.warn("event=timed_snapshot_skipped reason=ring_full_or_engine_stopped");
                }
            }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
        if (config.minFreeDiskBytes() > 0)
        {
            final DiskSpaceGuard guard = new DiskSpaceGuard(config.journalDir(), config.minFreeDiskBytes(), pipeline);
            timer.scheduleWithFixedDelay(guard::check, 0, DiskSpaceGuard.CHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (config.retentionDays() > 0)
        {
            timer.scheduleWithFixedDelay(this::sweepQuietly, 1, RETENTION_SWEEP_MINUTES * 60, TimeUnit.SECONDS);
        }
    }

    /**
     * Deletes the daily files past the retention that a kept snapshot covers; runs hourly after
     * {@link #attach}, callable directly (tests, operators).
     *
     * @return the number of files deleted.
     */
    public int sweepRetention()
    {
        try
        {
            return retention.sweep();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("retention sweep failed", ex);
        }
    }

    private void sweepQuietly()
    {
        try
        {
            sweepRetention();
        }
        catch (final RuntimeException ex)
        {
            LOG.error("event=retention_sweep_failed retryInMinutes={}", RETENTION_SWEEP_MINUTES, ex);
        }
    }

    /** @return the last sequence written to the journal (and, in FSYNC mode, forced to disk). */
    public long lastJournaledSequence()
    {
        return writer.lastJournaledSequence();
    }

    /** @return the engine sequence the journaler has passed (journaled, or skipped as read-only), for lag. */
    public long journaledThrough()
    {
        return writer.processedSequence();
    }

    /** @return journal entry bytes written since open, for metrics. */
    public long journalBytesWritten()
    {
        return writer.bytesWritten();
    }

    /** @return the ledger's pause for the last snapshot (serialise + copy), nanoseconds. */
    public long lastSnapshotPauseNanos()
    {
        return snapshotWriter.lastPauseNanos();
    }

    /** @return the part of the last snapshot pause spent copying the state for the writer thread, nanoseconds. */
    public long lastSnapshotCopyNanos()
    {
        return snapshotWriter.lastCopyNanos();
    }

    /** @return the longest ledger pause for a snapshot so far, nanoseconds. */
    public long maxSnapshotPauseNanos()
    {
        return snapshotWriter.maxPauseNanos();
    }

    /** @return the sequence covered by the last snapshot written since open (inline or in the background), or -1. */
    public long lastSnapshotSequence()
    {
        final long inline = snapshotWriter.lastWrittenSequence();
        return background == null || background.builds() == 0 ? inline : Math.max(inline, background.lastCovered());
    }

    /** Waits until every snapshot taken so far is on disk. */
    public void awaitSnapshots()
    {
        snapshotWriter.awaitIdle();
    }

    /** Call after {@code pipeline.close()}: stops the timer, waits for the last snapshot, closes the queue. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (timer != null)
        {
            timer.shutdownNow();
        }
        if (background != null)
        {
            background.close();
        }
        snapshotWriter.close();
        queue.close();
    }
}
