package org.opbench.measure;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads small {@code /proc} and {@code /sys} text files into a caller's buffer and picks numbers out of them without
 * building strings, so that a probe called around every timed round costs tens of microseconds and little garbage
 * (issue 15). Every method answers "absent" ({@code -1}, {@code 0} char) instead of throwing.
 */
public final class ProcText {
    private ProcText() {
    }

    /** Reads {@code path} into {@code buf}: the byte count (truncated at the buffer's size), or -1 if unreadable. */
    public static int read(String path, byte[] buf) {
        try (FileInputStream in = new FileInputStream(path)) {
            int n = 0;
            while (n < buf.length) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return n;
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /**
     * The {@code index}-th (from 0) non-negative integer after {@code key} on the line that starts with {@code key},
     * or -1 where there is no such line or number. {@code key} is matched as bytes at a line start
     * ("cpu " matches the aggregate line of /proc/stat, not "cpu0").
     */
    public static long field(byte[] b, int len, String key, int index) {
        int at = lineStart(b, len, key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        int seen = 0;
        while (i < len && b[i] != '\n') {
            if (b[i] >= '0' && b[i] <= '9') {
                long v = 0;
                while (i < len && b[i] >= '0' && b[i] <= '9') {
                    v = v * 10 + (b[i] - '0');
                    i++;
                }
                if (seen++ == index) {
                    return v;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The first non-blank character after {@code key} on its line ("State:\tR (running)" gives 'R'), or 0. */
    public static char charAfter(byte[] b, int len, String key) {
        int at = lineStart(b, len, key);
        if (at < 0) {
            return 0;
        }
        for (int i = at + key.length(); i < len && b[i] != '\n'; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return (char) b[i];
            }
        }
        return 0;
    }

    /** The first decimal number in the buffer (a sysfs file of one value such as scaling_cur_freq), or -1. */
    public static long firstNumber(byte[] b, int len) {
        int i = 0;
        while (i < len && (b[i] < '0' || b[i] > '9')) {
            i++;
        }
        if (i == len) {
            return -1;
        }
        long v = 0;
        while (i < len && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        return v;
    }

    /** The buffer's text (for code that is not on a hot path). */
    public static String text(byte[] b, int len) {
        return len <= 0 ? "" : new String(b, 0, len, StandardCharsets.ISO_8859_1);
    }

    private static int lineStart(byte[] b, int len, String key) {
        int k = key.length();
        int i = 0;
        while (i + k <= len) {
            boolean match = true;
            for (int j = 0; j < k; j++) {
                if (b[i + j] != key.charAt(j)) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return i;
            }
            while (i < len && b[i] != '\n') {
                i++;
            }
            i++;
        }
        return -1;
    }

    /**
     * Field {@code index} (from 1, as in proc(5)) of a {@code /proc/PID/stat} line, or -1: counted after the
     * command name's closing parenthesis, since the name may hold spaces.
     */
    public static long statField(byte[] b, int len, int index) {
        int i = len - 1;
        while (i >= 0 && b[i] != ')') {
            i--;
        }
        if (i < 0) {
            return -1;
        }
        int field = 2; // the name
        i++;
        while (i < len) {
            while (i < len && b[i] == ' ') {
                i++;
            }
            if (i >= len || b[i] == '\n') {
                return -1;
            }
            field++;
            if (field == index) {
                long v = 0;
                boolean any = false;
                while (i < len && b[i] >= '0' && b[i] <= '9') {
                    v = v * 10 + (b[i] - '0');
                    i++;
                    any = true;
                }
                return any ? v : -1;
            }
            while (i < len && b[i] != ' ' && b[i] != '\n') {
                i++;
            }
        }
        return -1;
    }
}
