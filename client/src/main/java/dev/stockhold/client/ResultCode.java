package dev.stockhold.client;

/**
 * The outcome of a request as the binary protocol carries it: {@link #OK} or the code of an ErrorResult.
 * Each constant has the protocol's number ({@link #wireCode()}) and name ({@link #code()}, as the HTTP API
 * writes it); docs/api.md lists what each means.
 */
public enum ResultCode
{
    OK(0, "OK"),
    INVALID_REQUEST(1, "ERR_INVALID_REQUEST"),
    INVALID_QUANTITY(2, "ERR_INVALID_QUANTITY"),
    SKU_NOT_FOUND(3, "ERR_SKU_NOT_FOUND"),
    ORDER_NOT_FOUND(4, "ERR_ORDER_NOT_FOUND"),
    NOT_FOUND(5, "ERR_NOT_FOUND"),
    METHOD_NOT_ALLOWED(6, "ERR_METHOD_NOT_ALLOWED"),
    INSUFFICIENT_STOCK(7, "ERR_INSUFFICIENT_STOCK"),
    ORDER_CONFLICT(8, "ERR_ORDER_CONFLICT"),
    INVALID_STATE(9, "ERR_INVALID_STATE"),
    NOT_RECEIVED(10, "ERR_NOT_RECEIVED"),
    RESERVATION_EXPIRED(11, "ERR_RESERVATION_EXPIRED"),
    VERSION_CONFLICT(12, "ERR_VERSION_CONFLICT"),
    IDEMPOTENCY_KEY_REUSED(13, "ERR_IDEMPOTENCY_KEY_REUSED"),
    GONE(14, "ERR_GONE"),
    PAYLOAD_TOO_LARGE(15, "ERR_PAYLOAD_TOO_LARGE"),
    UNAUTHORIZED(16, "ERR_UNAUTHORIZED"),
    FORBIDDEN(17, "ERR_FORBIDDEN"),
    OVERLOADED(18, "ERR_OVERLOADED"),
    INTERNAL(19, "ERR_INTERNAL"),
    RATE_LIMITED(20, "ERR_RATE_LIMITED"),
    CHANNEL_NOT_FOUND(21, "ERR_CHANNEL_NOT_FOUND"),
    LISTING_NOT_FOUND(22, "ERR_LISTING_NOT_FOUND");

    private static final ResultCode[] BY_WIRE_CODE = new ResultCode[64];

    static
    {
        // By the explicit number, never by declaration order: the number is the protocol.
        for (final ResultCode result : values())
        {
            BY_WIRE_CODE[result.wireCode] = result;
        }
    }

    private final int wireCode;
    private final String code;

    ResultCode(final int wireCode, final String code)
    {
        this.wireCode = wireCode;
        this.code = code;
    }

    /** @return the number an ErrorResult carries (0 for success). */
    public int wireCode()
    {
        return wireCode;
    }

    /** @return the stable name, e.g. {@code ERR_INSUFFICIENT_STOCK}, the same as the HTTP API's. */
    public String code()
    {
        return code;
    }

    /**
     * @return the code of {@code wireCode}, or {@link #INTERNAL} for a number this client does not know (a
     * newer server's): the request failed, for a reason this client cannot name.
     */
    public static ResultCode fromWireCode(final int wireCode)
    {
        final ResultCode known = wireCode >= 0 && wireCode < BY_WIRE_CODE.length ? BY_WIRE_CODE[wireCode] : null;
        return known == null ? INTERNAL : known;
    }
}
