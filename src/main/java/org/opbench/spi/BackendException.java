package org.opbench.spi;

/** A library call failed. The message carries the library's status and text. */
public class BackendException extends Exception {
    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
