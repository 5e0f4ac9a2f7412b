package org.opbench.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * JSON Lines: one record per line, each appended and flushed (and forced to disk) before the next point
 * begins, so a killed sweep loses at most the point in flight.
 */
public final class JsonlWriter implements ResultWriter {
    private final OutputStream out;
    private final Path path;
    private boolean closed;

    /** Appends to {@code path}, creating it (and its parent directories) if needed. */
    public JsonlWriter(Path path) throws IOException {
        this.path = path;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void run(RunRecord run) {
        write(run);
    }

    @Override
    public synchronized void point(PointRecord point) {
        write(point);
    }

    /** Writes any record object (network and layer records of later kinds included). */
    public synchronized void write(Object record) {
        try {
            byte[] line = (Json.mapper().writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode record: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
        }
    }
}
