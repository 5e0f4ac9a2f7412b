package org.opbench.peaks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory bandwidth by the STREAM triad {@code a[i] = b[i] + s * c[i]} (McCalpin) over three float arrays of
 * {@link PeakSettings#triadArrayBytes()} each, far larger than the last-level cache, split into one contiguous
 * part per thread, each part allocated and first touched by its thread. Bytes are counted as STREAM does: 3 x 4 per
 * element (two reads, one write; the write-allocate read of {@code a} is not counted). The best repetition is kept.
 */
public final class TriadCeiling extends JavaCeiling {
    public static final String NAME = "java-triad";
    private static final float SCALAR = 3f;

    public TriadCeiling() {
        super(NAME, Ceiling.BANDWIDTH);
    }

    @Override
    public List<Ceiling> measure(Integer threads, PeakSettings settings) throws InterruptedException {
        long requested = settings.triadArrayBytes();
        // three arrays must fit in the heap with room to spare
        long fit = (long) (Runtime.getRuntime().maxMemory() * 0.7 / 3);
        long arrayBytes = Math.min(requested, fit);
        long elements = arrayBytes / Float.BYTES / threads * threads;
        if (elements / threads > Integer.MAX_VALUE - 16) {
            elements = (long) (Integer.MAX_VALUE - 16) * threads;
        }
        int chunk = (int) Math.max(1, elements / threads);
        float[][] a = new float[threads][];
        float[][] b = new float[threads][];
        float[][] c = new float[threads][];
        double bytesPerRep = 3.0 * Float.BYTES * chunk * threads;
        double[] gbps = new double[settings.reps()];
        try (ThreadTeam team = new ThreadTeam(threads, new ThreadTeam.Work() {
            @Override
            public void setup(int index) {
                a[index] = new float[chunk];
                b[index] = new float[chunk];
                c[index] = new float[chunk];
                java.util.Arrays.fill(b[index], 1f);
                java.util.Arrays.fill(c[index], 2f);
                for (int i = 0; i < 5; i++) { // compile the kernel before timing
                    triad(a[index], b[index], c[index], Math.min(chunk, 1 << 16));
                }
            }

            @Override
            public void run(int index) {
                triad(a[index], b[index], c[index], chunk);
            }
        })) {
            team.time(); // one unmeasured round: page faults, JIT
            for (int r = 0; r < gbps.length; r++) {
                gbps[r] = bytesPerRep / team.time();
            }
        }
        float expected = 1f + SCALAR * 2f;
        for (int t = 0; t < threads; t++) {
            if (a[t][0] != expected || a[t][chunk - 1] != expected) {
                throw new IllegalStateException("triad computed a wrong value: " + a[t][0] + " instead of " + expected);
            }
        }
        long llc = CpuFacts.read().llcBytes() == null ? -1 : CpuFacts.read().llcBytes();
        Map<String, Object> details = new LinkedHashMap<>(JitFacts.read());
        details.put("array_bytes", (long) chunk * threads * Float.BYTES);
        details.put("requested_array_bytes", requested);
        details.put("llc_bytes", llc < 0 ? null : llc);
        details.put("arrays_exceed_4x_llc", llc < 0 ? null : 3L * chunk * threads * Float.BYTES >= 4 * llc);
        details.put("bytes_per_element", 3 * Float.BYTES);
        return List.of(Ceiling.ok(NAME, Ceiling.BANDWIDTH, Ceiling.CPU, threads, gbps,
                "STREAM triad a = b + s*c over 3 x " + (chunk * (long) threads * Float.BYTES >> 20)
                        + " MiB float arrays, 12 bytes per element (write-allocate not counted); best of "
                        + settings.reps() + " repetitions", details));
    }

    static void triad(float[] a, float[] b, float[] c, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = b[i] + SCALAR * c[i];
        }
    }
}
