package org.opbench.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Outcome of a point. Every status but {@link #OK} carries a reason. */
public enum Status {
    /** Measured, and the output agrees with the reference within tolerance. */
    OK,
    /** The backend has no implementation for this problem/algorithm/tuner (the library said so). */
    UNSUPPORTED,
    /** The backend cannot run on this machine (library or device missing). */
    UNAVAILABLE,
    /** Not attempted: it cannot fit, or the user excluded it. */
    SKIPPED,
    /** The library or the worker failed (error, crash). */
    FAILED,
    /** Measured, but the output disagrees with the reference: the timing is not a result. */
    MISMATCH,
    /** The point exceeded its time limit. */
    TIMEOUT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Status parse(String id) {
        for (Status s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status '" + id + "' (known: ok, unsupported, unavailable, skipped, "
                + "failed, mismatch, timeout)");
    }
}
