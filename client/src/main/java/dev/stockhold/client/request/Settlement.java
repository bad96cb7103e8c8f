package dev.stockhold.client.request;

/** What a {@link SettleRequest} does with the locked quantity: its number is the protocol's SettleAction. */
public enum Settlement
{
    /** Gives the quantity back to available stock (the order will not ship). */
    RELEASE(2),
    /** Takes the quantity out of on-hand (the order shipped). */
    DEDUCT(3),
    /** Puts deducted quantity back on hand (the goods came back). */
    RETURN(4);

    private final int wireCode;

    Settlement(final int wireCode)
    {
        this.wireCode = wireCode;
    }

    /** @return the protocol's SettleAction value. */
    public int wireCode()
    {
        return wireCode;
    }
}
