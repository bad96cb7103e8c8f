package dev.stockhold.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;
import org.agrona.ExpandableArrayBuffer;

/**
 * Applies each command to the single-writer ledger and takes snapshots between commands. An exception
 * while applying (a bug, a broken invariant, an out-of-memory error) may have left the ledger half-changed:
 * it trips the {@link EngineFailure}, and from then on nothing is applied and no snapshot is taken, so the
 * broken state is never answered from nor written down. The ring keeps moving: later commands are answered
 * ERR_INTERNAL by the responder.
 */
final class LedgerStage implements EventHandler<Command>
{
    private final Ledger ledger;
    private final SnapshotSink snapshotSink;
    private final long snapshotEveryCommands;
    private final ExpandableArrayBuffer snapshotBuffer = new ExpandableArrayBuffer(1 << 16);
    private final Runnable onStarted;
    private final EngineFailure failure;
    private long commandsSinceSnapshot;

    LedgerStage(final Ledger ledger, final SnapshotSink snapshotSink, final long snapshotEveryCommands,
        final EngineFailure failure, final Runnable onStarted)
    {
        this.ledger = ledger;
        this.failure = failure;
        this.snapshotSink = snapshotSink;
        this.snapshotEveryCommands = snapshotEveryCommands;
        this.onStarted = onStarted;
    }

    @Override
    public void onStart()
    {
        onStarted.run();
    }

    @Override
    public void onEvent(final Command command, final long sequence, final boolean endOfBatch)
    {
        if (command.sequence >= failure.failedFromSequence())
        {
            return;
        }
        try
        {
            if (command.type.isMutating())
            {
                Failpoints.hit("ledger.apply");
            }
            ledger.apply(command);
        }
        catch (final Throwable ex)
        {
            failure.fail("ledger", command.sequence, ex);
            return;
        }
        final boolean snapshotNow = snapshotsAfter(command);
        if (command.type.isMutating())
        {
            commandsSinceSnapshot++;
        }
        if (snapshotNow)
        {
            try
            {
                snapshot();
            }
            catch (final Throwable ex)
            {
                // The ledger is sound; the snapshot is not: stop before the journal outgrows what can be recovered.
                failure.fail("snapshot", EngineFailure.NO_SEQUENCE, ex);
            }
        }
    }

    /** @return true if applying {@code command} (not yet applied) will be followed by a snapshot. */
    boolean snapshotsAfter(final Command command)
    {
        return command.type == CommandType.SNAPSHOT || (snapshotEveryCommands > 0 && command.type.isMutating()
            && commandsSinceSnapshot + 1 >= snapshotEveryCommands);
    }

    void snapshot()
    {
        if (snapshotSink == null || failure.isFailed())
        {
            return;
        }
        Failpoints.hit("snapshot.take");
        final long startNanos = System.nanoTime();
        final int length = ledger.writeSnapshot(snapshotBuffer, 0);
        final long pauseNanos = System.nanoTime() - startNanos;
        commandsSinceSnapshot = 0;
        snapshotSink.onSnapshot(snapshotBuffer, length, ledger.lastAppliedSequence(), pauseNanos);
    }
}
