package dev.stockhold.gateway.server;

import dev.stockhold.engine.threads.NamedThreads;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Routes SIGTERM and SIGINT to an orderly shutdown instead of the JVM's exit status 143. Uses
 * {@code sun.misc.Signal} reflectively (it is in the exported {@code jdk.unsupported} module, but
 * compiling against it directly is a warning this build treats as an error); when it is missing, a
 * shutdown hook runs the same action.
 */
final class Signals
{
    private Signals()
    {
    }

    /** Runs {@code onSignal} (once, on a signal thread) when the process is asked to stop. */
    static void onTerminate(final Runnable onSignal)
    {
        try
        {
            final Class<?> signalClass = Class.forName("sun.misc.Signal");
            final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            final InvocationHandler invocation = (final Object proxy, final Method method, final Object[] args) ->
            {
                if ("handle".equals(method.getName()))
                {
                    onSignal.run();
                }
                return null;
            };
            final Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(),
                new Class<?>[] {handlerClass}, invocation);
            final Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (final String name : new String[] {"TERM", "INT"})
            {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
            }
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            Runtime.getRuntime().addShutdownHook(NamedThreads.create("stockhold-shutdown", onSignal));
        }
    }
}
