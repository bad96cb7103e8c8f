package dev.stockhold.loadtest.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the HTTP API's answers (docs/api.md) into {@link Answer}s. Thread-safe. */
final class HttpAnswers
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpAnswers()
    {
    }

    /**
     * @param status         the HTTP status.
     * @param sequenceHeader the {@code Stockhold-Seq} header, or null.
     * @param replayHeader   the {@code Idempotent-Replay} header, or null.
     * @param text           the body.
     */
    static Answer parse(final int status, final String sequenceHeader, final String replayHeader, final String text)
    {
        final long sequence = sequenceHeader == null ? 0 : Long.parseLong(sequenceHeader.trim());
        final JsonNode body;
        try
        {
            body = JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            return Answer.failure(ErrorCode.INTERNAL, sequence, "unreadable answer (HTTP " + status + "): "
                + ex.getMessage());
        }
        if (status >= 300)
        {
            return Answer.failure(errorCode(body.path("code").asText("")), sequence, body.path("detail").asText(null));
        }
        final boolean replayed = "true".equals(replayHeader);
        if (body.has("orderId"))
        {
            final List<Answer.Line> lines = new ArrayList<>();
            final List<String> sources = new ArrayList<>();
            for (final JsonNode line : body.path("lines"))
            {
                lines.add(new Answer.Line(line.path("sku").asText(), line.path("warehouse").asText(),
                    line.path("quantity").asLong(), line.path("presale").asBoolean(), line.path("deducted").asLong(),
                    line.path("released").asLong(), line.path("returned").asLong()));
                sources.add(ChannelAnswer.lineSource(text(line, "listing"), text(line, "kit")));
            }
            return new Answer(ErrorCode.OK, sequence, replayed, ReservationState.valueOf(body.path("state").asText()),
                lines, List.of(), null, new ChannelAnswer(List.of(), null, null, null, sources));
        }
        final ChannelAnswer channel = ChannelAnswers.parse(body);
        if (channel != ChannelAnswer.NONE)
        {
            return new Answer(ErrorCode.OK, sequence, replayed, null, List.of(), List.of(), null, channel);
        }
        final List<Answer.Level> levels = new ArrayList<>();
        if (body.has("items"))
        {
            body.path("items").forEach(level -> levels.add(level(level)));
        }
        else if (body.has("warehouses"))
        {
            body.path("warehouses").forEach(level -> levels.add(level(level)));
        }
        else if (body.has("onHand"))
        {
            levels.add(level(body));
        }
        return new Answer(ErrorCode.OK, sequence, replayed, null, List.of(), levels, null, ChannelAnswer.NONE);
    }

    /** @return the text of {@code field}, or null when it is null or absent. */
    static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    static Answer.Level level(final JsonNode level)
    {
        return new Answer.Level(level.path("sku").asText(), level.path("warehouse").asText(),
            level.path("onHand").asLong(), level.path("reserved").asLong(), level.path("inTransit").asLong(),
            level.path("presaleReserved").asLong(), level.path("safetyStock").asLong(), level.path("version").asLong());
    }

    /** @return the change event's sequence and levels: {@code {"seq":n,"at":…,"levels":[…]}}. */
    static JsonNode readTree(final String json) throws IOException
    {
        return JSON.readTree(json);
    }

    static ErrorCode errorCode(final String code)
    {
        for (final ErrorCode candidate : ErrorCode.values())
        {
            if (candidate.code().equals(code))
            {
                return candidate;
            }
        }
        return ErrorCode.INTERNAL;
    }
}
