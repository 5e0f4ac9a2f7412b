package org.opbench.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second opbench run from writing the same result file: an operating-system lock on {@code FILE.lock}
 * beside {@code --out}, taken before the file is truncated, resumed or written and released (the lock file
 * deleted) on close. The lock dies with the process, so a killed run leaves at most a stale, unlocked file.
 * The lock is on a file of its own because reading the result file (resume) would release a lock held on it.
 */
final class OutputLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private boolean closed;

    private OutputLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static OutputLock acquire(Path out) {
        for (int attempt = 0; attempt < 20; attempt++) {
            OutputLock lock = tryAcquire(out);
            if (lock != null) {
                return lock;
            }
        }
        throw new UsageError("cannot lock --out " + out + ": its lock file keeps being replaced by other runs");
    }

    /**
     * The lock, or null when the lock was won on a lock file its previous holder had just deleted (it opened before
     * the deletion and locked after the release): then the caller tries again on the file now at the path.
     */
    private static OutputLock tryAcquire(Path out) {
        Path file = out.resolveSibling(out.getFileName() + ".lock");
        FileChannel channel;
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UsageError("cannot write --out " + out + ": " + OutputFiles.reason(e));
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another run in this JVM
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UsageError("cannot lock --out " + out + " against a second writer (" + file + "): "
                    + e.getMessage());
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new UsageError("--out " + out + " is being written by another opbench run (" + holder(file)
                    + " holds " + file + ")");
        }
        if (!Files.exists(file)) {
            closeQuietly(channel);
            return null;
        }
        try { // the holder's pid, for the refusal a second writer gets
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII)), 0);
            channel.force(false);
        } catch (IOException e) {
            // the lock holds without the pid; a second writer is refused all the same
        }
        return new OutputLock(file, channel);
    }

    /** "pid N" from the lock file, or "another process" when it cannot be read. */
    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]{1,10}") ? "pid " + pid : "another process";
        } catch (IOException e) {
            return "another process";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the refusal that follows is what matters
        }
    }

    /** Deletes the lock file while still holding the lock, then releases it by closing its channel. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try (channel) {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stale lock file is harmless: its lock went with the channel
            }
        }
    }
}
