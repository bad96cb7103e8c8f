package dev.stockhold.gateway.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the engine host the settings ask for. The one place that chooses between the journaled host
 * (backed by the journal module's {@code JournalService}) and {@link InMemoryEngineHost}.
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
        return false;
    }

    /**
     * Opens the host and recovers its ledger; may take a while on a long journal.
     *
     * @param settings the server settings (data directory, journal mode, ledger config, snapshots).
     */
    public static EngineHost open(final ServerSettings settings)
    {
        LOG.warn("event=journal_not_wired mode={} dataDir={} note=\"state is kept in memory only in this build\"",
            settings.journalMode(), settings.dataDir());
        return new InMemoryEngineHost(settings.ledger());
    }
}
