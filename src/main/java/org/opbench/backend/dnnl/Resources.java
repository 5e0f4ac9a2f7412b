package org.opbench.backend.dnnl;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Native objects owned by one prepared operator, released in reverse order of creation. {@link #close()} is
 * idempotent; releasing never throws (a destroy status cannot be acted on any more).
 */
final class Resources implements AutoCloseable {
    /** Releases one native object. */
    @FunctionalInterface
    interface Release {
        void release();
    }

    private final Deque<Release> stack = new ArrayDeque<>();
    private boolean closed;

    /** Registers {@code release} to run on {@link #close()}; returns {@code value} for chaining. */
    <T> T own(T value, Release release) {
        if (closed) {
            release.release();
            throw new IllegalStateException("resources already closed");
        }
        stack.push(release);
        return value;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!stack.isEmpty()) {
            stack.pop().release();
        }
    }
}
