package org.opbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.opbench.result.PointRecord;
import org.opbench.sweep.SweepListener;

/** One line per finished point on standard error, with the estimated time left. */
final class ProgressPrinter implements SweepListener {
    private final PrintWriter err;
    private final boolean quiet;
    private final long start = System.nanoTime();

    ProgressPrinter(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void point(PointRecord p, int done, int total) {
        if (quiet) {
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = done == 0 ? 0 : elapsed / done * (total - done);
        String width = Integer.toString(Integer.toString(total).length());
        String what = p.ok()
                ? String.format(Locale.ROOT, "%10s %8.2f GFLOPS%s%s", Format.time(p.timeUs().median()), p.gflops(),
                p.ciPct() == null ? "" : String.format(Locale.ROOT, " +-%.1f%%", p.ciPct()),
                Boolean.TRUE.equals(p.unstable()) ? unstable(p) : "")
                : p.status().id() + ": " + firstLine(p.reason());
        err.printf(Locale.ROOT, "[%" + width + "d/%d] %-10s %-10s %-5s t%-2d %-22s %s  (left %s)%n", done, total,
                p.backend(), p.algorithm(), p.tuner(), p.threads(), label(p), what, Format.duration(left));
        err.flush();
    }

    @Override
    public void notice(String message) {
        err.println("opbench: " + message);
        err.flush();
    }

    static String label(PointRecord p) {
        String name = p.layer() == null || p.layer().isEmpty() ? p.problem() : p.layer();
        return p.batch() == 1 ? name : name + " mb" + p.batch();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    /** " unstable(why)": the cause the record gives (schema 2), else the raw CV a schema-1 record was flagged by. */
    private static String unstable(PointRecord p) {
        return p.unstableReason() != null ? " unstable(" + p.unstableReason() + ")"
                : p.cv() != null ? String.format(Locale.ROOT, " unstable(cv %.1f%%)", 100 * p.cv()) : " unstable";
    }
}
