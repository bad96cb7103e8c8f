package dev.stockhold.benchmarks;

import dev.stockhold.client.RequestWriter;
import dev.stockhold.client.sbe.BooleanType;
import dev.stockhold.client.sbe.GetStockEncoder;
import dev.stockhold.client.sbe.LockEncoder;
import dev.stockhold.client.sbe.MessageHeaderEncoder;
import dev.stockhold.client.sbe.SettleAction;
import dev.stockhold.client.sbe.SettleEncoder;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The requests of one connection's mix, written field by field into the client's frame: {@link #choose} picks
 * the next request (a lock, the release of the last lock, or a read) and {@link #write} encodes it. Order ids
 * and SKUs are bytes prepared once, so a request allocates nothing. Used by one connection, under its lock.
 */
final class MixRequests implements RequestWriter
{
    private static final int LOCK = 0;
    private static final int RELEASE = 1;
    private static final int READ = 2;

    private final int skuCount;
    private final int lineCount;
    private final byte[][] skus;
    private final byte[] anyWarehouse = new byte[0];
    private final byte[] warehouse = "WH1".getBytes(StandardCharsets.US_ASCII);
    private final byte[] orderId = new byte[64];
    private final int prefixLength;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final LockEncoder lock = new LockEncoder();
    private final SettleEncoder settle = new SettleEncoder();
    private final GetStockEncoder getStock = new GetStockEncoder();
    private final boolean read;
    private final boolean release;
    private int kind;
    private int sku;
    private int orderIdLength;
    private long order;

    /** Prepares the SKUs' bytes and the order ids' {@code prefix} of {@code options}' mix. */
    MixRequests(final DriverOptions options, final String prefix)
    {
        this.skuCount = options.skus;
        this.lineCount = options.lines;
        this.skus = new byte[options.skus][];
        for (int i = 0; i < options.skus; i++)
        {
            skus[i] = BinaryLoopbackDriver.sku(i).getBytes(StandardCharsets.US_ASCII);
        }
        final byte[] prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefixBytes, 0, orderId, 0, prefixBytes.length);
        this.prefixLength = prefixBytes.length;
        this.read = options.mix.equals("read");
        this.release = options.mix.equals("lock");
    }

    /** Chooses the request that follows the {@code sent} requests before it; {@link #write} then encodes it. */
    void choose(final long sent)
    {
        if (read)
        {
            kind = READ;
            sku = (int)(sent % skuCount);
        }
        else if (release && (sent & 1) == 1)
        {
            kind = RELEASE;
        }
        else
        {
            kind = LOCK;
            sku = (int)(order % skuCount);
            formatOrderId(order++);
        }
    }

    /** Writes the request {@link #choose} chose; called by the client under its lock, on that thread. */
    @Override
    public int write(final long correlationId, final MutableDirectBuffer buffer, final int offset)
    {
        switch (kind)
        {
            case LOCK:
                lock.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId).ttlSeconds(0)
                    .allowPresale(BooleanType.FALSE).allowSplit(BooleanType.FALSE);
                final LockEncoder.LinesEncoder lines = lock.linesCount(lineCount);
                lines.next().quantity(1).putSku(skus[sku], 0, skus[sku].length)
                    .putWarehouse(warehouse, 0, warehouse.length).putListing(anyWarehouse, 0, 0);
                if (lineCount == 2)
                {
                    final byte[] second = skus[(sku + 1) % skus.length];
                    lines.next().quantity(1).putSku(second, 0, second.length)
                        .putWarehouse(anyWarehouse, 0, 0).putListing(anyWarehouse, 0, 0);
                }
                lock.putOrderId(orderId, 0, orderIdLength).putChannel(anyWarehouse, 0, 0)
                    .putIdempotencyKey(anyWarehouse, 0, 0);
                return MessageHeaderEncoder.ENCODED_LENGTH + lock.encodedLength();
            case RELEASE:
                settle.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId)
                    .action(SettleAction.RELEASE).linesCount(0);
                settle.putOrderId(orderId, 0, orderIdLength).putIdempotencyKey(anyWarehouse, 0, 0);
                return MessageHeaderEncoder.ENCODED_LENGTH + settle.encodedLength();
            default:
                getStock.wrapAndApplyHeader(buffer, offset, header).correlationId(correlationId)
                    .putSku(skus[sku], 0, skus[sku].length).putWarehouse(warehouse, 0, warehouse.length);
                return MessageHeaderEncoder.ENCODED_LENGTH + getStock.encodedLength();
        }
    }

    /** The order id: the connection's prefix and {@code number} in decimal, written in place. */
    private void formatOrderId(final long number)
    {
        int digits = 1;
        for (long rest = number / 10; rest > 0; rest /= 10)
        {
            digits++;
        }
        long rest = number;
        for (int i = prefixLength + digits - 1; i >= prefixLength; i--)
        {
            orderId[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
        orderIdLength = prefixLength + digits;
    }
}
