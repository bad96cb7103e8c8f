package dev.stockhold.gateway;

import dev.stockhold.gateway.security.ApiKey;
import dev.stockhold.gateway.security.ApiKeys;
import dev.stockhold.gateway.security.Scope;
import dev.stockhold.gateway.server.ServerSettings;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps docs/openapi.yaml honest: every documented path, method and status is exercised against a real
 * server, and each answer has every property the documented schema requires (nested arrays included).
 */
class OpenApiTest
{
    private static final Pattern REF = Pattern.compile("\\$ref: '#/components/(responses|schemas)/([A-Za-z]+)'");

    /** Reads the subset of YAML the document uses into "a.b.c" → value, skipping folded text and lists. */
    static Map<String, String> flatten(final List<String> lines)
    {
        final Map<String, String> flat = new LinkedHashMap<>();
        final List<Integer> indents = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        int skipDeeperThan = -1;
        boolean inFlowList = false;
        for (final String line : lines)
        {
            final String trimmed = line.trim();
            final int indent = line.length() - line.stripLeading().length();
            if (inFlowList)
            {
                inFlowList = !trimmed.endsWith("]");
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#") || (skipDeeperThan >= 0 && indent > skipDeeperThan))
            {
                continue;
            }
            skipDeeperThan = -1;
            if (trimmed.startsWith("- "))
            {
                continue;
            }
            final int split = trimmed.indexOf(": ");
            final String key = (split < 0 ? trimmed.substring(0, trimmed.length() - 1) : trimmed.substring(0, split))
                .replace("\"", "");
            final String value = split < 0 ? "" : trimmed.substring(split + 2);
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent)
            {
                indents.remove(indents.size() - 1);
                keys.remove(keys.size() - 1);
            }
            indents.add(indent);
            keys.add(key);
            flat.put(String.join("|", keys), value);
            if (value.startsWith(">") || value.startsWith("|"))
            {
                skipDeeperThan = indent;
            }
            if (value.startsWith("[") && !value.endsWith("]"))
            {
                inFlowList = true;
            }
        }
        return flat;
    }

    @Test
    void everyDocumentedAnswerIsRealAndMatchesItsSchema() throws Exception
    {
        final Map<String, String> doc = flatten(Files.readAllLines(Path.of("../docs/openapi.yaml")));
        final TreeSet<String> documented = new TreeSet<>();
        for (final String key : doc.keySet())
        {
            final String[] parts = key.split("\\|");
            if (parts.length == 5 && parts[0].equals("paths") && parts[3].equals("responses"))
            {
                documented.add(parts[2].toUpperCase() + " " + parts[1] + " " + parts[4]);
            }
        }
        final TestServer open = SharedServer.get();
        try (TestServer secured = new TestServer(ServerSettings.defaults().withKeys(new ApiKeys(List.of(
            new ApiKey(1, "reader", EnumSet.of(Scope.READ)))))))
        {
            final Map<String, HttpResponse<String>> answers = Scenarios.run(open, secured.as("reader"));
            assertEquals(documented, new TreeSet<>(answers.keySet()), "documented vs exercised");
            for (final String operation : documented)
            {
                final HttpResponse<String> response = answers.get(operation);
                final String[] parts = operation.split(" ");
                assertEquals(Integer.parseInt(parts[2]), response.statusCode(), operation + ": " + response.body());
                final String schema = schemaOf(doc, "paths|" + parts[1] + "|" + parts[0].toLowerCase() + "|responses|"
                    + parts[2]);
                if (schema != null)
                {
                    checkRequired(doc, schema, Json.parse(response.body()), operation);
                }
            }
        }
    }

    /** @return the schema name a response documents, or null for a plain string. */
    private static String schemaOf(final Map<String, String> doc, final String responseKey)
    {
        final String inline = doc.get(responseKey);
        final Matcher ref = REF.matcher(inline == null ? "" : inline);
        final String base = ref.find() && ref.group(1).equals("responses")
            ? "components|responses|" + ref.group(2) : responseKey;
        for (final Map.Entry<String, String> entry : doc.entrySet())
        {
            if (entry.getKey().startsWith(base + "|content|") && entry.getKey().endsWith("|schema"))
            {
                final Matcher schema = REF.matcher(entry.getValue());
                return schema.find() ? schema.group(2) : null;
            }
        }
        return null;
    }

    private static void checkRequired(final Map<String, String> doc, final String schema, final Object value,
        final String where)
    {
        final String base = "components|schemas|" + schema;
        assertTrue(value instanceof Map, where + ": " + schema + " must be an object: " + value);
        final Map<?, ?> object = (Map<?, ?>)value;
        final String required = doc.get(base + "|required");
        assertNotNull(required, schema + " documents its required properties");
        for (final String property : required.replaceAll("[\\[\\]]", "").split(",\\s*"))
        {
            assertTrue(object.containsKey(property), where + ": " + schema + " requires " + property + " in " + value);
            final String items = doc.get(base + "|properties|" + property + "|items");
            final Matcher ref = REF.matcher(items == null ? "" : items);
            if (ref.find())
            {
                for (final Object element : (List<?>)object.get(property))
                {
                    checkRequired(doc, ref.group(2), element, where + "." + property);
                }
            }
        }
    }
}
