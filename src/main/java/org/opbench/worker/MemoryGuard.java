package org.opbench.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.opbench.problem.Problem;

/**
 * Estimates a point's memory before it is prepared and refuses points that cannot fit, so that a layer too large
 * for this worker is a {@code skipped} point with the estimate and the limit, not an out-of-memory death.
 *
 * <p>Java heap: the seeded inputs, the reference output and the backend's output copy
 * ({@code src + weights + bias + 2 x dst} floats, plus the integer levels of an int8 problem), against the heap the JVM may still grow to.
 * Native: what the backend says it allocates ({@link org.opbench.spi.Backend#nativeBytes}), against the memory
 * the OS reports available ({@code MemAvailable}) and the cgroup limit, whichever is lower.
 */
public final class MemoryGuard {
    private MemoryGuard() {
    }

    /** Heap bytes a point of {@code p} needs in the worker. */
    public static long heapBytes(Problem p) {
        long elements = p.srcElements() + p.weightElements() + p.biasElements() + 2 * p.dstElements();
        long levels = p.dtype().quantized() ? p.srcElements() + p.weightElements() + 4 * p.biasElements() : 0;
        return elements * Float.BYTES + levels;
    }

    /** Why the point cannot fit, or null when it can. {@code cachedBytes} is heap already held for this problem. */
    public static String check(Problem p, long nativeBytes, long cachedBytes) {
        Runtime rt = Runtime.getRuntime();
        long heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) + cachedBytes;
        if (heapBytes(p) > heapFree) {
            System.gc(); // count only live data
            heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()) + cachedBytes;
        }
        if (heapBytes(p) > heapFree) {
            return String.format(Locale.ROOT, "needs about %s of Java heap for inputs and outputs, %s available "
                            + "(worker -Xmx %s; raise it with --worker-jvm-arg -Xmx...)", mb(heapBytes(p)),
                    mb(Math.max(heapFree, 0)), mb(rt.maxMemory()));
        }
        long nativeFree = nativeAvailable();
        if (nativeBytes > 0 && nativeFree > 0 && nativeBytes > nativeFree) {
            return String.format(Locale.ROOT, "the backend needs about %s of native memory, %s available",
                    mb(nativeBytes), mb(nativeFree));
        }
        return null;
    }

    /** Bytes the OS can still give this process (MemAvailable, capped by the cgroup limit), or -1 if unknown. */
    public static long nativeAvailable() {
        long available = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    available = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        for (String[] files : new String[][] {{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"},
                {"/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"}}) {
            try {
                String max = Files.readString(Path.of(files[0])).strip();
                if (!max.equals("max")) {
                    long limit = Long.parseLong(max) - Long.parseLong(Files.readString(Path.of(files[1])).strip());
                    if (limit > 0 && limit < (1L << 60)) {
                        available = available < 0 ? limit : Math.min(available, limit);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // no such cgroup interface
            }
        }
        return available;
    }

    static String mb(long bytes) {
        return bytes >= 10L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
