package dev.stockhold.gateway.push;

import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.PushView;
import dev.stockhold.engine.command.PushedListings;

/**
 * A channel's next delivery as the engine answered NEXT_DELIVERY, copied off the ring slot for the push thread:
 * where it goes, the channel's rate, its progress, and the listings to send (none when it is caught up).
 * {@code url} is null when the read failed or the channel no longer pushes.
 */
record Delivery(String url, String secret, long ratePerSecond, long burst, long pending, long lagMillis,
    long acknowledgedSeq, PushedListings listings)
{
    static Delivery of(final CommandResult result)
    {
        final PushedListings listings = new PushedListings();
        if (!result.isOk())
        {
            return new Delivery(null, null, 0, 0, 0, 0, 0, listings);
        }
        final PushView view = result.push();
        listings.copyFrom(view.listings());
        return new Delivery(view.url(), view.secret(), view.ratePerSecond(), view.burst(), view.pendingListings(),
            view.lagMillis(), view.acknowledgedSeq(), listings);
    }
}
