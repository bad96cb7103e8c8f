package dev.stockhold.engine.pipeline;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.ledger.Ledger;
import dev.stockhold.engine.ledger.LedgerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four producer threads push a quarter of a million mixed commands each through the real pipeline and
 * ledger, on a small ring so that "overloaded" answers happen and are retried. Afterwards every command
 * was answered exactly once and in its producer's order, and the ledger's cells equal what the
 * acknowledged answers add up to: nothing acknowledged was lost, nothing unacknowledged was applied.
 * Once per wait preset, since each preset hands commands between the stages differently.
 */
class PipelineConcurrencyTest
{
    private static final int PRODUCERS = 4;
    private static final int COMMANDS_PER_PRODUCER = 250_000;
    private static final String[] SKUS = {"P0", "P1", "P2", "P3", "P4", "P5"};
    private static final String[] WAREHOUSES = {"WA", "WB"};
    private static final long INITIAL_ON_HAND = 3_000;
    private static final long INITIAL_IN_TRANSIT = 1_000_000;

    /** Checks each producer's answers arrive once each, in order, and feeds them to the shared tally. */
    private static final class ProducerReply implements Reply
    {
        private final AckLedger tally;
        private final AtomicLong answered = new AtomicLong();
        private long nextCorrelation;
        private long outOfOrder;

        ProducerReply(final AckLedger tally)
        {
            this.tally = tally;
        }

        @Override
        public void complete(final Command command, final boolean endOfBatch)
        {
            if (command.correlationId != nextCorrelation)
            {
                outOfOrder++;
            }
            nextCorrelation = command.correlationId + 1;
            tally.onAck(command);
            answered.incrementAndGet();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.stockhold.engine.pipeline.EnginePipelineTest#variants")
    void acknowledgedResultsAddUpToTheLedgerUnderConcurrentProducers(final WaitPreset preset,
        final ThreadLayout layout) throws Exception
    {
        final long seed = Long.getLong("stockhold.seed", new SplittableRandom().nextLong());
        System.out.println("PipelineConcurrencyTest " + preset + " " + layout + " seed=" + seed);
        final AckLedger tally = new AckLedger();
        try (EnginePipeline pipeline = EnginePipeline.builder().layout(layout)
            .ledger(new Ledger(LedgerConfig.defaults()))
            .responder(new ReplyingResponder(null)).ringSize(1024).waitPreset(preset).build().start())
        {
            stockUp(pipeline);
            final ProducerReply[] replies = new ProducerReply[PRODUCERS];
            final long[] refused = new long[PRODUCERS];
            final List<Thread> threads = new ArrayList<>();
            final long startNanos = System.nanoTime();
            for (int p = 0; p < PRODUCERS; p++)
            {
                final int id = p;
                replies[p] = new ProducerReply(tally);
                final Thread thread = new Thread(() -> refused[id] = produce(pipeline, id, seed + id, replies[id]),
                    "producer-" + p);
                threads.add(thread);
                thread.start();
            }
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.MINUTES.toMillis(2));
            }
            final long total = (long)PRODUCERS * COMMANDS_PER_PRODUCER;
            awaitAnswers(replies, COMMANDS_PER_PRODUCER);
            final long millis = (System.nanoTime() - startNanos) / 1_000_000;
            long refusals = 0;
            for (int p = 0; p < PRODUCERS; p++)
            {
                assertEquals(COMMANDS_PER_PRODUCER, replies[p].answered.get(), "answers of producer " + p);
                assertEquals(0, replies[p].outOfOrder, "answers out of order for producer " + p);
                refusals += refused[p];
            }
            System.out.println("PipelineConcurrencyTest " + preset + ": " + total + " commands in " + millis + " ms, " + refusals
                + " overloaded answers retried; successes " + tally.succeeded);
            // The reads below pass through the ring after every producer's command: their futures order
            // the tally's writes on the responder thread before the checks here.
            assertCellsMatchTheAcknowledgements(pipeline, tally);
            assertEquals(0, tally.oversoldLocks, "an acknowledged lock left available below zero");
            for (final CommandType type : List.of(CommandType.LOCK, CommandType.RELEASE, CommandType.DEDUCT,
                CommandType.RETURN, CommandType.RECEIVE, CommandType.ADJUST))
            {
                assertTrue(tally.succeeded.getOrDefault(type, 0L) > 100, () -> "too few successes: " + tally.succeeded);
            }
        }
    }

    private static void stockUp(final EnginePipeline pipeline) throws Exception
    {
        final Command batch = new Command().setStock();
        for (final String sku : SKUS)
        {
            for (final String warehouse : WAREHOUSES)
            {
                batch.items.add(sku, warehouse, INITIAL_ON_HAND, INITIAL_IN_TRANSIT, 0, Command.ABSENT);
            }
        }
        assertTrue(request(pipeline, batch).isOk());
    }

    /** Publishes one command and waits for its answer (a copy of the result). */
    private static CommandResult request(final EnginePipeline pipeline, final Command command) throws Exception
    {
        final CompletableFuture<CommandResult> answer = new CompletableFuture<>();
        command.replyTo = (Reply)(done, endOfBatch) ->
        {
            final CommandResult copy = new CommandResult();
            copy.copyFrom(done.result);
            answer.complete(copy);
        };
        while (!pipeline.tryPublish(command))
        {
            Thread.yield();
        }
        return answer.get(30, TimeUnit.SECONDS);
    }

    private static void awaitAnswers(final ProducerReply[] replies, final long each) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        for (final ProducerReply reply : replies)
        {
            while (reply.answered.get() < each && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
        }
    }

    private static void assertCellsMatchTheAcknowledgements(final EnginePipeline pipeline, final AckLedger tally)
        throws Exception
    {
        for (final String sku : SKUS)
        {
            for (final String warehouse : WAREHOUSES)
            {
                final CommandResult cell = request(pipeline, new Command().getStock(sku, warehouse));
                final long[] delta = tally.delta(sku, warehouse);
                final String name = sku + "/" + warehouse;
                assertEquals(INITIAL_ON_HAND + delta[0], cell.levels().onHand(0), "onHand of " + name);
                assertEquals(delta[1], cell.levels().reserved(0), "reserved of " + name);
                assertEquals(INITIAL_IN_TRANSIT + delta[2], cell.levels().inTransit(0), "inTransit of " + name);
            }
        }
    }

    /** @return how many times the ring answered "overloaded" (each one retried until accepted). */
    private static long produce(final EnginePipeline pipeline, final int id, final long seed, final Reply reply)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Command request = new Command();
        long refused = 0;
        int orders = 0;
        for (int i = 0; i < COMMANDS_PER_PRODUCER; i++)
        {
            final int roll = random.nextInt(100);
            final String sku = SKUS[random.nextInt(SKUS.length)];
            final String warehouse = WAREHOUSES[random.nextInt(WAREHOUSES.length)];
            final String someOrder = "p" + id + "-" + (orders == 0 ? 0 : random.nextInt(Math.max(1, orders - 50), orders + 1));
            if (roll < 40)
            {
                request.lock("p" + id + "-" + ++orders, null, 0, false, false);
                request.lines.add(sku, warehouse, random.nextLong(1, 6));
                if (random.nextBoolean())
                {
                    request.lines.add(SKUS[random.nextInt(SKUS.length)], warehouse, random.nextLong(1, 4));
                }
            }
            else if (roll < 75)
            {
                final CommandType type = roll < 55 ? CommandType.DEDUCT : roll < 68 ? CommandType.RELEASE
                    : CommandType.RETURN;
                request.settle(type, someOrder);
                if (random.nextBoolean())
                {
                    request.lines.add(sku, warehouse, random.nextLong(1, 3));
                }
            }
            else if (roll < 85)
            {
                request.receive(sku, warehouse, random.nextLong(1, 4));
            }
            else if (roll < 95)
            {
                request.adjust(sku, warehouse, random.nextLong(-3, 4), random.nextLong(-2, 3), 0, "count");
            }
            else
            {
                request.getStock(sku, warehouse);
            }
            request.replyTo = reply;
            request.correlationId = i;
            while (!pipeline.tryPublish(request))
            {
                refused++;
                Thread.yield();
            }
        }
        return refused;
    }
}
