package dev.stockhold.client.request;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestBuildersTest
{
    @Test
    void aLockCarriesEveryKindOfLineInOrder()
    {
        final LockRequest lock = LockRequest.builder().orderId("O-1").channel("shop")
            .line("A1", "WH1", 2).line("B7", 1).listingLine("L-9", null, 3)
            .ttl(Duration.ofMillis(1500)).allowSplit(true).idempotencyKey("k1").build();
        assertEquals(List.of(LockLine.cell("A1", "WH1", 2), LockLine.anyWarehouse("B7", 1),
            LockLine.listing("L-9", null, 3)), lock.lines());
        assertEquals(2, lock.ttlSeconds(), "a TTL is rounded up to whole seconds");
        assertTrue(lock.allowSplit());
        assertEquals("k1", lock.idempotencyKey());
    }

    @Test
    void aBuiltRequestDoesNotChangeWhenItsBuilderOrListDoes()
    {
        final LockRequest.Builder builder = LockRequest.builder().orderId("O-1").line("A1", "WH1", 1);
        final LockRequest first = builder.build();
        builder.line("A2", "WH1", 1);
        assertEquals(1, first.lines().size());
        assertThrows(UnsupportedOperationException.class, () -> first.lines().add(LockLine.anyWarehouse("X", 1)));

        final List<String> warehouses = new ArrayList<>(List.of("WH1"));
        final PutChannelRequest channel = PutChannelRequest.builder("shop").warehouses(warehouses).build();
        warehouses.add("WH2");
        assertEquals(List.of("WH1"), channel.warehouses());
    }

    @Test
    void missingRequiredFieldsAreRefusedBeforeAnythingIsSent()
    {
        assertThrows(NullPointerException.class, () -> LockRequest.builder().line("A1", 1).build());
        assertThrows(NullPointerException.class, () -> new GetStockRequest(null, "WH1"));
        assertThrows(NullPointerException.class, () -> SettleRequest.release(null));
        assertThrows(NullPointerException.class, () -> new SettleRequest(null, "O-1", List.of(), null));
        assertThrows(NullPointerException.class, () -> LockLine.cell("A1", null, 1));
        assertThrows(IllegalArgumentException.class, () -> new LockLine(null, "WH1", null, 1));
        assertThrows(IllegalArgumentException.class, () -> new LockLine("A1", "WH1", "L-1", 1));
        assertThrows(IllegalArgumentException.class, () -> LockRequest.builder().orderId("O").ttlSeconds(-1).build());
    }

    @Test
    void aCodeLongerThanTheProtocolCarriesIsRefused()
    {
        final String tooLong = "é".repeat(513);
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> LockRequest.builder().orderId(tooLong).build());
        assertTrue(error.getMessage().contains("orderId"), error.getMessage());
        LockRequest.builder().orderId("x".repeat(1024)).build();
    }

    @Test
    void quantitiesAreTheServersToJudge()
    {
        // A zero or negative quantity is carried: the server answers ERR_INVALID_QUANTITY, as on HTTP.
        assertEquals(-1, LockRequest.builder().orderId("O").line("A1", "WH1", -1).build().lines().get(0).quantity());
    }

    @Test
    void stockAndChannelDefaults()
    {
        final SetStockRequest set = SetStockRequest.builder().item("A1", "WH1", 10)
            .item(new StockItem("A2", "WH1", null, 5L, null, 3L)).build();
        assertEquals(10L, set.items().get(0).onHand());
        assertNull(set.items().get(0).inTransit());
        assertEquals(3L, set.items().get(1).expectedVersion());

        final PutChannelRequest channel = PutChannelRequest.builder("shop").build();
        assertNull(channel.warehouses(), "no warehouses named: every warehouse");
        assertNull(channel.maxUnits(), "no cap");
        assertEquals(100, channel.percent());

        final AdjustRequest adjust = AdjustRequest.builder("A1", "WH1").onHandDelta(-2).reason("damaged").build();
        assertEquals(-2, adjust.onHandDelta());
        assertEquals(0, adjust.inTransitDelta());

        final SettleRequest partial = SettleRequest.builder(Settlement.DEDUCT, "O-1").line("A1", "WH1", 1).build();
        assertEquals(1, partial.lines().size());
        assertEquals(List.of(), SettleRequest.release("O-1").lines(), "no lines: the whole order");
    }

    @Test
    void aChannelPushesOnlyWhenToldAndItsSettingsHaveHttpDefaults()
    {
        assertNull(PutChannelRequest.builder("shop").build().push(), "no push unless one is given");
        final PushSettings defaults = PushSettings.of("https://shop.example/hook", "whsec");
        assertEquals(new PushSettings("https://shop.example/hook", "whsec", 10, 10, 200), defaults);
        assertEquals(defaults, PutChannelRequest.builder("shop").push(defaults).build().push());
        assertThrows(NullPointerException.class, () -> PushSettings.of(null, "whsec"));
        assertThrows(NullPointerException.class, () -> PushSettings.of("https://shop.example/hook", null));
        // Up to the encoding's 4,096 bytes the server judges the URL (its limit is 2,048); past it the client refuses.
        final String url4096 = "https://h/" + "p".repeat(4096 - 10);
        assertEquals(url4096, PushSettings.of(url4096, "whsec").url());
        assertThrows(IllegalArgumentException.class, () -> PushSettings.of(url4096 + "p", "whsec"));
        // Out of range numbers are carried: the server answers ERR_INVALID_QUANTITY, as on HTTP.
        assertEquals(0, new PushSettings("https://h/", "s", 0, 10, 200).ratePerSecond());
    }
}
