package dev.stockhold.gateway.logging;

import dev.stockhold.logging.Logging;
import org.slf4j.LoggerFactory;

/**
 * A main that starts logging as the server does and then logs through each API the code base uses:
 * SLF4J, java.util.logging (a FINE line too, which shows only at DEBUG) and System.Logger (with an exception).
 */
public final class LoggingProbe
{
    private LoggingProbe()
    {
    }

    public static void main(final String[] args)
    {
        Logging.start();
        LoggerFactory.getLogger("probe.slf4j").info("event=probe api=slf4j");
        java.util.logging.Logger.getLogger("probe.jul").info("event=probe api=jul");
        java.util.logging.Logger.getLogger("probe.jul").fine("event=probe api=jul level=fine");
        System.getLogger("probe.system").log(System.Logger.Level.WARNING, "event=probe api=system_logger",
            new IllegalStateException("probe failure"));
        System.out.println("output");
    }
}
