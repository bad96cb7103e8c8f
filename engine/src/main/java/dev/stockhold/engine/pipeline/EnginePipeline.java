package dev.stockhold.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorThreeArg;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.threads.NamedThreads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The whole engine pipeline, wired in one place. The data's path:
 * <pre>
 *   1. producers (gateway event loops, timers, tests) claim a slot of the multi-producer ring, or are
 *      told the ring is full and answer "overloaded": they never block;
 *   2. journaler ∥ ledger: the journaler appends the command while the single-writer ledger applies it;
 *   3. responder: runs only after both have passed the slot, so no one hears a result that is not
 *      journaled.
 * </pre>
 * That is {@link ThreadLayout#STAGED}, a thread per stage; with {@link ThreadLayout#SINGLE} one thread
 * journals and applies each command, then answers the batch after the journaler's end of batch.
 * <p>
 * Fail-stop: an exception in any stage trips the pipeline's {@link EngineFailure}. From the failed sequence
 * on nothing is applied, journaled or logged, every command is answered ERR_INTERNAL and
 * {@link #tryPublish} refuses; the commands before it keep their true answers ({@link JournalStep},
 * {@link LedgerStage}, {@link AnswerStep}).
 * This class owns every engine thread. Producers may call {@link #tryPublish} from any thread.
 */
public final class EnginePipeline implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(EnginePipeline.class.getName());

    /**
     * The default ring: about 11 ms of the ledger's work at 1.5 M commands/s, and 16 MB of slots that stay
     * in this machine's 32 MB L3 cache. A full ring of 65,536 slots did not fit, and the ledger, reading
     * each slot a whole ring after the producer wrote it, ran 2.5 to 3.5 times slower (docs/BENCHMARKS.md).
     */
    public static final int DEFAULT_RING_SIZE = 1 << 14;

    private final Disruptor<Command> disruptor;
    private final RingBuffer<Command> ring;
    private final LongSupplier clock;
    private final long firstSequence;
    private final long tickIntervalMillis;
    private final boolean keepProducerTimestamps;
    private final LedgerStage ledgerStage;
    private final CountDownLatch stagesStarted;
    private final EngineFailure failure;
    private volatile boolean running;
    private Thread ticker;

    EnginePipeline(final EnginePipelineBuilder builder)
    {
        this.clock = builder.clock;
        this.firstSequence = builder.firstSequence;
        this.tickIntervalMillis = builder.tickIntervalMillis;
        this.keepProducerTimestamps = builder.keepProducerTimestamps;
        this.failure = builder.failure;
        final ThreadLayout layout = builder.layout;
        final String[] stageNames = layout == ThreadLayout.SINGLE ? new String[] {"stockhold-engine"}
            : builder.journaler != null ? new String[] {"stockhold-journal", "stockhold-ledger", "stockhold-responder"}
            : new String[] {"stockhold-ledger", "stockhold-responder"};
        this.disruptor = new Disruptor<>(Command::new, builder.ringSize,
            new StageThreads(stageNames, builder.onStageThreadStart),
            ProducerType.MULTI, builder.waitPreset.newWaitStrategy());
        this.ring = disruptor.getRingBuffer();

        ledgerStage = new LedgerStage(builder.ledger, builder.snapshotSink, builder.snapshotEveryCommands,
            failure, this::stageStarted);
        final JournalStep journal = builder.journaler == null ? null
            : new JournalStep(builder.journaler, failure, firstSequence);
        final AnswerStep responder = builder.responder == null ? null : new AnswerStep(builder.responder, failure);
        // Each stage turns its own exceptions into the failure; this catches whatever slips past them.
        disruptor.setDefaultExceptionHandler(new FailStop());
        if (layout == ThreadLayout.SINGLE)
        {
            stagesStarted = new CountDownLatch(1);
            disruptor.handleEventsWith(new SingleThreadStage(journal, ledgerStage, responder, ring,
                this::stageStarted));
            return;
        }
        // The ledger, plus the journaler and the responder when there are any.
        stagesStarted = new CountDownLatch(1 + (journal != null ? 1 : 0) + (responder != null ? 1 : 0));
        final EventHandlerGroup<Command> applied = journal != null
            ? disruptor.handleEventsWith(new JournalHandler(journal, this::stageStarted), ledgerStage)
            : disruptor.handleEventsWith(ledgerStage);
        if (responder != null)
        {
            applied.then(new ResponderHandler(responder, this::stageStarted));
        }
    }

    private void stageStarted()
    {
        stagesStarted.countDown();
    }

    /** @return a builder; the ledger is required, the journaler and responder are optional. */
    public static EnginePipelineBuilder builder()
    {
        return new EnginePipelineBuilder();
    }

    /**
     * Starts the stage threads and, if configured, the tick timer; returns once every stage runs. (The
     * Disruptor drains on shutdown only the stages that have started: one closed before its thread ran
     * would drop what was published.)
     */
    public EnginePipeline start()
    {
        running = true;
        disruptor.start();
        try
        {
            if (!stagesStarted.await(30, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("engine stages did not start in 30 s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the engine stages started", ex);
        }
        if (tickIntervalMillis > 0)
        {
            ticker = NamedThreads.create("stockhold-ticker", this::tickLoop);
            ticker.start();
        }
        return this;
    }

    private static final EventTranslatorThreeArg<Command, EnginePipeline, Command, Object> COPY =
        (slot, ringSequence, pipeline, request, unused) ->
        {
            slot.copyFrom(request);
            pipeline.stamp(slot, ringSequence);
        };

    private static final EventTranslatorThreeArg<Command, EnginePipeline, EventTranslatorOneArg<Command, Object>,
        Object> FILL = (slot, ringSequence, pipeline, filler, arg) ->
        {
            slot.clearRequest();
            filler.translateTo(slot, ringSequence, arg);
            pipeline.stamp(slot, ringSequence);
        };

    private void stamp(final Command slot, final long ringSequence)
    {
        slot.sequence = firstSequence + ringSequence;
        if (!keepProducerTimestamps || slot.timestampMillis == 0)
        {
            slot.timestampMillis = clock.getAsLong();
        }
    }

    /**
     * Copies {@code request} (header and payload) into the ring; the engine stamps its sequence and time.
     *
     * @return false when the ring is full or the engine stopped: answer {@link ErrorCode#OVERLOADED}.
     */
    public boolean tryPublish(final Command request)
    {
        return running && !failure.isFailed() && ring.tryPublishEvent(COPY, this, request, null);
    }

    /**
     * Lets {@code filler} write a command straight into a ring slot (cleared first), without a copy.
     *
     * @return false when the ring is full or the engine stopped: answer {@link ErrorCode#OVERLOADED}.
     */
    @SuppressWarnings("unchecked")
    public <A> boolean tryPublish(final EventTranslatorOneArg<Command, A> filler, final A arg)
    {
        return running && !failure.isFailed()
            && ring.tryPublishEvent(FILL, this, (EventTranslatorOneArg<Command, Object>)filler, arg);
    }

    /** @return how many slots hold commands not yet answered, for metrics. */
    public long occupancy()
    {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    /** @return the ring's size in slots. */
    public int ringSize()
    {
        return ring.getBufferSize();
    }

    /** @return the engine sequence the next command will get. */
    public long nextSequence()
    {
        return firstSequence + ring.getCursor() + 1;
    }

    /** @return the fail-stop switch: tripped, the engine answers nothing but ERR_INTERNAL and takes nothing new. */
    public EngineFailure failure()
    {
        return failure;
    }

    /** Stops accepting commands, lets every published command through all stages, then stops the threads. */
    @Override
    public void close()
    {
        if (!running)
        {
            return;
        }
        running = false;
        if (ticker != null)
        {
            ticker.interrupt();
        }
        try
        {
            disruptor.shutdown(30, TimeUnit.SECONDS);
        }
        catch (final com.lmax.disruptor.TimeoutException ex)
        {
            LOG.log(System.Logger.Level.ERROR, "event=engine_drain_timeout seconds=30 action=halt");
            disruptor.halt();
        }
        // The stage threads have stopped: a final snapshot here covers everything applied (none after a failure).
        ledgerStage.snapshot();
    }

    private void tickLoop()
    {
        final Command tick = new Command().tick();
        while (running)
        {
            try
            {
                Thread.sleep(tickIntervalMillis);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            // A full ring skips this tick; the next one expires what this one would have.
            tryPublish(tick);
        }
    }

    /** The journaler on a thread of its own. */
    private static final class JournalHandler implements EventHandler<Command>
    {
        private final JournalStep journal;
        private final Runnable onStarted;

        JournalHandler(final JournalStep journal, final Runnable onStarted)
        {
            this.journal = journal;
            this.onStarted = onStarted;
        }

        @Override
        public void onEvent(final Command command, final long sequence, final boolean endOfBatch)
        {
            journal.onCommand(command, endOfBatch);
        }

        @Override
        public void onStart()
        {
            journal.onStart();
            onStarted.run();
        }

        @Override
        public void onShutdown()
        {
            journal.onShutdown();
        }
    }

    /** The responder on a thread of its own, after the journaler and the ledger. */
    private static final class ResponderHandler implements EventHandler<Command>
    {
        private final AnswerStep responder;
        private final Runnable onStarted;

        ResponderHandler(final AnswerStep responder, final Runnable onStarted)
        {
            this.responder = responder;
            this.onStarted = onStarted;
        }

        @Override
        public void onEvent(final Command command, final long sequence, final boolean endOfBatch)
        {
            responder.answer(command, endOfBatch);
        }

        @Override
        public void onStart()
        {
            responder.onStart();
            onStarted.run();
        }

        @Override
        public void onShutdown()
        {
            responder.onShutdown();
        }
    }

    /** Anything a stage did not turn into the failure itself: the engine stops from that command on. */
    private final class FailStop implements ExceptionHandler<Command>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final Command command)
        {
            failure.fail("engine", command == null ? firstSequence + sequence : command.sequence, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failure.fail("engine start", firstSequence, ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.log(System.Logger.Level.ERROR, "event=engine_shutdown_failed", ex);
        }
    }
}
