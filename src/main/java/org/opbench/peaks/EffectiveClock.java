package org.opbench.peaks;

import java.util.Locale;

/**
 * The clock a core really runs at, measured (issue 22) the way benchdnn's effective-frequency figure is: time a chain
 * of dependent instructions of known latency and divide. {@code /proc/cpuinfo}'s {@code cpu MHz} is the clock when
 * read (on a VM the host's nominal clock) and may be far below the boost clock the cores reach under load.
 *
 * <p>Two chains of 64-bit integer operations, each step depending on the one before, in loops the JIT (C2) cannot
 * shorten:
 * <ul>
 *   <li>{@code x += x >>> 7}: a shift and an add, at least 2 cycles per step on every x86-64 core (both are
 *       1-cycle ALU operations and no x86 core fuses them);</li>
 *   <li>{@code x = x * m + i}: a 64-bit multiply (3 cycles on Intel cores since Nehalem and on AMD Zen 1-5) and an
 *       add (1 cycle), at least 4 cycles per step.</li>
 * </ul>
 * Chains such as {@code x *= m} alone are not used: C2 reassociates products of a loop invariant across the unrolled
 * body ({@code (x*m)*m} to {@code x*(m*m)}), which made such a chain look twenty times faster than the clock.
 * Each figure assumes the least latency the instructions have, so each is a lower bound of the clock; the estimate is
 * the higher of the two. On a core where a step takes longer than assumed the estimate stays below the real clock
 * (on an AMD family-26 VM here the multiply chain gave 3.26 GHz and the shift chain 3.67 GHz, cpuinfo 2.10 GHz).
 * Each chain runs in short trials (20,000 iterations: tens of microseconds) for {@code seconds}, and the fastest
 * counts, so a trial that the scheduler interrupted does not lower the figure (on that VM, loaded ten times over
 * by other builds, the figures stayed within 3% of each other). x86-64 only; elsewhere {@link #measure} says why not.
 */
public final class EffectiveClock {
    private static volatile long sink;
    private static volatile long multiplier = 0x9E3779B97F4A7C15L;
    static final int SHIFT_STEPS = 8;
    static final int MUL_STEPS = 4;
    static final int SHIFT_CYCLES = 2;
    static final int MUL_CYCLES = 4;
    private static final int ITERATIONS = 20_000;

    /**
     * The measured clock in MHz (null when not measured, with the reason), each chain's figure, and how.
     */
    public record Estimate(Double mhz, Double shiftAddMhz, Double mulAddMhz, String method, String reason) {
    }

    private EffectiveClock() {
    }

    /** Measures on the calling thread for about {@code seconds} per chain after a short warm-up. */
    public static Estimate measure(String arch, double seconds) {
        String a = arch == null ? "" : arch.toLowerCase(Locale.ROOT);
        if (!(a.equals("amd64") || a.equals("x86_64"))) {
            return new Estimate(null, null, null, null, "the effective clock is measured on x86-64 only (the chains' "
                    + "latencies are known there); this is " + arch);
        }
        long m = multiplier;
        long warm = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < warm) {
            sink = shiftAdd(sink, ITERATIONS / 10);
            sink = mulAdd(sink, m, ITERATIONS / 10);
        }
        double shiftNs = fastestStepNs(true, m, seconds);
        double mulNs = fastestStepNs(false, m, seconds);
        double shiftMhz = SHIFT_CYCLES / shiftNs * 1000;
        double mulMhz = MUL_CYCLES / mulNs * 1000;
        String method = String.format(Locale.ROOT, "effective clock measured: the higher of two dependent chains "
                + "(x += x >>> 7 at 2 cycles per step: %.0f MHz; x = x * m + i at 4 cycles: %.0f MHz), fastest "
                + "trial of many over %.2f s each on one thread", shiftMhz, mulMhz, seconds);
        return new Estimate(Math.max(shiftMhz, mulMhz), shiftMhz, mulMhz, method, null);
    }

    /** Nanoseconds per step of the fastest trial. */
    private static double fastestStepNs(boolean shift, long m, double seconds) {
        double best = Double.MAX_VALUE;
        long until = System.nanoTime() + (long) (seconds * 1e9);
        long x = sink;
        do {
            long t0 = System.nanoTime();
            x = shift ? shiftAdd(x, ITERATIONS) : mulAdd(x, m, ITERATIONS);
            long ns = System.nanoTime() - t0;
            best = Math.min(best, (double) ns / ((long) ITERATIONS * (shift ? SHIFT_STEPS : MUL_STEPS)));
        } while (System.nanoTime() < until);
        sink = x;
        return best;
    }

    static long shiftAdd(long x, int n) {
        for (int i = 0; i < n; i++) {
            x += x >>> 7;
            x += x >>> 7;
            x += x >>> 7;
            x += x >>> 7;
            x += x >>> 7;
            x += x >>> 7;
            x += x >>> 7;
            x += x >>> 7;
        }
        return x;
    }

    static long mulAdd(long x, long m, int n) {
        for (int i = 0; i < n; i++) {
            x = x * m + i;
            x = x * m + i;
            x = x * m + i;
            x = x * m + i;
        }
        return x;
    }
}
