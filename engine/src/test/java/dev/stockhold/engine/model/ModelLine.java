package dev.stockhold.engine.model;

/** One placed reservation line of the model. */
final class ModelLine
{
    final String sku;
    final String warehouse;
    final long quantity;
    boolean presale;
    long deducted;
    long released;
    long returned;

    ModelLine(final String sku, final String warehouse, final long quantity, final boolean presale)
    {
        this.sku = sku;
        this.warehouse = warehouse;
        this.quantity = quantity;
        this.presale = presale;
    }

    long open()
    {
        return quantity - deducted - released;
    }

    long returnable()
    {
        return deducted - returned;
    }

    boolean isAt(final String sku, final String warehouse)
    {
        return this.sku.equals(sku) && this.warehouse.equals(warehouse);
    }
}
