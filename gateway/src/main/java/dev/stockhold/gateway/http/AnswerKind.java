package dev.stockhold.gateway.http;

/** Which JSON document answers a request, beyond what the command type says. */
enum AnswerKind
{
    /** One level: PUT, adjust, receive, GET of a cell. */
    LEVEL,
    /** The SKU summary of {@code GET /v1/stock/{sku}}. */
    SKU,
    /** The {@code {"items":[…]}} of a batch. */
    ITEMS,
    /** A reservation answered 201, or 200 with Idempotent-Replay for a repeat. */
    LOCK,
    /** A reservation answered 200. */
    RESERVATION,
    /** A channel's rules (PUT or GET of a channel). */
    CHANNEL,
    /**
     * A channel feed's start: the read of its channel takes the stream's place in the engine order; found,
     * the connection becomes the stream, else the read's error answers it.
     */
    CHANNEL_FEED,
    /** The {@code {"channels":[…]}} of {@code GET /v1/channels}. */
    CHANNELS,
    /** A listing (bind, unbind, read). */
    LISTING,
    /** A channel's push progress ({@code GET /v1/channels/{channel}/push}). */
    PUSH,
    /** A kit (PUT or GET). */
    KIT,
    /** A channel's allocation of a cell (PUT or GET). */
    ALLOCATION,
    /** The node's place in its cluster with the digest a read took ({@code GET /v1/cluster}). */
    CLUSTER
}
