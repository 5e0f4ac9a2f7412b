package org.opbench.peaks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peak fp32 compute of the CPU from Java: every thread runs chains of {@code Math.fma} over a small float array of its
 * own that stays in the L1 cache (4 KiB), eight dependent FMAs per element per pass, so that the JIT (C2) turns the
 * loop into vector FMA instructions and the many independent elements hide the FMA latency. On the machines tried it
 * reached the same rate as a register-resident kernel written with the incubating Vector API on JDK 17, without
 * needing {@code --add-modules jdk.incubator.vector}; it is a Java ceiling: a library kernel (oneDNN sgemm) can be
 * plugged in beside it as another {@link CeilingProvider}, and the roofline takes the highest.
 */
public final class FmaCeiling extends JavaCeiling {
    public static final String NAME = "java-fma";
    static final int ELEMENTS = 1024;
    static final int FMAS_PER_ELEMENT = 8;
    private static volatile float sink;

    public FmaCeiling() {
        super(NAME, Ceiling.COMPUTE);
    }

    @Override
    public List<Ceiling> measure(Integer threads, PeakSettings settings) throws InterruptedException {
        long passes = calibrate(settings.minTimeS());
        float[][] arrays = new float[threads][];
        double flopsPerRep = 2.0 * FMAS_PER_ELEMENT * ELEMENTS * passes * threads;
        double[] gflops = new double[settings.reps()];
        try (ThreadTeam team = new ThreadTeam(threads, new ThreadTeam.Work() {
            @Override
            public void setup(int index) {
                arrays[index] = new float[ELEMENTS];
                java.util.Arrays.fill(arrays[index], 1f + index);
            }

            @Override
            public void run(int index) {
                sink = kernel(arrays[index], passes);
            }
        })) {
            team.time(); // one unmeasured round with every thread
            for (int r = 0; r < gflops.length; r++) {
                gflops[r] = flopsPerRep / team.time();
            }
        }
        Map<String, Object> details = new LinkedHashMap<>(JitFacts.read());
        details.put("elements_per_thread", ELEMENTS);
        details.put("fmas_per_element_per_pass", FMAS_PER_ELEMENT);
        details.put("passes_per_rep", passes);
        return List.of(Ceiling.ok(NAME, Ceiling.COMPUTE, Ceiling.CPU, threads, gflops,
                "Math.fma chains over a 4 KiB float array per thread (L1-resident), vectorised by the JIT; "
                        + "2 flops per FMA; best of " + settings.reps() + " repetitions of at least "
                        + settings.minTimeS() + " s", details));
    }

    /** Warms the kernel up (interpreter, C1, C2) and returns the passes one thread needs for {@code minTimeS}. */
    static long calibrate(double minTimeS) {
        float[] a = new float[ELEMENTS];
        java.util.Arrays.fill(a, 1f);
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            sink = kernel(a, 16);
        }
        long passes = 64;
        while (true) {
            long t0 = System.nanoTime();
            sink = kernel(a, passes);
            long ns = System.nanoTime() - t0;
            if (ns >= 50_000_000L || passes > (1L << 40)) {
                return Math.max(1, (long) Math.ceil(passes * (minTimeS * 1e9) / ns));
            }
            passes *= 2;
        }
    }

    /**
     * {@code passes} rounds of eight dependent FMAs on every element. The values converge to 1 (x 0.999999 +
     * 1e-6): no overflow, no denormals.
     */
    static float kernel(float[] a, long passes) {
        final float x = 0.999999f;
        final float y = 1e-6f;
        for (long p = 0; p < passes; p++) {
            for (int i = 0; i < a.length; i++) {
                float v = a[i];
                v = Math.fma(v, x, y);
                v = Math.fma(v, x, y);
                v = Math.fma(v, x, y);
                v = Math.fma(v, x, y);
                v = Math.fma(v, x, y);
                v = Math.fma(v, x, y);
                v = Math.fma(v, x, y);
                v = Math.fma(v, x, y);
                a[i] = v;
            }
        }
        return a[0];
    }
}
