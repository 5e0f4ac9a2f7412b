package org.opbench.backend.cuda;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Native resources released in reverse order of acquisition. {@link #close()} is idempotent and releases every
 * resource even when one of them fails; the first failure is reported on standard error (close cannot throw).
 */
public final class Closer implements AutoCloseable {
    /** A release action that may fail with a checked exception (e.g. a library status). */
    @FunctionalInterface
    public interface Release {
        void release() throws Exception;
    }

    private final Deque<Release> stack = new ArrayDeque<>();
    private boolean closed;

    /** Registers {@code r} to be released by {@link #close()}; returns it for chaining. */
    public synchronized <T extends AutoCloseable> T add(T r) {
        stack.push(r::close);
        return r;
    }

    /** Registers a release action (destroying a descriptor, freeing memory). */
    public synchronized void onClose(Release r) {
        stack.push(r);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Exception first = null;
        while (!stack.isEmpty()) {
            try {
                stack.pop().release();
            } catch (Exception | LinkageError e) {
                if (first == null) {
                    first = e instanceof Exception ex ? ex : new RuntimeException(e);
                }
            }
        }
        if (first != null) {
            System.err.println("opbench: warning: releasing a native resource failed: " + first);
        }
    }
}
