package org.opbench.report;

import java.util.Locale;

/** Measured quantities as people read them, the same in the terminal tables and the HTML report. */
public final class Units {
    private Units() {
    }

    /** Microseconds in a readable unit: {@code 12.3 us}, {@code 4.56 ms}, {@code 7.89 s}. */
    public static String time(double us) {
        if (us >= 1e6) {
            return String.format(Locale.ROOT, "%.2f s", us / 1e6);
        }
        if (us >= 1e3) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f us", us);
    }
}
