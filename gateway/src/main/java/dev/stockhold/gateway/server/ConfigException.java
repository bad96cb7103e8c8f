package dev.stockhold.gateway.server;

/**
 * A setting the server cannot start with. Its message is one line that names the option, environment
 * variable or configuration key, and the file, so that an operator can find and fix it; the server prints it
 * after {@code stockhold: } and exits with status 2.
 */
final class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    ConfigException(final String message)
    {
        super(message);
    }

    ConfigException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
