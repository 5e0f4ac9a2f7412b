package org.opbench.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * JSON Lines: one record of any kind per line, each appended and flushed to the operating system before the next
 * point begins, so a killed sweep loses at most the point in flight. Records are not forced to the storage device
 * ({@code fsync}): a power failure may lose the last ones, which {@code --resume} then measures again. A write that
 * fails (a full disk) throws, leaving at most a torn last line, which reading ignores and {@code --resume} cuts.
 */
public final class JsonlWriter extends LineWriter {
    private final Path path;

    /** Appends to {@code path}, creating it (and its parent directories) if needed. */
    public JsonlWriter(Path path) throws IOException {
        super(open(path), path.toString());
        this.path = path;
    }

    private static java.io.Writer open(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    public Path path() {
        return path;
    }

    /** The line of {@code record} as this writer writes it (newline included). */
    public static String encode(Record record) {
        try {
            return Json.mapper().writeValueAsString(record) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode record: " + e.getMessage(), e);
        }
    }

    @Override
    String line(Record record) {
        return encode(record);
    }
}
