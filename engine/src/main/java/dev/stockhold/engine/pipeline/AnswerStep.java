package dev.stockhold.engine.pipeline;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.ErrorCode;

/**
 * The responder as the pipeline drives it, in either thread layout: it runs only after the ledger and the
 * journaler have passed a command. A command at or after the engine's failed sequence is answered
 * ERR_INTERNAL (its outcome is unknown to the client: it may or may not be in the journal), and its
 * result carries no changes, so no change event is logged for it. If the responder itself throws, the
 * engine fails from that command on and the command's {@link Reply} is still answered, directly: a
 * client hears ERR_INTERNAL at once rather than waiting for a time-out.
 * <p>
 * Thread: the responder's own (the single engine thread in {@link ThreadLayout#SINGLE}).
 */
final class AnswerStep
{
    private static final System.Logger LOG = System.getLogger(AnswerStep.class.getName());

    private final CommandStage responder;
    private final EngineFailure failure;

    AnswerStep(final CommandStage responder, final EngineFailure failure)
    {
        this.responder = responder;
        this.failure = failure;
    }

    void answer(final Command command, final boolean endOfBatch)
    {
        if (command.sequence >= failure.failedFromSequence())
        {
            markFailed(command);
        }
        try
        {
            responder.onCommand(command, endOfBatch);
        }
        catch (final Throwable ex)
        {
            failure.fail("responder", command.sequence, ex);
            markFailed(command);
            replyDirectly(command, endOfBatch);
        }
    }

    private void markFailed(final Command command)
    {
        final EngineFailure.Report report = failure.report();
        command.result.clear();
        command.result.sequence(command.sequence);
        command.result.fail(ErrorCode.INTERNAL, "the engine stopped after an internal failure ("
            + (report == null ? "unknown" : report.stage()) + "); the outcome of this request is unknown:"
            + " retry it with the same Idempotency-Key once the server is back");
    }

    private static void replyDirectly(final Command command, final boolean endOfBatch)
    {
        if (command.replyTo instanceof Reply reply)
        {
            try
            {
                reply.complete(command, endOfBatch);
            }
            catch (final Throwable ex)
            {
                LOG.log(System.Logger.Level.ERROR, "event=reply_failed sequence=" + command.sequence, ex);
            }
        }
    }

    void onStart()
    {
        responder.onStart();
    }

    void onShutdown()
    {
        try
        {
            responder.onShutdown();
        }
        catch (final Throwable ex)
        {
            LOG.log(System.Logger.Level.ERROR, "event=responder_shutdown_failed", ex);
        }
    }
}
