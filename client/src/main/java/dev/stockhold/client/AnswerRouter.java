package dev.stockhold.client;

import dev.stockhold.client.sbe.ChangeEventDecoder;
import dev.stockhold.client.sbe.ChannelChangeEventDecoder;
import org.agrona.DirectBuffer;

import java.util.List;

/**
 * Takes each answer of a client's connections, on the event loop: a raw client's go straight to its listener;
 * otherwise the answer to a connection's Authenticate makes it ready (or refused), a change event goes to its
 * subscription, and any other answer completes the request it answers.
 */
final class AnswerRouter implements Link.Answers
{
    private static final System.Logger LOG = System.getLogger(AnswerRouter.class.getName());

    private final ClientSettings settings;
    private final Session session;
    private final Requests requests;

    AnswerRouter(final ClientSettings settings, final Session session, final Requests requests)
    {
        this.settings = settings;
        this.session = session;
        this.requests = requests;
    }

    @Override
    public int onAnswer(final Link from, final ReplyDecoder decoder, final DirectBuffer buffer, final int offset)
    {
        final ReplyListener raw = settings.replyListener();
        if (raw != null && from.ready)
        {
            decoder.scan(buffer, offset);
            raw.onReply(decoder.correlationId(), decoder.templateId(), decoder.errorWireCode());
            return decoder.end();
        }
        final Object answer = decoder.decode(buffer, offset);
        final long correlationId = decoder.correlationId();
        if (from.authCorrelationId == correlationId && !from.ready)
        {
            onAuthenticated(from, (Result)answer);
            return decoder.end();
        }
        final int templateId = decoder.templateId();
        if (templateId == ChangeEventDecoder.TEMPLATE_ID || templateId == ChannelChangeEventDecoder.TEMPLATE_ID)
        {
            final Subscription subscription = requests.subscription(correlationId);
            if (subscription != null)
            {
                subscription.deliver(answer);
            }
            return decoder.end();
        }
        final Pending pending = requests.answered(correlationId, (Result)answer);
        if (pending != null)
        {
            if (pending.future == null && !(answer instanceof Result.Subscribed))
            {
                LOG.log(System.Logger.Level.WARNING, "event=client_resubscribe_refused remote=" + settings.remote()
                    + " answer=" + answer);
                if (settings.resumeRefused() != null)
                {
                    settings.resumeRefused().accept((Result)answer);
                }
            }
            pending.complete((Result)answer);
        }
        return decoder.end();
    }

    private void onAuthenticated(final Link from, final Result answer)
    {
        if (answer instanceof Result.Authenticated)
        {
            session.onReady(from);
            return;
        }
        if (answer instanceof Result.Failure failure && failure.error() != ResultCode.UNAUTHORIZED
            && failure.error() != ResultCode.FORBIDDEN)
        {
            // The server could not check the key now (stopping, overloaded): not a refusal; the backoff tries again.
            session.onNotAuthenticated(from, new ConnectionLostException("connection to " + settings.remote()
                + " not authenticated: " + failure.error().code()));
            return;
        }
        session.onNotAuthenticated(from, new AuthenticationException(answer instanceof Result.Failure refusal
            ? refusal : new Result.Failure(0, ResultCode.INTERNAL, String.valueOf(answer), List.of())));
    }
}
