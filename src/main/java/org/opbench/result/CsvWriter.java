package org.opbench.result;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One flat row per point for spreadsheets: the point keys without the samples, shape fields and statistics
 * spread into columns ({@code time_us_median}, ...). RFC 4180 quoting.
 */
public final class CsvWriter extends LineWriter {
    public static final List<String> COLUMNS = List.of("op", "problem", "layer", "network", "repeat", "batch", "dtype",
            "backend", "backend_version", "device", "emulated", "algorithm", "impl", "tuner", "threads", "status",
            "reason", "clock", "reps", "time_us_min", "time_us_median", "time_us_mean", "time_us_stddev", "time_us_p90",
            "time_us_max", "cv", "unstable", "flops", "bytes", "gflops", "gbps", "prepare_ms", "rel_err", "tolerance");

    private boolean header;

    public CsvWriter(Writer out) {
        super(out, "the CSV output");
    }

    /** A row for each point record; the run header and the other kinds have no row. */
    @Override
    String line(Record record) {
        if (!(record instanceof PointRecord p)) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        if (!header) {
            b.append(String.join(",", COLUMNS)).append('\n');
            header = true;
        }
        TimeStats t = p.timeUs();
        List<Object> row = new ArrayList<>(List.of(p.op(), p.problem(), str(p.layer()), str(p.network()), p.repeat(),
                p.batch(), p.dtype(), p.backend(), str(p.backendVersion()), str(p.device()), str(p.emulated()),
                p.algorithm(),
                str(p.impl()), p.tuner(), p.threads(), p.status().id(), str(p.reason()), str(p.clock()),
                p.samplesUs() == null ? "" : p.samplesUs().length));
        if (t == null) {
            for (int i = 0; i < 6; i++) {
                row.add("");
            }
        } else {
            row.addAll(List.of(t.min(), t.median(), t.mean(), t.stddev(), t.p90(), t.max()));
        }
        row.addAll(List.of(str(p.cv()), str(p.unstable()), p.flops(), p.bytes(), str(p.gflops()), str(p.gbps()),
                str(p.prepareMs()), str(p.relErr()), str(p.tolerance())));
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(row.get(i)));
        }
        return b.append('\n').toString();
    }

    private static Object str(Object o) {
        return o == null ? "" : o;
    }

    private static String quote(Object value) {
        String s = value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(value);
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
