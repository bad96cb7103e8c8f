package dev.stockhold.engine.ledger;

/**
 * One listing of a pushing channel that the channel has not acknowledged yet: its latest published value
 * (latest wins), the sequence that produced it, and what the channel last acknowledged, which says whether it
 * is a decrease. Linked into two chains of its {@link PushQueue}: its kind (decreases, increases or dead
 * letters) and, while it flows, the age chain that answers the lag. Pooled by its queue. Ledger thread only.
 */
final class PushEntry
{
    /** The {@link #acknowledged} of a listing whose value the channel has never acknowledged. */
    static final long NEVER = -1;

    String listingId;
    /** The SKU or kit code the listing is bound to, or was last bound to once unbound. */
    String sku;
    long published;
    long sequence;
    long acknowledged;
    /** When the oldest change the channel has not acknowledged happened. */
    long firstAtMillis;
    /** When the latest change happened. */
    long lastAtMillis;
    /** The HTTP status that parked it, 0 while it flows. */
    int deadStatus;
    long deadAtMillis;

    /** Which kind chain holds it: {@link PushQueue#DECREASES}, {@link PushQueue#INCREASES}, {@link PushQueue#DEAD}. */
    int kind;
    PushEntry previous;
    PushEntry next;
    PushEntry older;
    PushEntry newer;
    boolean aged;

    /** @return true when its value is below what the channel last acknowledged: it goes first. */
    boolean isDecrease()
    {
        return acknowledged != NEVER && published < acknowledged;
    }
}
