package org.opbench.backend.opencl.cl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Program binaries on disk, one file per (platform, device, driver, source, build options), named by the
 * SHA-256 of those. A missing or unreadable directory just means no caching.
 */
public final class ProgramCache {
    private final Path dir;

    /** @param dir where binaries live; null for no caching */
    public ProgramCache(Path dir) {
        this.dir = dir;
    }

    public static String key(ClDevice device, String source, String options) {
        return sha256(device.platformVersion() + "\n" + device.name() + "\n" + device.driverVersion() + "\n"
                + device.deviceVersion() + "\n" + options + "\n" + source);
    }

    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** The cached binary, or null. */
    public byte[] load(String key) {
        if (dir == null) {
            return null;
        }
        Path f = dir.resolve(key + ".bin");
        try {
            return Files.isRegularFile(f) ? Files.readAllBytes(f) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Stores a binary; failures are ignored (the cache is an optimisation). */
    public void store(String key, byte[] binary) {
        if (dir == null || binary == null || binary.length == 0) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.write(tmp, binary);
            try {
                Files.move(tmp, dir.resolve(key + ".bin"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(key + ".bin"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // not cached; the next run builds from source again
        }
    }

    /** Removes a binary that failed to load. */
    public void evict(String key) {
        if (dir != null) {
            try {
                Files.deleteIfExists(dir.resolve(key + ".bin"));
            } catch (IOException e) {
                // ignored: a stale entry is rebuilt on failure anyway
            }
        }
    }
}
