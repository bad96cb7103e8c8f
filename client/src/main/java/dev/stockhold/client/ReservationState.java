package dev.stockhold.client;

/** Where a reservation is in its life, as the protocol's ReservationResult carries it (by number). */
public enum ReservationState
{
    /** Everything is still open. */
    LOCKED,
    /** Some quantity is open and some was released or deducted. */
    PARTIAL,
    /** Nothing is open; something was deducted and not all of it returned. */
    DEDUCTED,
    /** Nothing is open; everything deducted has been returned. */
    RETURNED,
    /** Nothing is open or deducted; a request released the last open quantity. */
    RELEASED,
    /** Nothing is open or deducted; expiry released the last open quantity. */
    EXPIRED;

    private static final ReservationState[] BY_NUMBER = values();

    /** @return the state with the protocol's number {@code number} (its ReservationStateCode). */
    static ReservationState fromNumber(final int number)
    {
        return BY_NUMBER[number];
    }
}
