package io.marketswarm.bench.support;

/**
 * JVM flags every benchmark fork needs. Forks are started with a class path, not {@code -jar}, so the manifest's
 * {@code Add-Exports} does not apply: Agrona 2 reads {@code jdk.internal.misc.Unsafe} and Chronicle needs the
 * opens below.
 */
public final class BenchJvm {

    /** Agrona's {@code UnsafeApi}. */
    public static final String EXPORT_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    /** Chronicle's reflective access. */
    public static final String OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** Chronicle's direct-buffer cleaner access. */
    public static final String EXPORT_NIO = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    /** The runtime's setting (see the CLI's Main): Agrona bounds checks off. */
    public static final String NO_BOUNDS_CHECKS = "-Dagrona.disable.bounds.checks=true";
    /** No telemetry from Chronicle. */
    public static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    /** Fixed heap, so GC noise is comparable run to run. */
    public static final String HEAP_MIN = "-Xms2g";
    /** Fixed heap. */
    public static final String HEAP_MAX = "-Xmx2g";

    private BenchJvm() {
    }
}
