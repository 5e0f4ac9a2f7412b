package org.opbench.measure;

import java.util.Arrays;
import org.opbench.spi.BackendException;
import org.opbench.spi.Clock;
import org.opbench.spi.PreparedOp;

/**
 * Runs warm-up and timed repetitions of a prepared operation. Each repetition is timed on its own
 * ({@code System.nanoTime} before and after {@link PreparedOp#run()}, or the backend's device clock),
 * into arrays allocated before timing starts: nothing is allocated between the two clock reads.
 */
public final class Harness {
    private final MeasureSettings settings;
    private final CacheEvictor evictor;

    public Harness(MeasureSettings settings) {
        this.settings = settings;
        this.evictor = settings.coldCache() ? new CacheEvictor() : null;
    }

    public Samples measure(PreparedOp op) throws BackendException {
        warmUp(op);
        Clock clock = op.clock();
        boolean device = clock == Clock.DEVICE;
        long[] timed = new long[settings.maxReps()];
        long[] wall = device ? new long[settings.maxReps()] : timed;
        long minNs = (long) (settings.minTimeMs() * 1e6);
        long maxNs = (long) (settings.maxTimeMs() * 1e6);
        long elapsed = 0;
        int n = 0;
        while (n < timed.length) {
            if (evictor != null) {
                evictor.evict();
            }
            long t0 = System.nanoTime();
            op.run();
            long t1 = System.nanoTime();
            wall[n] = t1 - t0;
            if (device) {
                timed[n] = op.lastDeviceNanos();
            }
            elapsed += t1 - t0;
            n++;
            if (elapsed >= maxNs || (n >= settings.minReps() && elapsed >= minNs)) {
                break;
            }
        }
        long[] t = Arrays.copyOf(timed, n);
        return new Samples(clock, t, device ? Arrays.copyOf(wall, n) : t);
    }

    private void warmUp(PreparedOp op) throws BackendException {
        long warmNs = (long) (settings.warmupMs() * 1e6);
        long maxNs = (long) (settings.maxTimeMs() * 1e6);
        long start = System.nanoTime();
        int n = 0;
        while (n < settings.warmupReps() || System.nanoTime() - start < warmNs) {
            op.run();
            n++;
            if (System.nanoTime() - start >= maxNs) {
                break;
            }
        }
    }
}
