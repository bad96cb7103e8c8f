package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.gateway.security.Scope;
import io.netty.handler.codec.http.HttpMethod;

import java.io.IOException;
import java.util.Objects;

/**
 * One row of the API's map ({@link Routes}): a method on a path pattern, the scope a key needs (null: no key)
 * and how the request is handled. Either a {@link CommandDecoder} fills an engine command, whose answer is
 * encoded as {@code answer} once the engine has run it, or a {@link LocalAnswer} answers on the event loop.
 *
 * @param method  the HTTP method (HEAD is served by the GET row).
 * @param path    the pattern: literal segments and {@code {name}} parameters, checked by {@link PathParameter}.
 * @param scope   the scope a key needs, or null for the operational endpoints that need none.
 * @param decoder how the request becomes an engine command; null for a local answer.
 * @param answer  how the engine's answer is encoded; null for a local answer.
 * @param local   the answer given without the engine; null for an engine request.
 */
record RouteSpec(HttpMethod method, String path, Scope scope, CommandDecoder decoder, AnswerKind answer,
    LocalAnswer local)
{
    /** Fills the command of a request; runs on an event loop with the exchange's parameters and body. */
    @FunctionalInterface
    interface CommandDecoder
    {
        /** @throws RejectedRequest for a request that breaks a rule; IOException for malformed JSON. */
        void decode(HttpExchange exchange, Command command) throws IOException;
    }

    /** Answers a request on its event loop, without a command of its own in the engine's order. */
    @FunctionalInterface
    interface LocalAnswer
    {
        void answer(HttpExchange exchange);
    }

    RouteSpec
    {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        if ((decoder == null) == (local == null) || (decoder == null) != (answer == null))
        {
            throw new IllegalArgumentException(method + " " + path + ": an engine decoder with its answer, or a local"
                + " answer");
        }
    }

    /** @return a row whose request becomes an engine command, answered as {@code answer}. */
    static RouteSpec engine(final HttpMethod method, final String path, final Scope scope,
        final CommandDecoder decoder, final AnswerKind answer)
    {
        return new RouteSpec(method, path, scope, decoder, answer, null);
    }

    /** @return a row answered on the event loop. */
    static RouteSpec local(final HttpMethod method, final String path, final Scope scope, final LocalAnswer local)
    {
        return new RouteSpec(method, path, scope, null, null, local);
    }

    /** @return true when the request is answered without a command of its own. */
    boolean isLocal()
    {
        return local != null;
    }
}
