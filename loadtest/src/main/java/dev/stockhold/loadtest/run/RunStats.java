package dev.stockhold.loadtest.run;

import dev.stockhold.engine.command.CommandType;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.loadtest.targets.Answer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of a run's requests and answers. Rejections the business expects (a lock that does not fit,
 * ERR_INSUFFICIENT_STOCK) are counted apart from errors. Thread-safe.
 */
public final class RunStats
{
    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
    private final Map<CommandType, LongAdder> okByType = new EnumMap<>(CommandType.class);

    public RunStats()
    {
        for (final ErrorCode code : ErrorCode.values())
        {
            errors.put(code, new LongAdder());
        }
        for (final CommandType type : CommandType.values())
        {
            okByType.put(type, new LongAdder());
        }
    }

    /** A request left. */
    public void onSent()
    {
        sent.increment();
        inFlight.incrementAndGet();
    }

    /** Its answer came back (or was lost). */
    public void onAnswered(final CommandType type, final Answer answer)
    {
        inFlight.decrementAndGet();
        if (answer.isLost())
        {
            lost.increment();
        }
        else if (answer.isOk())
        {
            ok.increment();
            okByType.get(type).increment();
        }
        else if (answer.code() == ErrorCode.INSUFFICIENT_STOCK)
        {
            rejected.increment();
        }
        else
        {
            errors.get(answer.code()).increment();
        }
    }

    public long sent()
    {
        return sent.sum();
    }

    public long ok()
    {
        return ok.sum();
    }

    public long ok(final CommandType type)
    {
        return okByType.get(type).sum();
    }

    public long rejected()
    {
        return rejected.sum();
    }

    /** @return answers that were errors other than insufficient stock, plus lost answers. */
    public long errors()
    {
        long total = lost.sum();
        for (final LongAdder count : errors.values())
        {
            total += count.sum();
        }
        return total;
    }

    public long inFlight()
    {
        return inFlight.get();
    }

    /** @return e.g. {@code ERR_OVERLOADED=3 LOST=1}, or "none". */
    public String errorBreakdown()
    {
        final StringBuilder out = new StringBuilder();
        errors.forEach((code, count) ->
        {
            if (count.sum() > 0)
            {
                out.append(code.code()).append('=').append(count.sum()).append(' ');
            }
        });
        if (lost.sum() > 0)
        {
            out.append("LOST=").append(lost.sum());
        }
        return out.length() == 0 ? "none" : out.toString().trim();
    }
}
