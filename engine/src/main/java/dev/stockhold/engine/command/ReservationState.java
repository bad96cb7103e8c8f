package dev.stockhold.engine.command;

/**
 * The state of a reservation, derived from its lines (see docs/design.md, Reservation states).
 */
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
    EXPIRED
}
