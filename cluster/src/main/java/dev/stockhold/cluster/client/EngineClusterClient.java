package dev.stockhold.cluster.client;

import dev.stockhold.cluster.node.AgentIdle;
import dev.stockhold.cluster.protocol.IngressEncoder;
import dev.stockhold.cluster.protocol.MessageLimits;
import dev.stockhold.cluster.protocol.ReplyDecoder;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.AdminResponseCode;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends engine commands to a stockhold cluster and delivers each answer, to a {@link CommandAnswer} or a future.
 * <p>
 * Each command gets an id (this client's random origin and a number counting up) and stays in flight until
 * its answer arrives: on egress from the leader, or, for a client that runs beside a member
 * ({@link ClientSettings#answeredByReplica()}), from that member's replica as it applies the command
 * ({@link #onReplicaAnswer}). When the cluster elects a new leader, when the session has to be opened again, or when
 * an answer is missing for {@link ClientSettings#resendAfter()}, the client sends what is in flight again with
 * the same ids; the engine applies each id once and answers a repeat with the first answer. A command not
 * answered within {@link ClientSettings#deadline()} is answered {@link ErrorCode#OVERLOADED} ("no leader
 * answered"): it may or may not have been applied, never is a success reported that did not happen.
 * <p>
 * Threads: {@link #send} and {@link #requestSnapshot} may be called from any thread. One thread of the client's
 * own talks to the cluster and gives the answers that come on egress or at the deadline; a replica's answers
 * are given on the member's service thread. Either way an answer (and work chained on a future without an
 * executor) must not block. Unless given a media driver's directory, the client runs an embedded driver (one
 * shared thread, idling as {@link AgentIdle}).
 */
public final class EngineClusterClient implements AutoCloseable, EgressListener
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineClusterClient.class);
    private static final long SCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ClientSettings settings;
    private final long origin;
    private final long deadlineNanos;
    private final AtomicLong numbers = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger();
    /** Commands sent and not yet taken by the client's thread: never more than {@code maxInFlight}. */
    private final ManyToOneConcurrentArrayQueue<Pending> submitted;
    private final ManyToOneConcurrentLinkedQueue<Runnable> tasks = new ManyToOneConcurrentLinkedQueue<>();
    private final ThreadLocal<Encoding> encoding = ThreadLocal.withInitial(Encoding::new);
    private final ClientDriver driver;
    private final Aeron aeron;
    private final Thread thread;
    private volatile boolean running = true;

    // Client thread only.
    private final InFlightCommands inFlight;
    private final ReplyDecoder replies = new ReplyDecoder();
    private final AdminRequests admin;
    private final LeaderSession session;
    private long lastScanNanos;

    /** The encoder and scratch buffer of one sending thread. */
    private static final class Encoding
    {
        final IngressEncoder encoder = new IngressEncoder();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    }

    private EngineClusterClient(final ClientSettings settings)
    {
        this.settings = settings;
        this.origin = new SecureRandom().nextLong();
        this.deadlineNanos = settings.deadline().toNanos();
        this.inFlight = new InFlightCommands(settings.resendAfter().toNanos(), settings.maxInFlight());
        this.submitted = new ManyToOneConcurrentArrayQueue<>(settings.maxInFlight());
        this.admin = new AdminRequests(origin);
        this.driver = ClientDriver.open(settings.aeronDir());
        this.aeron = driver.aeron();
        this.session = new LeaderSession(settings, aeron, this, new LeaderSession.Events()
        {
            @Override
            public void onOpened()
            {
                inFlight.resendAll();
            }

            @Override
            public void onLost(final long sessionId)
            {
                LOG.info("event=cluster_session_lost session={} inFlight={}", sessionId, inFlight.size());
                admin.abandon();
            }
        });
        this.thread = new Thread(this::run, "stockhold-cluster-client");
        this.thread.setDaemon(true);
    }

    /**
     * Starts a client; it connects in the background, and commands sent meanwhile wait (within their deadline).
     */
    public static EngineClusterClient start(final ClientSettings settings)
    {
        final EngineClusterClient client = new EngineClusterClient(settings);
        client.thread.start();
        return client;
    }

    /**
     * Sends a command. The caller may reuse {@code command} as soon as this returns.
     *
     * @return the answer, as {@link #send(Command, CommandResult, CommandAnswer)} gives it.
     * @throws IllegalArgumentException for a command type the cluster does not take from clients (tick, snapshot).
     */
    public CompletableFuture<CommandResult> send(final Command command)
    {
        final CompletableFuture<CommandResult> answer = new CompletableFuture<>();
        send(command, null, answer::complete);
        return answer;
    }

    /**
     * Sends a command; its answer goes to {@code answer}, once. When its member's replica decides it (a client
     * with {@link ClientSettings#answeredByReplica()}), the result is copied into {@code answerInto}, which
     * nothing writes to before; any other answer (the deadline's, one on egress) is a result of its own. The
     * caller may reuse {@code command} as soon as this returns. Allocates only the command's record in flight
     * and its encoded bytes.
     *
     * @param answerInto where a replica's result is copied, or null for a result of its own.
     * @param answer     given the engine's result, or {@link ErrorCode#OVERLOADED} when no leader answered within
     *                   the deadline, too many commands are in flight or the client is closed (then before this
     *                   method returns, on the caller's thread), or {@link ErrorCode#INVALID_REQUEST} for a
     *                   command too large to carry.
     * @throws IllegalArgumentException for a command type the cluster does not take from clients (tick, snapshot).
     */
    public void send(final Command command, final CommandResult answerInto, final CommandAnswer answer)
    {
        if (!IngressEncoder.carries(command))
        {
            throw new IllegalArgumentException("the cluster does not take " + command.type + " from a client");
        }
        if (!running)
        {
            answer.answered(InFlightCommands.failure(ErrorCode.OVERLOADED, "the client is closed"));
            return;
        }
        if (outstanding.incrementAndGet() > settings.maxInFlight())
        {
            outstanding.decrementAndGet();
            answer.answered(InFlightCommands.failure(ErrorCode.OVERLOADED, "too many commands in flight"));
            return;
        }
        final long number = numbers.incrementAndGet();
        final byte[] message;
        try
        {
            final Encoding scratch = encoding.get();
            final int length = scratch.encoder.encode(origin, number, settings.answeredByReplica(), command,
                scratch.buffer, 0);
            if (length > MessageLimits.MAX_MESSAGE_BYTES)
            {
                outstanding.decrementAndGet();
                answer.answered(InFlightCommands.failure(ErrorCode.INVALID_REQUEST, "the command encodes to "
                    + length + " bytes; the cluster carries at most " + MessageLimits.MAX_MESSAGE_BYTES));
                return;
            }
            message = new byte[length];
            scratch.buffer.getBytes(0, message);
        }
        catch (final IllegalArgumentException ex)
        {
            outstanding.decrementAndGet();
            answer.answered(InFlightCommands.failure(ErrorCode.INVALID_REQUEST, "a field is longer than 65,534 bytes"));
            return;
        }
        final Pending pending = new Pending(number, message, System.nanoTime() + deadlineNanos, outstanding,
            answerInto, answer);
        if (settings.answeredByReplica())
        {
            inFlight.expectFromReplica(pending);
        }
        if (!submitted.offer(pending))
        {
            // Cannot happen while at most maxInFlight commands are outstanding; answered rather than lost.
            inFlight.forgetReplicaWait(pending);
            pending.complete(InFlightCommands.failure(ErrorCode.OVERLOADED, "too many commands in flight"));
            return;
        }
        // The client's thread may be parked in its backoff (up to 4 ms): wake it, so the command leaves now.
        LockSupport.unpark(thread);
    }

    /**
     * The member this client runs beside decided the result of command ({@code origin}, {@code number}) as its
     * replica applied it (for a client with {@link ClientSettings#answeredByReplica()}): when it is one of this
     * client's commands still waiting, it is answered with a copy of {@code result}. Called on the member's
     * clustered service thread; commands of other clients are ignored at the cost of one comparison.
     *
     * @param result valid only during the call.
     */
    public void onReplicaAnswer(final long origin, final long number, final CommandResult result)
    {
        if (origin == this.origin)
        {
            inFlight.answerFromReplica(number, result);
        }
    }

    /**
     * Asks the cluster to take a snapshot now (an admin request to the leader).
     *
     * @return true once the leader accepted the request; false when there is no session or it was refused. The
     * snapshot itself follows on every node.
     */
    public CompletableFuture<Boolean> requestSnapshot()
    {
        final CompletableFuture<Boolean> accepted = new CompletableFuture<>();
        tasks.offer(() -> admin.requestSnapshot(session.current(), aeron.nextCorrelationId(), accepted));
        return accepted;
    }

    /**
     * Tells the cluster that member {@code memberId} took a snapshot at {@code logPosition} (best effort, no
     * answer: the caller sends it again until the replicated state shows it).
     */
    public void reportSnapshot(final int memberId, final long logPosition)
    {
        tasks.offer(() -> admin.reportSnapshot(session.current(), memberId, logPosition));
    }

    /** @return the member id of the leader the client last heard of, -1 while it has no session. */
    public int leaderMemberId()
    {
        return session.leaderMemberId();
    }

    /**
     * @return how many ingress messages were offered: a command alone, or several in one batch when more than one
     * waited to be sent.
     */
    public long messagesOffered()
    {
        return inFlight.messagesOffered();
    }

    /**
     * @return true while the session reaches the leader over IPC (the member this client runs beside leads), false
     * over UDP or without a session.
     */
    public boolean viaIpc()
    {
        return session.viaIpc();
    }

    /** @return how many times commands were sent again (after a new leader, a reconnect or a missing answer). */
    public long resends()
    {
        return inFlight.resends();
    }

    private void run()
    {
        final IdleStrategy idle = AgentIdle.strategy();
        while (running)
        {
            final long now = System.nanoTime();
            int work = 0;
            try
            {
                work = doWork(now);
            }
            catch (final RuntimeException ex)
            {
                // The session is in an unknown state: drop it and open another; what is in flight is resent.
                LOG.warn("event=cluster_client_error action=reconnect error=\"{}\"", ex.toString(), ex);
                session.drop(now);
            }
            if (now - lastScanNanos >= SCAN_NANOS)
            {
                lastScanNanos = now;
                inFlight.scan(now);
            }
            idle.idle(work);
        }
        session.close();
        failEverything();
    }

    private int doWork(final long now)
    {
        int work = session.doWork(now);
        work += inFlight.takeAll(submitted);
        work += runTasks();
        final AeronCluster cluster = session.current();
        if (cluster != null)
        {
            work += inFlight.sendQueued(cluster, now);
        }
        return work;
    }

    private int runTasks()
    {
        int ran = 0;
        Runnable task;
        while ((task = tasks.poll()) != null)
        {
            task.run();
            ran++;
        }
        return ran;
    }

    @Override
    public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        if (!replies.wrap(buffer, offset, length) || replies.origin() != origin)
        {
            return;
        }
        if (!inFlight.awaits(replies.number()))
        {
            return; // the answer to a command resent and already answered
        }
        final CommandResult result = new CommandResult();
        try
        {
            replies.decodeInto(result);
        }
        catch (final RuntimeException ex)
        {
            result.clear();
            result.fail(ErrorCode.INTERNAL, "the cluster's answer could not be read");
        }
        inFlight.answer(replies.number(), result);
    }

    @Override
    public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
        final String ingressEndpoints)
    {
        session.onNewLeader(leaderMemberId);
        LOG.info("event=cluster_new_leader leader={} term={} inFlight={}", leaderMemberId, leadershipTermId,
            inFlight.size());
        inFlight.resendAll();
    }

    @Override
    public void onAdminResponse(final long clusterSessionId, final long correlationId,
        final AdminRequestType requestType, final AdminResponseCode responseCode, final String message,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        admin.onAdminResponse(correlationId, responseCode, message);
    }

    private void failEverything()
    {
        inFlight.takeAll(submitted);
        inFlight.failAll(ErrorCode.OVERLOADED, "the client is closed");
        admin.abandon();
        Runnable task;
        while ((task = tasks.poll()) != null)
        {
            task.run();
        }
    }

    /** Stops the client thread, answers what is in flight ERR_OVERLOADED, and closes the driver it runs. */
    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive())
        {
            failEverything(); // what was sent while the thread was stopping
        }
        driver.close();
    }
}
