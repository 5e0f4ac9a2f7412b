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
        int n = RoundHarness.loop(op, evictor, timed, wall, device, 0, timed.length, settings.minReps(),
                (long) (settings.minTimeMs() * 1e6), (long) (settings.maxTimeMs() * 1e6));
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
