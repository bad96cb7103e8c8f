package dev.stockhold.journal.cli;

import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.journal.JournalConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every subcommand shares: where the data is, and the ledger settings a replay needs. */
final class DataDirOption
{
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
        description = "The server's data directory, holding journal/ and snapshots/ (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--warehouse-priority", paramLabel = "WH", split = ",",
        description = "The server's warehouse priority, comma-separated: a replay must use the ledger settings"
            + " of the run it replays.")
    List<String> warehousePriority = new ArrayList<>();

    JournalConfig config()
    {
        return JournalConfig.defaults(dataDir);
    }

    LedgerConfig ledgerConfig()
    {
        return LedgerConfig.defaults().withWarehousePriority(warehousePriority);
    }
}
