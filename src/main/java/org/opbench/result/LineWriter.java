package org.opbench.result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A {@link ResultWriter} of text lines: each record becomes at most one line (its format may skip some kinds),
 * written and flushed before {@link #write} returns. Closing is idempotent.
 */
abstract class LineWriter implements ResultWriter {
    private final Writer out;
    private final String target;
    private boolean closed;

    /** {@code target} names the destination in error messages. */
    LineWriter(Writer out, String target) {
        this.out = out;
        this.target = target;
    }

    /** The line for {@code record}, newline included, or null when this format has no line for its kind. */
    abstract String line(Record record);

    @Override
    public final synchronized void write(Record record) {
        String line = line(record);
        if (line == null) {
            return;
        }
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + target + ": " + e.getMessage(), e);
        }
    }
}
