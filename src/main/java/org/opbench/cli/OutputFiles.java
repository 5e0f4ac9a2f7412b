package org.opbench.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The rules for a file a command writes in one go ({@code csv --out}, {@code export --out}, {@code report --html}),
 * checked before anything is read or computed: not a directory, never one of the command's inputs (compared as
 * real files, so another name or a link to an input is caught, {@code --force} included), an existing file only
 * with {@code --force}, and a folder where a file can actually be created (a probe file is created and deleted, so
 * {@code /proc/x} or a read-only folder is refused up front). {@link #replace} then writes a temporary sibling and
 * renames it over the target, so a failure half-way (a full disk) leaves any previous file whole.
 */
final class OutputFiles {
    /** Writes the content. */
    interface Content {
        void write(Writer w) throws IOException;
    }

    private OutputFiles() {
    }

    /** Refuses {@code out} (given as {@code flag}) with a usage error when it may not or cannot be written. */
    static void check(String flag, Path out, boolean force, List<Path> inputs) {
        if (Files.isDirectory(out)) {
            throw new UsageError(flag + " " + out + " is a directory");
        }
        for (Path input : inputs) {
            if (sameFile(out, input)) {
                throw new UsageError(flag + " " + out + " is an input of this command (" + input
                        + "); choose another file");
            }
        }
        if (Files.exists(out) && !force) {
            throw new UsageError(flag + " " + out + " already exists; add --force to overwrite it");
        }
        if (Files.exists(out) && !Files.isRegularFile(out)) {
            throw new UsageError(flag + " " + out + " is not a regular file");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageError("cannot write " + flag + " " + out + ": no such folder " + dir);
        }
        try {
            Files.delete(Files.createTempFile(dir, "." + out.getFileName(), ".probe"));
        } catch (IOException | SecurityException e) {
            throw new UsageError("cannot write " + flag + " " + out + ": " + reason(e));
        }
    }

    /** Writes {@code out} through a temporary sibling renamed over it; a failure leaves {@code out} as it was. */
    static void replace(String flag, Path out, Content content) {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + out.getFileName(), ".part");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.write(w);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageError("cannot write " + flag + " " + out + ": " + reason(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the error above is what matters
                }
            }
        }
    }

    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** The reason of an I/O failure in words, without exception class names. */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
