package org.opbench.peaks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.opbench.spi.Availability;
import org.opbench.supervisor.Job;
import org.opbench.supervisor.Sink;

/**
 * The ceilings of one provider at one thread count (null for a device provider), measured by one worker: a single
 * unit whose record is the list of {@link Ceiling}s. The worker finds the provider by name on its class path; an
 * in-process job may carry the provider object itself.
 */
public final class CeilingJob implements Job<CeilingJob> {
    static final int UNIT = 0;

    @JsonProperty("provider")
    private final String provider;
    @JsonProperty("threads")
    private final Integer threads;
    @JsonProperty("settings")
    private final PeakSettings settings;
    @JsonProperty("units")
    private final List<Integer> units;
    @JsonIgnore
    private final CeilingProvider local;

    @JsonCreator
    CeilingJob(@JsonProperty("provider") String provider, @JsonProperty("threads") Integer threads,
               @JsonProperty("settings") PeakSettings settings, @JsonProperty("units") List<Integer> units) {
        this(provider, threads, settings, units, null);
    }

    private CeilingJob(String provider, Integer threads, PeakSettings settings, List<Integer> units,
                       CeilingProvider local) {
        this.provider = provider;
        this.threads = threads;
        this.settings = settings;
        this.units = List.copyOf(units);
        this.local = local;
    }

    /** The job of {@code provider} at {@code threads}; in-process runs use the object, workers its name. */
    static CeilingJob of(CeilingProvider provider, Integer threads, PeakSettings settings) {
        return new CeilingJob(provider.name(), threads, settings, List.of(UNIT), provider);
    }

    @Override
    public List<Integer> units() {
        return units;
    }

    @Override
    public CeilingJob withUnits(List<Integer> remaining) {
        return new CeilingJob(provider, threads, settings, remaining, local);
    }

    @Override
    public void execute(Sink sink) {
        CeilingProvider p = local != null ? local : PeaksRun.provider(provider);
        for (int unit : units) {
            sink.start(unit);
            sink.record(unit, measure(p, threads, settings));
        }
        sink.done();
    }

    /** Probes and measures in this JVM; unavailability and failures become ceilings that say why. */
    private static List<Ceiling> measure(CeilingProvider provider, Integer threads, PeakSettings settings) {
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
