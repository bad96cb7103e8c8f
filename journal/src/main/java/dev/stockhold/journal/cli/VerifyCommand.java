package dev.stockhold.journal.cli;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.journal.DeletedThrough;
import dev.stockhold.journal.queue.JournalQueue;
import dev.stockhold.journal.queue.JournalReader;
import dev.stockhold.journal.queue.Replayer;
import dev.stockhold.journal.snapshot.SnapshotFile;
import dev.stockhold.journal.snapshot.SnapshotStore;
import dev.stockhold.logging.VersionProvider;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code journal verify}: replays the journal offline into a fresh ledger, checks that every entry decodes,
 * and compares the state digest with each valid snapshot's at the sequence it covers (and with
 * {@code --digest}, if given, at the end).
 */
@CommandLine.Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Replays the journal from scratch and checks that every entry decodes and that the ledger's"
        + " digest equals each snapshot's at the sequence the snapshot covers, and --digest at the end.",
        "Exit status: 0 all checks passed, 1 a check failed, 2 the journal could not be read."})
final class VerifyCommand implements Callable<Integer>
{
    @Mixin
    DataDirOption data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--digest", paramLabel = "HEX", description = "The digest the final state must have (16 hex digits).")
    String expectedDigest;

    @Option(names = "--from-snapshot", description = "Start from the oldest valid snapshot instead of an empty"
        + " ledger: for a journal whose first days retention has deleted.")
    boolean fromSnapshot;

    /** A valid snapshot: the sequence it covers and the digest of its state. */
    private record Checkpoint(Path file, long coveredSequence, long digest, SnapshotFile snapshot)
    {
    }

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final Deque<Checkpoint> checkpoints = new ArrayDeque<>(readSnapshots(out));
        Ledger ledger = new Ledger(data.ledgerConfig());
        long start = 0;
        if (fromSnapshot && !checkpoints.isEmpty())
        {
            final Checkpoint oldest = checkpoints.peekFirst();
            ledger = Ledger.fromSnapshot(data.ledgerConfig(), oldest.snapshot().state(), 0,
                oldest.snapshot().state().capacity());
            start = oldest.coveredSequence();
            out.println("starting from " + oldest.file().getFileName());
        }
        final long deletedThrough = DeletedThrough.read(data.config().journalDir());
        if (deletedThrough > start)
        {
            out.printf("FAIL the journal through sequence %d was deleted by retention: replaying what is left would"
                + " not rebuild the ledger; start from a snapshot that covers it (--from-snapshot)%n", deletedThrough);
            return 1;
        }
        final Ledger replayed = ledger;
        final int[] failures = {0};
        final Replayer.Hook hook = new Replayer.Hook()
        {
            @Override
            public void beforeEntry(final Command command)
            {
                // A snapshot covers everything up to its sequence: compare before the first entry past it.
                while (!checkpoints.isEmpty() && checkpoints.peekFirst().coveredSequence() < command.sequence)
                {
                    failures[0] += compare(out, checkpoints.pollFirst(), replayed.digest());
                }
            }
        };
        final Replayer replayer = new Replayer();
        final long startNanos = System.nanoTime();
        final long last;
        try (JournalQueue queue = JournalQueue.open(data.config().journalDir(), SystemTimeProvider.INSTANCE, true);
             JournalReader reader = new JournalReader(queue))
        {
            last = replayer.replay(reader, ledger, start, "verify", hook);
        }
        final double seconds = Math.max(1, System.nanoTime() - startNanos) / 1e9;
        while (!checkpoints.isEmpty())
        {
            final Checkpoint checkpoint = checkpoints.pollFirst();
            if (checkpoint.coveredSequence() > last)
            {
                out.println("FAIL " + checkpoint.file().getFileName() + " covers sequence " + checkpoint.coveredSequence()
                    + ", beyond the journal's last entry " + last);
                failures[0]++;
            }
            else
            {
                failures[0] += compare(out, checkpoint, ledger.digest());
            }
        }
        out.printf("entries replayed: %,d (%,.0f entries/s), undecodable: %,d, last sequence: %d%n",
            replayer.entries(), replayer.entries() / seconds, replayer.tornEntries(), last);
        out.printf("final digest: %016x%n", ledger.digest());
        if (expectedDigest != null && Long.parseUnsignedLong(expectedDigest, 16) != ledger.digest())
        {
            out.println("FAIL final digest differs from --digest " + expectedDigest);
            failures[0]++;
        }
        failures[0] += replayer.tornEntries() > 0 ? 1 : 0;
        out.println(failures[0] == 0 ? "OK" : "FAILED: " + failures[0] + " check(s)");
        return failures[0] == 0 ? 0 : 1;
    }

    private static int compare(final PrintWriter out, final Checkpoint checkpoint, final long digest)
    {
        final boolean same = checkpoint.digest() == digest;
        out.printf("%s %s (sequence %d): snapshot digest %016x, replayed %016x%n", same ? "ok  " : "FAIL",
            checkpoint.file().getFileName(), checkpoint.coveredSequence(), checkpoint.digest(), digest);
        return same ? 0 : 1;
    }

    private List<Checkpoint> readSnapshots(final PrintWriter out)
    {
        final List<Checkpoint> valid = new ArrayList<>();
        for (final Path path : SnapshotStore.readOnly(data.config().snapshotDir()).newestFirst())
        {
            try
            {
                final SnapshotFile file = SnapshotFile.read(path);
                final Ledger ledger = Ledger.fromSnapshot(data.ledgerConfig(), file.state(), 0, file.state().capacity());
                valid.add(new Checkpoint(path, file.coveredSequence(), ledger.digest(), file));
            }
            catch (final IOException | RuntimeException ex)
            {
                out.println("skip " + path.getFileName() + ": " + ex.getMessage());
            }
        }
        valid.sort(Comparator.comparingLong(Checkpoint::coveredSequence));
        return valid;
    }
}
