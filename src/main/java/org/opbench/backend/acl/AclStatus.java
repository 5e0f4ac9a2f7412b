package org.opbench.backend.acl;

import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/**
 * The one place where the glue's status codes become Java exceptions. {@code UNSUPPORTED} means an ACL function's
 * {@code validate()} refused the configuration (ACL has no implementation for it), or the function has no
 * parameter for what the problem asks (dilation, groups): an {@link UnsupportedException}. {@code ERROR} (ACL threw)
 * and {@code INVALID} (the glue was called wrongly) are {@link BackendException}s. Messages carry the status name,
 * the call and ACL's own text.
 */
final class AclStatus {
    private AclStatus() {
    }

    /** Throws unless {@code status} is {@code OK}; {@code message} is the glue's message for the call. */
    static void check(int status, String call, String message) throws BackendException {
        if (status == AclNative.OK) {
            return;
        }
        String text = "ACL: " + name(status) + " (status " + status + ") in " + call
                + (message == null || message.isBlank() ? "" : ": " + message.strip());
        if (status == AclNative.UNSUPPORTED) {
            throw new UnsupportedException(text);
        }
        throw new BackendException(text);
    }

    /** Checks the status of a call on {@code op}, reading the op's message only on failure. */
    static void check(int status, String call, long op) throws BackendException {
        if (status != AclNative.OK) {
            check(status, call, AclNative.opbench_acl_message(op));
        }
    }

    static String name(int status) {
        return switch (status) {
            case AclNative.OK -> "OK";
            case AclNative.UNSUPPORTED -> "UNSUPPORTED";
            case AclNative.ERROR -> "ERROR";
            case AclNative.INVALID -> "INVALID";
            default -> "unknown status";
        };
    }
}
