package org.opbench.problem;

import java.nio.file.Path;

/** Malformed content of a user-supplied file; the message names the file and line. */
public class InputFileException extends IllegalArgumentException {
    private final Path file;
    private final int line;

    public InputFileException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
