package org.opbench.backend.tensorrt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * TensorRT's timing cache (tactic timings from earlier builds) on disk, one file per TensorRT version and device,
 * under opbench's cache directory. Reuse makes later builds of similar layers much faster; a cache TensorRT
 * rejects is replaced. Writes go to a temporary file that is then moved into place.
 */
public final class TimingCacheFile {
    private final Path file;

    public TimingCacheFile(Path file) {
        this.file = file;
    }

    /** {@code DIR/timing-trt<version>-<device>-sm<cc>.cache}, the device name reduced to file-name characters. */
    public static TimingCacheFile in(Path dir, String trtVersion, String deviceName, int ccMajor, int ccMinor) {
        String dev = deviceName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return new TimingCacheFile(dir.resolve("timing-trt" + trtVersion + "-" + dev + "-sm" + ccMajor + ccMinor + ".cache"));
    }

    public Path path() {
        return file;
    }

    /** The cache's bytes, or an empty array when there is none yet or it cannot be read. */
    byte[] read() {
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Replaces the cache with {@code bytes}. */
    void write(byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
