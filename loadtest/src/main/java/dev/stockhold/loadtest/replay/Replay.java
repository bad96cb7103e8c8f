package dev.stockhold.loadtest.replay;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import dev.stockhold.loadtest.report.Check;
import dev.stockhold.loadtest.report.Report;
import dev.stockhold.loadtest.targets.Answer;
import dev.stockhold.loadtest.targets.Target;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Re-sends a recorded run's commands to a fresh server and checks every answer.
 * <p>
 * The recording holds commands, not answers; the engine is deterministic, so the expected answers are
 * computed by applying the same commands, with their recorded sequences and times, to a fresh
 * {@link Ledger} here. With {@code recordedTimes} (a binary target started with {@code --replay-target})
 * every command carries its recorded engine time and the recorded ticks are sent too, so the server
 * rebuilds exactly the recorded state and its digest must equal the recording's. Without it, ticks are
 * applied here only and the server expires reservations on its own clock, so a replay faster than
 * recorded can see a reservation still open that had expired in the recording. Commands are sent over one
 * connection, in order: a binary connection pipelines them, HTTP sends one at a time. Pacing: the recorded gaps
 * divided by {@code speed}, or none.
 * <p>
 * An answer is compared by its code, its levels and reservation lines, and what it says of channels (both
 * protocols show it): a channel's rules and push settings, a listing's SKU or kit, published quantity and
 * version, a kit, an allocation and the listing or kit each reserved line came by. At the end every cell and
 * every listing the recording named is read back from the server and compared with the offline ledger's.
 * <p>
 * A push outcome ({@link CommandType#PUSH_OUTCOME}) is written by the recorded server's pusher, never by a
 * client. A replay target takes it over the binary protocol in its recorded place (the target runs no pusher of
 * its own), so push progress is rebuilt exactly and covered by the digest. Any other target cannot be sent one:
 * it is skipped, counted as internal and not replayable, and left out of the offline ledger too, so the expected
 * state and answers are those of the commands the target received (no client answer shows push progress).
 */
public final class Replay
{
    private static final int MAX_SHOWN = 20;
    private static final int WINDOW = 4096;
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    /** The cell the reads that fill sequence gaps look up. */
    private static final String GAP_READ_SKU = "-";

    private final Target target;
    private final double speed;
    private final LedgerConfig ledgerConfig;
    private final PrintStream out;
    private final Ledger expected;
    private final boolean recordedTimes;
    private final Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
    private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong mismatchCount = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final TreeSet<String> skus = new TreeSet<>();
    /** Every listing the recording bound, as {@code channel/listingId} (neither may hold '/'). */
    private final TreeSet<String> listings = new TreeSet<>();
    private long sent;
    private long applied;
    private long ticksOffline;
    private long internalSkipped;
    private long internalReplayed;
    /** With recorded times: the last recorded sequence the target was brought to, and the reads it took. */
    private long lastSequenceSent;
    private long gapReads;

    /**
     * @param speed how many times faster than recorded; 0 or less for as fast as possible.
     * @param ledgerConfig the ledger settings of the recorded server (warehouse priority matters).
     */
    public Replay(final Target target, final double speed, final LedgerConfig ledgerConfig, final PrintStream out)
    {
        this(target, speed, ledgerConfig, out, false);
    }

    /**
     * @param recordedTimes send recorded times and ticks (the target must be a {@code --replay-target}
     *                      binary server) and require the state digest to match the recording's.
     */
    public Replay(final Target target, final double speed, final LedgerConfig ledgerConfig, final PrintStream out,
        final boolean recordedTimes)
    {
        this.recordedTimes = recordedTimes;
        if (recordedTimes)
        {
            target.sendRecordedTimes();
        }
        this.target = target;
        this.speed = speed;
        this.ledgerConfig = ledgerConfig;
        this.out = out;
        this.expected = new Ledger(ledgerConfig);
    }

    /** Replays {@code source} to the end and checks the final state; @return the report (not yet written). */
    public Report run(final CommandSource source) throws Exception
    {
        final Command command = new Command();
        final long startNanos = System.nanoTime();
        long firstMillis = Long.MIN_VALUE;
        long lastProgressNanos = startNanos;
        while (source.next(command))
        {
            applied++;
            if (firstMillis == Long.MIN_VALUE)
            {
                firstMillis = command.timestampMillis;
            }
            final long intended = speed > 0
                ? startNanos + (long)((command.timestampMillis - firstMillis) * 1e6 / speed) : System.nanoTime();
            if (isInternal(command.type))
            {
                if (!recordedTimes)
                {
                    internalSkipped++;
                    continue;
                }
                internalReplayed++;
            }
            remember(command);
            expected.apply(command);
            if (command.type == CommandType.TICK && !recordedTimes)
            {
                ticksOffline++;
                continue;
            }
            final Answer want = Answer.fromEngine(command.result, command.type == CommandType.TICK);
            waitUntil(intended);
            if (recordedTimes)
            {
                fillSequenceGap(command.sequence);
            }
            while (inFlight.get() >= WINDOW)
            {
                LockSupport.parkNanos(50_000);
            }
            inFlight.incrementAndGet();
            final long index = applied;
            final long recordedSequence = command.sequence;
            final CommandType type = command.type;
            target.send(command).whenComplete((got, failure) ->
            {
                synchronized (latency)
                {
                    latency.recordValue(Math.max(1, System.nanoTime() - intended));
                }
                String difference = failure != null ? "lost: " + failure : got.differenceFrom(want);
                if (difference == null && recordedTimes && got.sequence() != recordedSequence)
                {
                    difference = "sequence " + got.sequence() + " != recorded " + recordedSequence;
                }
                if (difference != null && mismatchCount.incrementAndGet() <= MAX_SHOWN)
                {
                    mismatches.add("#" + index + " " + type + " (recorded seq " + recordedSequence + "): "
                        + abbreviate(difference));
                }
                inFlight.decrementAndGet();
            });
            sent++;
            if (System.nanoTime() - lastProgressNanos > TimeUnit.SECONDS.toNanos(1))
            {
                lastProgressNanos = System.nanoTime();
                out.printf("[%5.0fs] replayed %d of the recording's commands, %d mismatches%n",
                    (lastProgressNanos - startNanos) / 1e9, applied, mismatchCount.get());
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
        while (inFlight.get() > 0 && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
        final double elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
        return report(elapsedSeconds);
    }

    private Report report(final double elapsedSeconds) throws Exception
    {
        final List<String> cellDifferences = compareCells();
        final List<String> listingDifferences = new ArrayList<>();
        final boolean publishedShown = compareListings(listingDifferences);
        final long expectedDigest = expected.digest();
        final OptionalLong digest = target.digest();
        final Report report = new Report("stockhold replay")
            .figure("target", target.describe())
            .figure("speed", speed > 0 ? speed + "x the recorded pacing" : "as fast as possible")
            .figure("recording", String.format("%d commands (%d ticks applied offline only), last sequence %d",
                applied, ticksOffline, expected.lastAppliedSequence()))
            .figure("sequences", recordedTimes
                ? "the recorded ones (" + gapReads + " reads took the sequences of unjournaled commands)"
                : "assigned by the target")
            .figure("push outcomes", recordedTimes
                ? internalReplayed + " replayed in their recorded place (the replay target runs no pusher)"
                : internalSkipped + " internal, not replayable (written by the recorded server's pusher): skipped,"
                    + " and left out of the expected state")
            .figure("engine times", recordedTimes ? "recorded (the target keeps them)" : "the target's own clock")
            .figure("throughput", String.format("%.0f commands/s over %.2f s", sent / elapsedSeconds, elapsedSeconds))
            .figure("cells compared", Integer.toString(expected.cellCount()))
            .figure("listings compared", listings.size() + (publishedShown ? " (published quantities)"
                : " (by result code: this protocol's answers do not show published quantities)"))
            .latency("replayed", latency);
        report.figure("state digest", digest.isPresent() ? String.format("server %x, recorded %x%s",
            digest.getAsLong(), expectedDigest, digest.getAsLong() == expectedDigest ? " (equal)"
                : " (differs: the digest covers reservation times and sequences, which a live replay re-stamps)")
            : "not offered by this protocol (HTTP): every cell compared instead");
        final long lost = inFlight.get();
        report.check(new Check("every answer as recorded", mismatchCount.get() == 0 && lost == 0,
            mismatchCount.get() + " mismatches of " + sent + " commands" + (lost > 0 ? ", " + lost + " unanswered" : "")));
        report.check(new Check("every cell as recorded", cellDifferences.isEmpty(),
            cellDifferences.isEmpty() ? "all levels equal" : cellDifferences.size() + " cells differ"));
        report.check(new Check("every listing as recorded", listingDifferences.isEmpty(),
            listingDifferences.isEmpty() ? listings.size() + " listings equal" : listingDifferences.size()
                + " listings differ"));
        if (recordedTimes)
        {
            final boolean same = digest.isPresent() && digest.getAsLong() == expectedDigest;
            report.check(new Check("state digest as recorded", same, digest.isPresent()
                ? String.format("server %x, recorded %x", digest.getAsLong(), expectedDigest) : "no digest"));
        }
        mismatches.forEach(line -> report.note("MISMATCH " + line));
        cellDifferences.stream().limit(MAX_SHOWN).forEach(line -> report.note("CELL " + line));
        listingDifferences.stream().limit(MAX_SHOWN).forEach(line -> report.note("LISTING " + line));
        return report;
    }

    /** @return one line per cell whose levels on the server differ from the offline ledger's. */
    private List<String> compareCells() throws Exception
    {
        final List<String> differences = new ArrayList<>();
        final Command read = new Command();
        for (final String sku : skus)
        {
            expected.apply(read.getStock(sku, null));
            final Map<String, Answer.Level> want = byCell(Answer.fromEngine(read.result).levels());
            final Answer got = target.send(read.getStock(sku, null)).get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            final Map<String, Answer.Level> have = got.isOk() ? byCell(got.levels()) : Map.of();
            if (!want.equals(have))
            {
                differences.add(abbreviate(sku + ": server " + (got.isOk() ? have.values() : got.code())
                    + " != recorded " + want.values()));
            }
        }
        return differences;
    }

    /**
     * Reads back every listing the recording bound, from the server and from the offline ledger, and adds one
     * line per listing that differs to {@code differences}: its SKU and published quantity where the answers
     * show them, else its result code.
     *
     * @return true when the server's answers showed the listings' published quantities.
     */
    private boolean compareListings(final List<String> differences) throws Exception
    {
        boolean shown = false;
        final Command read = new Command();
        for (final String key : listings)
        {
            final int slash = key.indexOf('/');
            final String channel = key.substring(0, slash);
            final String listing = key.substring(slash + 1);
            expected.apply(read.getListing(channel, listing));
            final Answer want = Answer.fromEngine(read.result);
            final Answer got = target.send(read.getListing(channel, listing))
                .get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            shown |= got.channel() != null;
            final String difference = got.differenceFrom(want);
            if (difference != null)
            {
                differences.add(abbreviate(key + ": " + difference));
            }
        }
        return shown;
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }

    private static Map<String, Answer.Level> byCell(final List<Answer.Level> levels)
    {
        final Map<String, Answer.Level> cells = new HashMap<>();
        levels.forEach(level -> cells.put(level.sku() + "/" + level.warehouse(), level));
        return cells;
    }

    /** Notes the cells and listings a command names, to read them back at the end. */
    private void remember(final Command command)
    {
        for (int i = 0; i < command.lines.count(); i++)
        {
            // A line locked by listing or kit names no SKU.
            if (command.lines.sku(i) != null)
            {
                skus.add(command.lines.sku(i));
            }
        }
        for (int i = 0; i < command.items.count(); i++)
        {
            skus.add(command.items.sku(i));
        }
        // A kit's code and what a listing sells are not cells.
        if (command.sku != null && command.type != CommandType.PUT_KIT && command.type != CommandType.BIND_LISTING)
        {
            skus.add(command.sku);
        }
        if (command.type == CommandType.BIND_LISTING)
        {
            listings.add(command.channel + "/" + command.listing);
        }
    }

    /**
     * Brings the target's next sequence to {@code recordedSequence}. The recorded server gave sequences to
     * commands it did not journal (reads, its pusher's reads of the next delivery, its periodic reads of sizes
     * for the metrics); as many reads here keep the target's sequences the recorded ones, which a channel's push
     * progress names (a listing's value and what a push outcome acknowledges are identified by sequence). A
     * fresh replay target starts at sequence 1 and takes none of its own.
     */
    private void fillSequenceGap(final long recordedSequence)
    {
        final Command read = new Command();
        for (long sequence = lastSequenceSent + 1; sequence < recordedSequence; sequence++)
        {
            while (inFlight.get() >= WINDOW)
            {
                LockSupport.parkNanos(50_000);
            }
            inFlight.incrementAndGet();
            // The cheapest read through the ring: one cell lookup (its answer does not matter), not the digest,
            // which hashes the whole state.
            target.send(read.getStock(GAP_READ_SKU, GAP_READ_SKU))
                .whenComplete((got, failure) -> inFlight.decrementAndGet());
            gapReads++;
        }
        lastSequenceSent = Math.max(lastSequenceSent, recordedSequence);
    }

    /** @return true for a command a server writes itself (a push outcome), which no client sends. */
    private static boolean isInternal(final CommandType type)
    {
        return type == CommandType.PUSH_OUTCOME;
    }

    /** @return the ledger settings the expected answers are computed with. */
    public LedgerConfig ledgerConfig()
    {
        return ledgerConfig;
    }

    private static void waitUntil(final long deadlineNanos)
    {
        long now;
        while ((now = System.nanoTime()) < deadlineNanos)
        {
            LockSupport.parkNanos(Math.min(deadlineNanos - now, 100_000_000L));
        }
    }
}
