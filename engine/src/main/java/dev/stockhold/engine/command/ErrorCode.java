package dev.stockhold.engine.command;

/**
 * Every outcome a caller can see, defined once and used by the engine, the gateway and the docs.
 * <p>
 * {@link #OK} is success; every other value is an error with a stable {@link #code()} string, the HTTP
 * status the API answers it with, a title and the slug of its RFC 9457 problem type. The numeric
 * {@link #wireCode()} is stable for the binary protocol and the journal.
 */
public enum ErrorCode
{
    OK(0, 200, "OK", "OK", "ok"),
    INVALID_REQUEST(1, 400, "ERR_INVALID_REQUEST", "Invalid request", "invalid-request"),
    INVALID_QUANTITY(2, 400, "ERR_INVALID_QUANTITY", "Invalid quantity", "invalid-quantity"),
    SKU_NOT_FOUND(3, 404, "ERR_SKU_NOT_FOUND", "SKU not found", "sku-not-found"),
    ORDER_NOT_FOUND(4, 404, "ERR_ORDER_NOT_FOUND", "Order not found", "order-not-found"),
    NOT_FOUND(5, 404, "ERR_NOT_FOUND", "Not found", "not-found"),
    METHOD_NOT_ALLOWED(6, 405, "ERR_METHOD_NOT_ALLOWED", "Method not allowed", "method-not-allowed"),
    INSUFFICIENT_STOCK(7, 409, "ERR_INSUFFICIENT_STOCK", "Insufficient stock", "insufficient-stock"),
    ORDER_CONFLICT(8, 409, "ERR_ORDER_CONFLICT", "Order conflict", "order-conflict"),
    INVALID_STATE(9, 409, "ERR_INVALID_STATE", "Invalid state", "invalid-state"),
    NOT_RECEIVED(10, 409, "ERR_NOT_RECEIVED", "Stock not received", "not-received"),
    RESERVATION_EXPIRED(11, 409, "ERR_RESERVATION_EXPIRED", "Reservation expired", "reservation-expired"),
    VERSION_CONFLICT(12, 409, "ERR_VERSION_CONFLICT", "Version conflict", "version-conflict"),
    IDEMPOTENCY_KEY_REUSED(13, 422, "ERR_IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
        "idempotency-key-reused"),
    GONE(14, 410, "ERR_GONE", "Gone", "gone"),
    PAYLOAD_TOO_LARGE(15, 413, "ERR_PAYLOAD_TOO_LARGE", "Payload too large", "payload-too-large"),
    UNAUTHORIZED(16, 401, "ERR_UNAUTHORIZED", "Unauthorized", "unauthorized"),
    FORBIDDEN(17, 403, "ERR_FORBIDDEN", "Forbidden", "forbidden"),
    OVERLOADED(18, 503, "ERR_OVERLOADED", "Overloaded", "overloaded"),
    INTERNAL(19, 500, "ERR_INTERNAL", "Internal error", "internal"),
    RATE_LIMITED(20, 429, "ERR_RATE_LIMITED", "Too many requests", "rate-limited"),
    CHANNEL_NOT_FOUND(21, 404, "ERR_CHANNEL_NOT_FOUND", "Channel not found", "channel-not-found"),
    LISTING_NOT_FOUND(22, 404, "ERR_LISTING_NOT_FOUND", "Listing not found", "listing-not-found");

    private static final ErrorCode[] BY_WIRE_CODE = new ErrorCode[64];

    static
    {
        // By the explicit number, never by declaration order: a reordered or inserted constant keeps its code.
        for (final ErrorCode error : values())
        {
            if (BY_WIRE_CODE[error.wireCode] != null)
            {
                throw new ExceptionInInitializerError("wire code " + error.wireCode + " used twice");
            }
            BY_WIRE_CODE[error.wireCode] = error;
        }
    }

    private final int wireCode;
    private final int httpStatus;
    private final String code;
    private final String title;
    private final String typeSlug;

    ErrorCode(final int wireCode, final int httpStatus, final String code, final String title, final String typeSlug)
    {
        this.wireCode = wireCode;
        this.httpStatus = httpStatus;
        this.code = code;
        this.title = title;
        this.typeSlug = typeSlug;
    }

    /** @return the stable number of this outcome in binary frames and journal entries. */
    public int wireCode()
    {
        return wireCode;
    }

    /** @return the HTTP status the API answers with. */
    public int httpStatus()
    {
        return httpStatus;
    }

    /** @return the stable code string, e.g. {@code ERR_INSUFFICIENT_STOCK}. */
    public String code()
    {
        return code;
    }

    /** @return a short human title for the problem document. */
    public String title()
    {
        return title;
    }

    /** @return the problem type URI of RFC 9457. */
    public String typeUri()
    {
        return "https://stockhold.dev/errors/" + typeSlug;
    }

    /**
     * @param wireCode a number as returned by {@link #wireCode()}.
     * @return the outcome, or null when the number is unknown.
     */
    public static ErrorCode fromWireCode(final int wireCode)
    {
        return wireCode >= 0 && wireCode < BY_WIRE_CODE.length ? BY_WIRE_CODE[wireCode] : null;
    }
}
