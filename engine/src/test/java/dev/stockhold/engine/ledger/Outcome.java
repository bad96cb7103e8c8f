package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.ReservationState;
import dev.stockhold.engine.model.ModelChannelViews;
import dev.stockhold.engine.model.ModelLevel;
import dev.stockhold.engine.model.ModelResult;
import dev.stockhold.engine.model.ModelShortLine;
import dev.stockhold.engine.model.ModelView;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One answer of the ledger under test, with assertions that read like the spec. */
public final class Outcome
{
    private final ModelResult result;

    Outcome(final ModelResult result)
    {
        this.result = result;
    }

    public ModelResult result()
    {
        return result;
    }

    /** Asserts success and @return this. */
    public Outcome ok()
    {
        assertEquals(ErrorCode.OK, result.code(), () -> "expected OK: " + result);
        return this;
    }

    /** Asserts the error code, that nothing changed, and @return this. */
    public Outcome fails(final ErrorCode code)
    {
        assertEquals(code, result.code(), () -> "expected " + code + ": " + result);
        assertTrue(result.changes().isEmpty(), () -> "a failed command changed cells: " + result);
        assertTrue(result.published().isEmpty(), () -> "a failed command changed published quantities: " + result);
        return this;
    }

    public Outcome replayed()
    {
        assertTrue(result.replayed(), () -> "expected a replay: " + result);
        assertTrue(result.changes().isEmpty(), () -> "a replay changed cells: " + result);
        return this;
    }

    public Outcome fresh()
    {
        assertFalse(result.replayed(), () -> "expected a fresh answer: " + result);
        return this;
    }

    public Outcome state(final ReservationState state)
    {
        assertEquals(state, view().state(), () -> "state of " + result);
        return this;
    }

    public Outcome noChanges()
    {
        assertTrue(result.changes().isEmpty(), () -> "expected no changes: " + result);
        return this;
    }

    /** Asserts exactly these cells changed, in this order (sku/warehouse names only). */
    public Outcome changed(final String... cells)
    {
        final List<String> names = result.changes().stream().map(l -> l.sku() + "/" + l.warehouse()).toList();
        assertEquals(List.of(cells), names, () -> "changed cells of " + result);
        return this;
    }

    public ModelView view()
    {
        assertNotNull(result.reservation(), () -> "no reservation in " + result);
        return result.reservation();
    }

    public ModelView.Line line(final int i)
    {
        return view().lines().get(i);
    }

    public List<ModelLevel> levels()
    {
        return result.levels();
    }

    public ModelLevel level()
    {
        assertEquals(1, result.levels().size(), () -> "expected one level: " + result);
        return result.levels().get(0);
    }

    public List<ModelLevel> changes()
    {
        return result.changes();
    }

    public List<ModelShortLine> shortLines()
    {
        return result.shortLines();
    }

    public long sequence()
    {
        return result.sequence();
    }

    /** @return the listings whose published quantity changed, as "channel/listing=published" in feed order. */
    public List<String> published()
    {
        return result.published().stream().map(p -> p.channel() + "/" + p.listingId() + "=" + p.published()).toList();
    }

    /** Asserts the channel feed's record lists exactly these "channel/listing=published" entries, in order. */
    public Outcome publishedChanges(final String... entries)
    {
        assertEquals(List.of(entries), published(), () -> "published changes of " + result);
        return this;
    }

    public ModelChannelViews.Listing listing()
    {
        assertNotNull(result.channelPart().listing(), () -> "no listing in " + result);
        return result.channelPart().listing();
    }

    public List<ModelChannelViews.Channel> channels()
    {
        return result.channelPart().channels();
    }

    public ModelChannelViews.Kit kit()
    {
        assertNotNull(result.channelPart().kit(), () -> "no kit in " + result);
        return result.channelPart().kit();
    }

    public ModelChannelViews.Allocation allocation()
    {
        assertNotNull(result.channelPart().allocation(), () -> "no allocation in " + result);
        return result.channelPart().allocation();
    }

    @Override
    public String toString()
    {
        return result.toString();
    }
}
