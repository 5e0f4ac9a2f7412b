package org.opbench.network.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The worker's own memory: resident set and its peak ({@code VmRSS}, {@code VmHWM} of {@code /proc/self/status},
 * which count native allocations and the Java heap alike), reset between batches by writing 5 to
 * {@code /proc/self/clear_refs} (Linux 4.0 and later), and the Java heap's peak use from the memory-pool beans.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    /** Resets the resident-set peak to the current size and the heap pools' peaks; false where Linux cannot. */
    public static boolean resetPeak() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Current resident set in bytes, or -1 where unknown. */
    public static long rss() {
        return status("VmRSS:");
    }

    /** Peak resident set since the last reset (or the process start) in bytes, or -1. */
    public static long peakRss() {
        return status("VmHWM:");
    }

    /** Peak Java heap use since the last reset, bytes. */
    public static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
