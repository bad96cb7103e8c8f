package dev.stockhold.gateway.push;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ChannelViews;
import dev.stockhold.engine.command.PublishedChanges;
import dev.stockhold.engine.pipeline.CommandStage;
import dev.stockhold.engine.pipeline.Reply;
import dev.stockhold.engine.threads.NamedThreads;
import dev.stockhold.gateway.metrics.PushMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Delivers each pushing channel's published quantities to its URL (docs/channels.md, "Push to the channel").
 * <p>
 * The engine keeps what each channel is owed; this class only moves it. Per channel, on the push thread:
 * <pre>
 *   1. a change of the channel (seen by {@link #observer()} on the responder thread, which only sets a flag and
 *      queues one wake-up) or a timer wakes the channel;
 *   2. unless a delivery is in flight, a backoff or Retry-After runs, or the token bucket is empty, it reads
 *      the channel's next delivery from the engine (NEXT_DELIVERY, through the ring: the current values);
 *   3. it takes a token and POSTs the signed delivery with the JDK's asynchronous HTTP client (5 s timeout);
 *   4. it sends the outcome back as a journaled PUSH_OUTCOME (acknowledged, parked, or an error);
 *   5. once the engine applied it, it waits as the outcome says (nothing, Retry-After, backoff) and goes to 2.
 * </pre>
 * Nothing here blocks the responder or the engine, and a restart loses nothing: the engine's state (journaled,
 * in snapshots) says what is owed, and {@link #start} wakes every pushing channel. A delivery whose outcome was
 * not recorded before a crash is sent again: a channel may see a value twice, never miss one.
 * {@link #start} and {@link #close} make it runnable on a cluster's leader only.
 */
public final class ChannelPusher implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ChannelPusher.class);
    private static final long RETRY_SUBMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ConcurrentHashMap<String, PushChannel> channels = new ConcurrentHashMap<>();
    private final PushTiming timing;
    private final PushMetrics metrics;
    private final DeliverySigner signer = new DeliverySigner();
    private ScheduledExecutorService thread;
    private ExecutorService httpThreads;
    private HttpClient http;
    private Predicate<Command> entrance;
    private volatile boolean running;

    public ChannelPusher(final PushTiming timing, final PushMetrics metrics)
    {
        this.timing = timing;
        this.metrics = metrics;
        metrics.bindChannels(() -> List.copyOf(channels.values()));
    }

    /** @return the responder-thread observer that wakes a channel when its published quantities change. */
    public CommandStage observer()
    {
        return this::observe;
    }

    /**
     * Starts pushing: every pushing channel of the engine (after recovery) is woken, so whatever it is owed is
     * delivered. Call once the engine takes commands.
     */
    public synchronized void start(final Predicate<Command> entrance)
    {
        if (running)
        {
            return;
        }
        this.entrance = entrance;
        thread = NamedThreads.timer("stockhold-push");
        httpThreads = Executors.newFixedThreadPool(2, NamedThreads.factory("stockhold-push-http"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timing.timeout())
            .followRedirects(HttpClient.Redirect.NEVER).executor(httpThreads).build();
        running = true;
        execute(this::discover);
        LOG.info("event=push_started");
    }

    /** Stops pushing; a delivery in flight is abandoned (and sent again by whoever pushes next). */
    @Override
    public synchronized void close()
    {
        if (!running)
        {
            return;
        }
        running = false;
        thread.shutdownNow();
        // The client's own selector thread ends once the client is unreferenced; its callbacks have nowhere to run.
        httpThreads.shutdownNow();
        http = null;
        channels.clear();
        LOG.info("event=push_stopped");
    }

    // --- The responder thread: never blocks, queues at most one wake-up per channel.

    private void observe(final Command command, final boolean endOfBatch)
    {
        final CommandResult result = command.result;
        if (!running || !result.isOk() || !result.hasChannelParts())
        {
            return;
        }
        if (command.type == CommandType.PUT_CHANNEL)
        {
            final ChannelViews views = result.channels();
            if (views.count() == 1)
            {
                final String code = views.channel(0);
                final boolean pushing = views.pushUrl(0) != null;
                execute(() -> configure(code, pushing));
            }
            return;
        }
        final PublishedChanges changes = result.published();
        for (int i = 0; i < changes.count(); i = changes.endOfChannel(i))
        {
            final PushChannel channel = channels.get(changes.channel(i));
            if (channel != null && channel.signalled.compareAndSet(false, true))
            {
                execute(channel.wake);
            }
        }
    }

    // --- The push thread.

    private void discover()
    {
        final Command list = new Command().getChannel(null);
        list.replyTo = (Reply)(command, endOfBatch) ->
        {
            final ChannelViews views = command.result.channels();
            final List<String> pushing = new ArrayList<>();
            for (int i = 0; i < views.count(); i++)
            {
                if (views.pushUrl(i) != null)
                {
                    pushing.add(views.channel(i));
                }
            }
            execute(() -> pushing.forEach(code -> configure(code, true)));
        };
        if (running && !entrance.test(list))
        {
            schedule(this::discover, RETRY_SUBMIT_NANOS);
        }
    }

    private void configure(final String code, final boolean pushing)
    {
        if (!pushing)
        {
            final PushChannel gone = channels.remove(code);
            if (gone != null)
            {
                gone.removed = true;
            }
            return;
        }
        final PushChannel channel = channels.computeIfAbsent(code, this::newChannel);
        channel.dirty = true;
        pump(channel);
    }

    private PushChannel newChannel(final String code)
    {
        final PushChannel channel = new PushChannel(code, new Backoff(timing.firstBackoffMillis(),
            timing.maxBackoffMillis()));
        channel.wake = () ->
        {
            channel.dirty = true;
            pump(channel);
        };
        channel.timer = () ->
        {
            channel.timerSet = false;
            pump(channel);
        };
        channel.onRead = (command, endOfBatch) ->
        {
            final Delivery delivery = Delivery.of(command.result);
            execute(() -> send(channel, delivery));
        };
        channel.onOutcome = (command, endOfBatch) -> execute(() -> afterOutcome(channel));
        return channel;
    }

    /** Starts the channel's next delivery if it may: step 2. */
    private void pump(final PushChannel channel)
    {
        if (!running || channel.removed || channel.inFlight || !channel.dirty)
        {
            return;
        }
        final long now = System.nanoTime();
        if (now < channel.notBeforeNanos)
        {
            later(channel, channel.notBeforeNanos - now);
            return;
        }
        final long wait = channel.bucket.waitNanos(now);
        if (wait > 0)
        {
            later(channel, wait);
            return;
        }
        // Changes after this point wake the channel again; those before it are in the read, which the ring
        // orders after them. Until then a busy or throttled channel is not woken for every lock it owes.
        channel.signalled.set(false);
        channel.dirty = false;
        channel.inFlight = true;
        final Command read = channel.request.nextDelivery(channel.code);
        read.replyTo = channel.onRead;
        if (!entrance.test(read))
        {
            channel.inFlight = false;
            channel.dirty = true;
            later(channel, RETRY_SUBMIT_NANOS);
        }
    }

    /** Step 3: signs and posts the delivery the engine answered. */
    private void send(final PushChannel channel, final Delivery delivery)
    {
        final long now = System.nanoTime();
        channel.readProgress(delivery.pending(), delivery.lagMillis(), delivery.acknowledgedSeq(), now);
        if (!running || channel.removed || delivery.url() == null)
        {
            channel.inFlight = false;
            return;
        }
        channel.bucket.configure(delivery.ratePerSecond(), delivery.burst());
        if (delivery.listings().count() == 0)
        {
            // Caught up: the next change wakes the channel.
            channel.inFlight = false;
            return;
        }
        if (channel.bucket.waitNanos(now) > 0)
        {
            // The limits just shrank: wait for a token, then read the values afresh.
            channel.inFlight = false;
            channel.dirty = true;
            later(channel, channel.bucket.waitNanos(now));
            return;
        }
        channel.bucket.take(now);
        channel.inFlightListings.copyFrom(delivery.listings());
        final String id = UUID.randomUUID().toString();
        final byte[] body = DeliveryBody.write(channel.code, id, delivery.listings());
        final HttpRequest request;
        try
        {
            request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(timing.timeout())
                .header("Content-Type", "application/json")
                .header("Stockhold-Delivery", id)
                .header("Stockhold-Signature", signer.sign(delivery.secret(), System.currentTimeMillis(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        }
        catch (final IllegalArgumentException ex)
        {
            answered(channel, id, null, ex);
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
            .whenComplete((response, failure) -> execute(() -> answered(channel, id, response, failure)));
    }

    /** Step 4: the channel answered (or did not): the outcome goes to the engine, journaled. */
    private void answered(final PushChannel channel, final String id, final HttpResponse<Void> response,
        final Throwable failure)
    {
        final int status = response == null ? 0 : response.statusCode();
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        channel.lastStatus = status;
        channel.retryAfterMillis = status == 429 ? DeliveryOutcome.retryAfterMillis(response) : -1;
        metrics.delivered(channel.code, DeliveryOutcome.result(status, cause));
        final String error = status >= 200 && status < 300 ? null
            : DeliveryOutcome.describe(status, cause, timing.timeout());
        if (error != null)
        {
            LOG.warn("event=push_failed channel={} delivery={} listings={} error=\"{}\"", channel.code, id,
                channel.inFlightListings.count(), error);
        }
        final Command outcome = channel.request.pushOutcome(channel.code, id, status, error);
        outcome.pushed.copyFrom(channel.inFlightListings);
        outcome.replyTo = channel.onOutcome;
        submitOutcome(channel);
    }

    private void submitOutcome(final PushChannel channel)
    {
        if (running && !entrance.test(channel.request))
        {
            schedule(() -> submitOutcome(channel), RETRY_SUBMIT_NANOS);
        }
    }

    /** Step 5: the engine recorded the outcome; wait as it says, then go on. */
    private void afterOutcome(final PushChannel channel)
    {
        final int status = channel.lastStatus;
        final long now = System.nanoTime();
        if (status >= 200 && status < 300)
        {
            channel.backoff.reset();
        }
        else if (status == 429)
        {
            final long waitMillis = channel.retryAfterMillis >= 0 ? channel.retryAfterMillis
                : channel.backoff.nextDelayMillis();
            channel.notBeforeNanos = now + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        }
        else if (status >= 400 && status < 500)
        {
            // Parked as dead letters: the other listings keep flowing at once.
            channel.backoff.reset();
        }
        else
        {
            channel.notBeforeNanos = now + TimeUnit.MILLISECONDS.toNanos(channel.backoff.nextDelayMillis());
        }
        channel.inFlight = false;
        channel.dirty = true;
        pump(channel);
    }

    private void later(final PushChannel channel, final long delayNanos)
    {
        if (!channel.timerSet)
        {
            channel.timerSet = true;
            schedule(channel.timer, delayNanos);
        }
    }

    private void execute(final Runnable task)
    {
        try
        {
            thread.execute(task);
        }
        catch (final RejectedExecutionException ex)
        {
            // Stopped: a channel owed something is woken again by whoever pushes next.
        }
    }

    private void schedule(final Runnable task, final long delayNanos)
    {
        try
        {
            thread.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }
        catch (final RejectedExecutionException ex)
        {
            // Stopped, as above.
        }
    }

    /** How long a delivery may take and how retries back off. */
    public record PushTiming(Duration timeout, long firstBackoffMillis, long maxBackoffMillis)
    {
        /** 5 s per attempt; retries from 200 ms to 60 s. */
        public static PushTiming defaults()
        {
            return new PushTiming(Duration.ofSeconds(5), 200, 60_000);
        }
    }
}
