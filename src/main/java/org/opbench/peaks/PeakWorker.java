package org.opbench.peaks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.opbench.result.Json;
import org.opbench.spi.Availability;

/**
 * The worker JVM of {@code opbench peaks}: {@code PeakWorker PROVIDER THREADS|-} with the settings as JSON on
 * standard input; prints one line {@value #PREFIX} followed by the JSON list of ceilings. Anything else on standard
 * output (native libraries print there) is ignored by the driver.
 */
public final class PeakWorker {
    public static final String PREFIX = "OPBENCH-PEAKS ";

    private PeakWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        if (args.length != 2) {
            System.err.println("usage: PeakWorker PROVIDER THREADS|-");
            System.exit(2);
        }
        PeakSettings settings = Json.mapper().readValue(System.in.readAllBytes(), PeakSettings.class);
        CeilingProvider provider = PeaksRun.provider(args[0]);
        Integer threads = args[1].equals("-") ? null : Integer.valueOf(args[1]);
        List<Ceiling> result = measure(provider, threads, settings);
        out.println(PREFIX + Json.mapper().writeValueAsString(result));
        out.flush();
        System.exit(0);
    }

    /** Probes and measures in this JVM; unavailability and failures become ceilings that say why. */
    static List<Ceiling> measure(CeilingProvider provider, Integer threads, PeakSettings settings) {
        Availability a;
        try {
            a = provider.probe();
        } catch (RuntimeException | LinkageError e) {
            return PeaksRun.notMeasured(provider, threads, "failed", "probe failed: " + e);
        }
        if (!a.available()) {
            return PeaksRun.notMeasured(provider, threads, "unavailable", a.reason());
        }
        try {
            List<Ceiling> c = provider.measure(threads, settings);
            if (c == null || c.isEmpty()) {
                return PeaksRun.notMeasured(provider, threads, "failed", "the provider returned no ceilings");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PeaksRun.notMeasured(provider, threads, "failed", "interrupted");
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            return PeaksRun.notMeasured(provider, threads, "failed", e.toString());
        }
    }
}
