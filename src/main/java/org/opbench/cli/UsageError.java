package org.opbench.cli;

/** A bad argument found after parsing (unknown backend, bad shape, unwritable output): exit code 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
