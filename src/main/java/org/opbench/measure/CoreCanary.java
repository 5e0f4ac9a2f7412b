package org.opbench.measure;

/**
 * The speed of the core the measuring thread is on, read just before and after each timed round (issue 15): a fixed
 * vector loop over two arrays of 128 KiB (inside the L2 cache of every CPU opbench targets), timed {@value #PASSES}
 * times, its median compared with the fastest median this worker has seen.
 *
 * <p>Why: on the project's 2-vCPU KVM machine, one vCPU was for minutes at a time 2.7x slower on exactly such a loop
 * (18.5 us per pass against 50 us, pinned with {@code taskset}) while the other stayed fast; nothing in the guest
 * ({@code /proc/stat} steal, runnable tasks, context switches) showed it, since the cause (another tenant on the
 * physical core, presumably) is outside the guest. Workers whose rounds are interleaved wake on either vCPU, so their
 * rounds came out bimodal (the round medians of a point 1.3-1.5x apart) and an A/A pair disagreed on half the
 * points. A time-sliced competitor on the same core does not move the canary's median (passes of microseconds run
 * whole between two switches); that is the involuntary-switch rule's to catch.
 *
 * <p>It checks the thread that runs the canary, i.e. the core of the measuring thread, not those of a library's own
 * pool threads. Costs about 130 us per round here (two readings of {@value #PASSES} passes of 9 us), and
 * {@value #CALIBRATION_PASSES} passes (about 30 ms) when created, so that the loop is compiled before the first
 * reading. Not thread-safe: one per measuring thread.
 */
public final class CoreCanary {
    static final int FLOATS = 32768;
    static final int PASSES = 7;
    static final int CALIBRATION_PASSES = 3000;

    private final float[] a = new float[FLOATS];
    private final float[] b = new float[FLOATS];
    private final long[] times = new long[PASSES];
    private long best = Long.MAX_VALUE;

    public CoreCanary() {
        for (int i = 0; i < FLOATS; i++) {
            a[i] = (i % 7) * 0.25f;
        }
        for (int i = 0; i < CALIBRATION_PASSES; i++) {
            pass();
        }
        for (int i = 0; i < 8; i++) {
            passNanos();
        }
    }

    /**
     * Times the canary now: its median pass time divided by the fastest median seen so far (this one included), so
     * at least 1; 1.5 means the core runs this fixed loop half as fast again as at its best.
     */
    public double slowdown() {
        long now = passNanos();
        return (double) now / best;
    }

    /** The canary's median pass time in nanoseconds now; lowers the best seen. */
    public long passNanos() {
        for (int k = 0; k < PASSES; k++) {
            long t0 = System.nanoTime();
            pass();
            times[k] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(times);
        long median = Math.max(1, times[PASSES / 2]);
        best = Math.min(best, median);
        return median;
    }

    private void pass() {
        float[] x = a;
        float[] y = b;
        for (int i = 0; i < FLOATS; i++) {
            y[i] += x[i] * 0.5f;
        }
    }
}
