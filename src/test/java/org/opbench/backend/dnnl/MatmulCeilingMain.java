package org.opbench.backend.dnnl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.PeakSettings;
import org.opbench.spi.Availability;

/**
 * Child-process entry of {@link DnnlMatmulCeilingTest}: measures ceiling {@code args[0]} at size {@code args[1]}
 * in a process whose environment (ONEDNN_MAX_CPU_ISA, OMP_NUM_THREADS) the test set, and prints key=value lines.
 */
public final class MatmulCeilingMain {
    private MatmulCeilingMain() {
    }

    public static void main(String[] args) throws Exception {
        DnnlBackend backend = new DnnlBackend();
        Availability a = backend.probe();
        if (!a.available()) {
            System.out.println("unavailable=" + a.reason());
            return;
        }
        int n = Integer.parseInt(args[1]);
        DnnlMatmulCeiling ceiling = args[0].equals(DnnlBf16Ceiling.NAME) ? new DnnlBf16Ceiling(n)
                : new DnnlInt8Ceiling(n);
        int threads = backend.effectiveThreads();
        Ceiling c = ceiling.measure(threads, new PeakSettings(List.of(threads), 1, 0.01, 1 << 20, 60)).get(0);
        System.out.println("isa=" + DnnlLibrary.info().isa());
        System.out.println("status=" + c.status());
        System.out.println("dtype=" + c.dtype());
        System.out.println("reason=" + c.reason());
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
