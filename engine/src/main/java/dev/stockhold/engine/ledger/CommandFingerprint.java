package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.CodeList;
import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.StockItems;

/**
 * A hash of what a command asks for (type and payload, not the header, every character of every string),
 * to tell a repeat of an idempotency key from another request sent under the same key.
 */
final class CommandFingerprint
{
    private CommandFingerprint()
    {
    }

    static long of(final Command command)
    {
        long hash = Hashing.mix(Hashing.SEED, command.type.code());
        hash = Hashing.mix(hash, command.orderId);
        hash = Hashing.mix(hash, command.channel);
        hash = Hashing.mix(hash, command.ttlSeconds);
        hash = Hashing.mix(hash, (command.allowPresale ? 1 : 0) | (command.allowSplit ? 2 : 0));
        final OrderLines lines = command.lines;
        hash = Hashing.mix(hash, lines.count());
        for (int i = 0; i < lines.count(); i++)
        {
            hash = Hashing.mix(hash, lines.sku(i));
            hash = Hashing.mix(hash, lines.listing(i));
            hash = Hashing.mix(hash, lines.warehouse(i));
            hash = Hashing.mix(hash, lines.quantity(i));
        }
        final StockItems items = command.items;
        hash = Hashing.mix(hash, items.count());
        for (int i = 0; i < items.count(); i++)
        {
            hash = Hashing.mix(hash, items.sku(i));
            hash = Hashing.mix(hash, items.warehouse(i));
            hash = Hashing.mix(hash, items.onHand(i));
            hash = Hashing.mix(hash, items.inTransit(i));
            hash = Hashing.mix(hash, items.safetyStock(i));
            hash = Hashing.mix(hash, items.expectedVersion(i));
        }
        hash = Hashing.mix(hash, command.sku);
        hash = Hashing.mix(hash, command.warehouse);
        hash = Hashing.mix(hash, command.onHandDelta);
        hash = Hashing.mix(hash, command.inTransitDelta);
        hash = Hashing.mix(hash, command.safetyStockDelta);
        hash = Hashing.mix(hash, command.reason);
        hash = Hashing.mix(hash, command.quantity);
        hash = Hashing.mix(hash, command.listing);
        final CodeList warehouses = command.channelWarehouses;
        hash = Hashing.mix(hash, warehouses.isPresent() ? warehouses.count() : -1);
        for (int i = 0; i < warehouses.count(); i++)
        {
            hash = Hashing.mix(hash, warehouses.get(i));
        }
        hash = Hashing.mix(hash, command.bufferUnits);
        hash = Hashing.mix(hash, command.percent);
        hash = Hashing.mix(hash, command.maxUnits);
        hash = Hashing.mix(hash, command.pushUrl);
        hash = Hashing.mix(hash, command.pushSecret);
        hash = Hashing.mix(hash, command.pushRatePerSecond);
        hash = Hashing.mix(hash, command.pushBurst);
        return Hashing.mix(hash, command.pushMaxListings);
    }
}
