package dev.stockhold.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.ledger.Ledger;
import org.agrona.ExpandableArrayBuffer;

/**
 * Applies each command to the single-writer ledger and takes snapshots between commands; a bug
 * becomes ERR_INTERNAL, never a dead ring.
 */
final class LedgerStage implements EventHandler<Command>
{
    private static final System.Logger LOG = System.getLogger(LedgerStage.class.getName());

    private final Ledger ledger;
    private final SnapshotSink snapshotSink;
    private final long snapshotEveryCommands;
    private final ExpandableArrayBuffer snapshotBuffer = new ExpandableArrayBuffer(1 << 16);
    private final Runnable onStarted;
    private long commandsSinceSnapshot;

    LedgerStage(final Ledger ledger, final SnapshotSink snapshotSink, final long snapshotEveryCommands,
        final Runnable onStarted)
    {
        this.ledger = ledger;
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
        try
        {
            ledger.apply(command);
        }
        catch (final RuntimeException ex)
        {
            LOG.log(System.Logger.Level.ERROR, "event=ledger_failed sequence=" + command.sequence
                + " requestId=" + command.requestId, ex);
            command.result.fail(ErrorCode.INTERNAL, "internal error");
        }
        final boolean snapshotNow = snapshotsAfter(command);
        if (command.type.isMutating())
        {
            commandsSinceSnapshot++;
        }
        if (snapshotNow)
        {
            snapshot();
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
        if (snapshotSink == null)
        {
            return;
        }
        final long startNanos = System.nanoTime();
        final int length = ledger.writeSnapshot(snapshotBuffer, 0);
        final long pauseNanos = System.nanoTime() - startNanos;
        commandsSinceSnapshot = 0;
        snapshotSink.onSnapshot(snapshotBuffer, length, ledger.lastAppliedSequence(), pauseNanos);
    }
}
