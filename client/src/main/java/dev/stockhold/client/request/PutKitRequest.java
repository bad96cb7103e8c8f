package dev.stockhold.client.request;

import java.util.ArrayList;
import java.util.List;

/** Creates or replaces a kit: a sellable bundle of stocked SKUs, locked together. */
public record PutKitRequest(String kit, List<KitComponent> components, String idempotencyKey) implements Request
{
    public PutKitRequest
    {
        Checks.required(kit, "kit");
        components = Checks.group(components, "components");
        Checks.optional(idempotencyKey, "idempotencyKey");
    }

    /** @return a builder of the kit {@code kit}. */
    public static Builder builder(final String kit)
    {
        return new Builder(kit);
    }

    /** Collects a kit's components. Not thread-safe. */
    public static final class Builder
    {
        private final String kit;
        private final List<KitComponent> components = new ArrayList<>();
        private String idempotencyKey;

        private Builder(final String kit)
        {
            this.kit = kit;
        }

        /** Adds a component: {@code quantity} of {@code sku} per kit. */
        public Builder component(final String sku, final long quantity)
        {
            components.add(new KitComponent(sku, quantity));
            return this;
        }

        /** A key that makes a retry of this request harmless: the server answers the first outcome again. */
        public Builder idempotencyKey(final String idempotencyKey)
        {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /** @return the request; throws for a field the protocol cannot carry. */
        public PutKitRequest build()
        {
            return new PutKitRequest(kit, components, idempotencyKey);
        }
    }
}
