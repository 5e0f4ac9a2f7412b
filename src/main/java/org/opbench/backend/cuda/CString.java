package org.opbench.backend.cuda;

import org.bytedeco.javacpp.BytePointer;

/** NUL-terminated C strings returned by native APIs. */
public final class CString {
    private CString() {
    }

    /** The string up to its NUL (a pointer with a limit set would otherwise be read to the limit); "" for null. */
    public static String of(BytePointer p) {
        if (p == null || p.isNull()) {
            return "";
        }
        BytePointer unbounded = p.limit(0);
        return unbounded.getString();
    }
}
