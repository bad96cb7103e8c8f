package dev.stockhold.benchmarks;

/**
 * The JVM flags every forked benchmark needs: JMH forks ignore the jar manifest, and Chronicle and
 * Agrona reach into JDK internals (see ../shared/STACK.md).
 */
public final class JvmFlags
{
    private JvmFlags()
    {
    }

    /** For {@code @Fork(jvmArgsAppend = ...)}: a compile-time constant list. */
    public static final String[] ARGS = {
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true",
        "-Dchronicle.disk.monitor.disable=true",
        "-Xms2g",
        "-Xmx2g",
    };
}
