package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandResult;
import dev.stockhold.engine.command.ErrorCode;
import dev.stockhold.engine.command.KitView;
import dev.stockhold.engine.command.OrderLines;
import dev.stockhold.engine.command.Validation;

/**
 * The kit commands of docs/channels.md: a kit's PUT (1..20 distinct stocked components, quantity 1..1,000
 * each; a stocked code cannot become a kit) and GET. A changed definition applies to later locks only and
 * moves the published quantity of the kit's listings. Ledger thread only.
 */
final class KitCommands
{
    private final StockCells cells;
    private final KitTable kits;
    private final Publisher publisher;
    private final ChannelLimits limits;
    private int[] componentSkus = new int[20];
    private final KitCells walk;

    KitCommands(final StockCells cells, final ChannelState state, final ChannelLimits limits)
    {
        this.cells = cells;
        this.kits = state.kits;
        this.publisher = state.publisher;
        this.limits = limits;
        this.walk = new KitCells(cells, kits);
    }

    void putKit(final Command command)
    {
        final CommandResult result = command.result;
        if (!hasValidComponents(command, result) || !resolveComponents(command, result))
        {
            return;
        }
        final int existing = kits.find(command.sku);
        if (existing == KitTable.MISSING && kits.count() >= limits.maxKits())
        {
            result.fail(ErrorCode.INVALID_REQUEST, "kit limit reached");
            return;
        }
        final int changed = kits.put(command.sku, command.lines, componentSkus);
        if (changed != KitTable.MISSING)
        {
            publisher.refreshKit(changed, result.published());
        }
        copyKit(kits.find(command.sku), result.kit());
    }

    private boolean hasValidComponents(final Command command, final CommandResult result)
    {
        final OrderLines components = command.lines;
        if (!Validation.isCode(command.sku) || components.count() < 1
            || components.count() > limits.maxComponentsPerKit())
        {
            return fail(result, ErrorCode.INVALID_REQUEST, "a kit needs a valid code and 1..20 components");
        }
        for (int i = 0; i < components.count(); i++)
        {
            if (!Validation.isCode(components.sku(i)) || components.warehouse(i) != null
                || components.listing(i) != null)
            {
                return fail(result, ErrorCode.INVALID_REQUEST, "a component names a valid sku and nothing else");
            }
            if (!Validation.isKitQuantity(components.quantity(i)))
            {
                return fail(result, ErrorCode.INVALID_QUANTITY, "a component's quantity must be 1..1000");
            }
            for (int j = 0; j < i; j++)
            {
                if (components.sku(j).equals(components.sku(i)))
                {
                    return fail(result, ErrorCode.INVALID_REQUEST, "components must be distinct");
                }
            }
        }
        return true;
    }

    /** Stocked code, kit components and unknown components, in that order; fills {@link #componentSkus}. */
    private boolean resolveComponents(final Command command, final CommandResult result)
    {
        final OrderLines components = command.lines;
        if (cells.findSku(command.sku) != StockCells.MISSING)
        {
            return fail(result, ErrorCode.INVALID_REQUEST, "a stocked sku cannot become a kit");
        }
        if (componentSkus.length < components.count())
        {
            componentSkus = new int[components.count()];
        }
        final int existing = kits.find(command.sku);
        for (int i = 0; i < components.count(); i++)
        {
            if (kits.find(components.sku(i)) != KitTable.MISSING)
            {
                return fail(result, ErrorCode.INVALID_REQUEST, "a component cannot be a kit");
            }
            componentSkus[i] = cells.findSku(components.sku(i));
            if (componentSkus[i] == StockCells.MISSING)
            {
                return fail(result, ErrorCode.SKU_NOT_FOUND, "a component is not a stocked sku");
            }
            if (kits.kitsOfSkuCount(componentSkus[i]) >= limits.maxKitsPerSku() && !isComponent(existing, componentSkus[i]))
            {
                return fail(result, ErrorCode.INVALID_REQUEST, "limit of kits one sku is a component of reached");
            }
        }
        return true;
    }

    private boolean isComponent(final int kit, final int skuId)
    {
        if (kit == KitTable.MISSING)
        {
            return false;
        }
        for (int i = 0; i < kits.componentCount(kit); i++)
        {
            if (kits.componentSku(kit, i) == skuId)
            {
                return true;
            }
        }
        return false;
    }

    void getKit(final Command command)
    {
        final int kit = Validation.isCode(command.sku) ? kits.find(command.sku) : KitTable.MISSING;
        if (kit == KitTable.MISSING)
        {
            command.result.fail(ErrorCode.SKU_NOT_FOUND, "no kit of that code");
            return;
        }
        copyKit(kit, command.result.kit());
    }

    /** The kit's components, and per warehouse where every component has a cell the whole kits available. */
    private void copyKit(final int kit, final KitView view)
    {
        view.set(kits.code(kit), kits.version(kit));
        for (int i = 0; i < kits.componentCount(kit); i++)
        {
            view.addComponent(cells.skuCodeOf(kits.componentSku(kit, i)), kits.componentQuantity(kit, i));
        }
        for (walk.begin(kit); walk.next(); )
        {
            long whole = Long.MAX_VALUE;
            for (int i = 0; i < kits.componentCount(kit); i++)
            {
                whole = Math.min(whole, cells.available(walk.cell(i)) / kits.componentQuantity(kit, i));
            }
            view.addWarehouse(cells.warehouseCode(walk.cell(0)), whole);
        }
    }

    private static boolean fail(final CommandResult result, final ErrorCode code, final String detail)
    {
        result.fail(code, detail);
        return false;
    }
}
