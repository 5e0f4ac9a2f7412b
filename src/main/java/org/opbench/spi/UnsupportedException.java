package org.opbench.spi;

/**
 * The library has no implementation for a problem/algorithm (e.g. oneDNN's {@code dnnl_unimplemented}).
 * Backends throw it from the status code, never by matching message text.
 */
public class UnsupportedException extends BackendException {
    public UnsupportedException(String message) {
        super(message);
    }
}
