package dev.stockhold.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The switches take their values in any case; anything else falls back to the default and is reported. */
class LogSettingsTest
{
    @AfterEach
    void clear()
    {
        System.clearProperty(LogSettings.FORMAT_PROPERTY);
        System.clearProperty(LogSettings.LEVEL_PROPERTY);
    }

    @Test
    void valuesInAnyCase()
    {
        assertEquals("json", LogSettings.parseFormat(" JSON "));
        assertEquals("plain", LogSettings.parseFormat("Plain"));
        assertNull(LogSettings.parseFormat("xml"));
        assertEquals("WARN", LogSettings.parseLevel("warn"));
        assertEquals("TRACE", LogSettings.parseLevel("Trace"));
        assertNull(LogSettings.parseLevel("warning"), "JUL's names are not Logback's");
        assertNull(LogSettings.parseLevel(null));
    }

    @Test
    void thePropertyIsRead()
    {
        System.setProperty(LogSettings.FORMAT_PROPERTY, "JSON");
        System.setProperty(LogSettings.LEVEL_PROPERTY, "debug");
        assertEquals("json", LogSettings.format());
        assertEquals("DEBUG", LogSettings.level());
        assertEquals(List.of(), LogSettings.ignored());
    }

    @Test
    void aBadValueIsTheDefaultAndIsReported()
    {
        System.setProperty(LogSettings.FORMAT_PROPERTY, "xml");
        System.setProperty(LogSettings.LEVEL_PROPERTY, "loud");
        assertEquals("plain", LogSettings.format());
        assertEquals("INFO", LogSettings.level(), "not Logback's fallback, DEBUG");
        assertEquals(List.of("variable=stockhold.log.format value=\"xml\" using=plain",
            "variable=stockhold.log.level value=\"loud\" using=INFO"), LogSettings.ignored());
    }
}
