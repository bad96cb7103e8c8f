package dev.stockhold.gateway.server;

import dev.stockhold.journal.Durability;
import dev.stockhold.journal.JournalConfig;
import dev.stockhold.journal.JournalService;
import dev.stockhold.journal.queue.Replayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the engine host the settings ask for: the one place that chooses between the journaled host and
 * {@link InMemoryEngineHost} (journal mode {@code none}, for tests and throwaway runs).
 */
public final class EngineHosts
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineHosts.class);

    private EngineHosts()
    {
    }

    /** @return true when {@link #open} keeps state across restarts with these settings. */
    public static boolean isDurable(final ServerSettings settings)
    {
        return settings.journalMode() != JournalMode.NONE;
    }

    /**
     * Opens the host and recovers its ledger; may take a while on a long journal.
     *
     * @param settings   the server settings (data directory, journal mode, ledger config, snapshots).
     * @param replayHook sees every command recovery replays, with its result; may be null.
     */
    public static EngineHost open(final ServerSettings settings, final Replayer.Hook replayHook)
    {
        if (!isDurable(settings))
        {
            LOG.warn("event=journal_off dataDir={} note=\"state is kept in memory only\"", settings.dataDir());
            return new InMemoryEngineHost(settings.ledger());
        }
        final JournalConfig config = JournalConfig.defaults(settings.dataDir())
            .withDurability(settings.journalMode() == JournalMode.FSYNC ? Durability.FSYNC : Durability.MMAP)
            .withSnapshots(settings.snapshots().everyCommands(), settings.snapshots().interval())
            .withSnapshotMode(settings.snapshots().mode())
            .withRetentionDays(settings.changeRetentionDays())
            .withMinFreeDiskBytes(settings.minFreeDiskBytes());
        final JournalService journal = JournalService.open(config, settings.ledger(), replayHook);
        LOG.info("event=journal_opened mode={} dataDir={} lastSequence={}", settings.journalMode(), settings.dataDir(),
            journal.recovery().lastSequence());
        return new JournaledEngineHost(journal);
    }
}
