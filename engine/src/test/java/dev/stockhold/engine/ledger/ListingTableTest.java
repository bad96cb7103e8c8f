package dev.stockhold.engine.ledger;

import dev.stockhold.engine.command.PublishedChanges;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listing is found by (channel, listing id) through one hash index checked against the slot's row: the
 * id kept inline when short ASCII, else its String. Ids that share a hash, ids at the inline limit, the
 * same id in two channels, and unbinds that leave entries behind must all find exactly what is bound.
 */
class ListingTableTest
{
    private static final String AT_LIMIT = "L".repeat(15);

    /** Pairs with equal {@code String.hashCode}, inline and not, and ids at each word boundary. */
    private static final List<String> IDS = List.of(
        "A", "Aa", "BB", "AaAa", "BBBB", "ABCDEFG", "ABCDEFGH", "ABCDEFGHI", AT_LIMIT, AT_LIMIT + "X",
        AT_LIMIT + "Aa", AT_LIMIT + "BB", "id-\u00e9", "id-\u00e8", "\u4e2d".repeat(3), "x".repeat(128));

    @Test
    void everyIdFindsItsOwnListingInItsOwnChannel()
    {
        assertEquals("Aa".hashCode(), "BB".hashCode(), "the test needs colliding ids");
        final ListingTable listings = new ListingTable();
        for (int channel = 0; channel < 2; channel++)
        {
            for (int i = 0; i < IDS.size(); i++)
            {
                assertEquals(channel * IDS.size() + i, listings.bind(channel, IDS.get(i), i, ListingTable.NONE));
            }
        }
        for (int channel = 0; channel < 2; channel++)
        {
            for (int i = 0; i < IDS.size(); i++)
            {
                // A fresh instance, as a decoded request brings: String identity must not decide.
                final String asSent = new String(IDS.get(i).toCharArray());
                assertEquals(channel * IDS.size() + i, listings.find(channel, asSent), IDS.get(i));
            }
            assertEquals(ListingTable.NONE, listings.find(2, IDS.get(0)), "unconfigured channel");
        }
        for (final String near : List.of("", "a", "AA", "ABCDEFGh", "ABCDEF", AT_LIMIT.substring(1), AT_LIMIT + "Y",
            "id-e", "\u4e2d".repeat(2), "x".repeat(127)))
        {
            assertEquals(ListingTable.NONE, listings.find(0, near), near);
        }
    }

    @Test
    void bindingsAndUnbindsAgreeWithAMapThroughGrowthAndSweeps()
    {
        final ListingTable listings = new ListingTable();
        final Map<String, Integer> bound = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++)
        {
            final int channel = random.nextInt(3);
            final int n = random.nextInt(6_000);
            // Short inline ids and long ones that are not.
            final String id = (n % 3 == 0 ? "long-listing-id-" : "") + n;
            final String key = channel + "/" + id;
            final int slot = listings.find(channel, id);
            final Integer expected = bound.get(key);
            assertEquals(expected == null ? ListingTable.NONE : expected, slot, key);
            if (expected == null)
            {
                bound.put(key, listings.bind(channel, id, n, ListingTable.NONE));
            }
            else if (random.nextInt(3) > 0)
            {
                listings.unbind(slot);
                bound.remove(key);
            }
            else
            {
                assertEquals(n, listings.sku(slot));
                assertEquals(id, listings.listingId(slot));
                assertEquals(channel, listings.channel(slot));
            }
        }
        assertEquals(bound.size(), listings.count());
        for (final Map.Entry<String, Integer> entry : bound.entrySet())
        {
            final int slash = entry.getKey().indexOf('/');
            assertEquals(entry.getValue(), listings.find(Integer.parseInt(entry.getKey().substring(0, slash)),
                entry.getKey().substring(slash + 1)), entry.getKey());
        }
    }

    @Test
    void orderKeysSortListingIdsAsTheirCharactersDo()
    {
        final ListingTable listings = new ListingTable();
        final SplittableRandom random = new SplittableRandom(11);
        final List<String> ids = new ArrayList<>(List.of("A", "AB", "A!", "~", "ABCDEFGH", "ABCDEFGHI", "ABCDEFGH!",
            AT_LIMIT, AT_LIMIT + "A", "L".repeat(14), "id-\u00e9", "x".repeat(128)));
        while (ids.size() < 400)
        {
            // Printable ASCII with few distinct characters, so that many ids share long prefixes.
            final StringBuilder id = new StringBuilder();
            final int length = 1 + random.nextInt(random.nextInt(4) == 0 ? 40 : 16);
            for (int c = 0; c < length; c++)
            {
                id.append(random.nextInt(8) == 0 ? (char)(0x21 + random.nextInt(94)) : (char)('a' + random.nextInt(2)));
            }
            if (!ids.contains(id.toString()))
            {
                ids.add(id.toString());
            }
        }
        final PublishedChanges keyed = new PublishedChanges();
        final PublishedChanges plain = new PublishedChanges();
        int inline = 0;
        for (final String id : ids)
        {
            final int slot = listings.bind(0, id, 0, ListingTable.NONE);
            final long first = listings.firstOrderKey(slot);
            inline += first != PublishedChanges.NO_KEY ? 1 : 0;
            final long second = first == PublishedChanges.NO_KEY ? 0 : listings.secondOrderKey(slot);
            keyed.add(0, "c", id, first, second, "s", 0, 1);
            plain.add(0, "c", id, "s", 0, 1);
        }
        assertTrue(inline > ids.size() / 2, "most ids are inline: " + inline);
        keyed.sort();
        plain.sort();
        final List<String> sorted = new ArrayList<>(ids);
        sorted.sort(String::compareTo);
        for (int i = 0; i < ids.size(); i++)
        {
            assertEquals(sorted.get(i), keyed.listingId(i));
            assertEquals(sorted.get(i), plain.listingId(i));
        }
    }
}
