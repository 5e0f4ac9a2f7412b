package org.opbench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cold-cache mode: before each repetition, writes and reads a buffer twice the size of the last-level cache
 * (read from sysfs; 64 MiB when unknown), so the operation starts with its data out of cache.
 */
final class CacheEvictor {
    private final long[] buffer;
    private long sink;

    CacheEvictor() {
        long bytes = 2 * Math.max(lastLevelCacheBytes(), 32L << 20);
        buffer = new long[(int) (bytes / 8)];
    }

    void evict() {
        long s = sink;
        for (int i = 0; i < buffer.length; i += 8) {
            buffer[i] += 1;
            s += buffer[i];
        }
        sink = s;
    }

    static long lastLevelCacheBytes() {
        long best = 0;
        for (int index = 0; index < 8; index++) {
            Path size = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + index + "/size");
            try {
                String s = Files.readString(size).strip();
                long mult = s.endsWith("K") ? 1024 : s.endsWith("M") ? 1 << 20 : 1;
                long v = Long.parseLong(s.replaceAll("[^0-9]", "")) * mult;
                best = Math.max(best, v);
            } catch (IOException | NumberFormatException e) {
                // index absent: fewer cache levels
            }
        }
        return best;
    }
}
