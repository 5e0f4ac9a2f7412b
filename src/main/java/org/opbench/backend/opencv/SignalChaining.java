package org.opbench.backend.opencv;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HotSpot's signal-chaining library. Initialising an OpenCL platform such as PoCL installs native signal handlers
 * over the JVM's, after which integer division by zero no longer throws in that JVM (measured here with OpenCV's
 * {@code useOpenCL()} and with a bare {@code clGetDeviceIDs} on PoCL). With {@code libjsig.so} preloaded the JVM
 * keeps its handlers and chains the native ones, and the trap survives (also measured). The {@code ocl} algorithm
 * initialises OpenCL in the worker, so it runs only in a worker started with it.
 */
final class SignalChaining {
    private SignalChaining() {
    }

    /** The JDK's {@code libjsig.so}, or null when this JDK has none. */
    static Path library() {
        Path home = Path.of(System.getProperty("java.home"));
        for (Path p : new Path[] {home.resolve("lib/server/libjsig.so"), home.resolve("lib/libjsig.so")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Whether this JVM was started with {@code libjsig} preloaded. */
    static boolean active() {
        String preload = System.getenv("LD_PRELOAD");
        return preload != null && preload.contains("libjsig");
    }

    /** {@code LD_PRELOAD} for a worker JVM: the current value with {@code lib} added, or null without a library. */
    static String preload(Path lib) {
        if (lib == null) {
            return null;
        }
        String current = System.getenv("LD_PRELOAD");
        if (current == null || current.isBlank()) {
            return lib.toString();
        }
        return current.contains(lib.toString()) ? current : lib + ":" + current;
    }
}
