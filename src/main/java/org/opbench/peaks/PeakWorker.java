package org.opbench.peaks;

import java.util.List;
import org.opbench.spi.Availability;

/** Measures one provider's ceilings in the JVM it runs in (a worker's, through {@link CeilingJob}). */
final class PeakWorker {
    private PeakWorker() {
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
