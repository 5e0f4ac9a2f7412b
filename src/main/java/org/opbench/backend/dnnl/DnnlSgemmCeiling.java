package org.opbench.backend.dnnl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.dnnl.global.dnnl;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.BackendCeiling;
import org.opbench.peaks.PeakSettings;
import org.opbench.spi.Backend;

/**
 * Peak fp32 compute as oneDNN's own sgemm reaches it: a 1024 x 1024 x 1024 single-precision matrix product
 * ({@code dnnl_sgemm}, 2 M N K flops), repeated for at least the settings' minimum time per repetition. The thread
 * count comes from {@code OMP_NUM_THREADS}, set by {@link #workerEnvironment} before the worker JVM starts.
 */
public final class DnnlSgemmCeiling extends BackendCeiling {
    public static final String NAME = "dnnl-sgemm";
    static final int N = 1024;

    public DnnlSgemmCeiling() {
        super(NAME, Ceiling.COMPUTE);
    }

    @Override
    protected Backend backend() {
        return new DnnlBackend();
    }

    @Override
    public List<Ceiling> measure(Integer threads, PeakSettings settings) throws Exception {
        long elements = (long) N * N;
        double flopsPerCall = 2.0 * N * N * N;
        double[] gflops = new double[settings.reps()];
        try (FloatPointer a = new FloatPointer(elements); FloatPointer b = new FloatPointer(elements);
             FloatPointer c = new FloatPointer(elements)) {
            for (long i = 0; i < elements; i++) {
                a.put(i, (i % 7) * 0.125f);
                b.put(i, (i % 5) * 0.25f);
            }
            sgemm(a, b, c); // warm-up: thread team, packing buffers
            for (int r = 0; r < gflops.length; r++) {
                long calls = 0;
                long t0 = System.nanoTime();
                long elapsed;
                do {
                    sgemm(a, b, c);
                    calls++;
                    elapsed = System.nanoTime() - t0;
                } while (elapsed < settings.minTimeS() * 1e9);
                gflops[r] = flopsPerCall * calls / elapsed;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("m_n_k", N);
        details.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        return List.of(Ceiling.ok(NAME, Ceiling.COMPUTE, Ceiling.CPU, threads, gflops,
                "dnnl_sgemm " + N + "x" + N + "x" + N + " (2MNK flops per call); best of " + settings.reps()
                        + " repetitions of at least " + settings.minTimeS() + " s", details));
    }

    private static void sgemm(FloatPointer a, FloatPointer b, FloatPointer c) throws Exception {
        DnnlStatus.check(dnnl.dnnl_sgemm((byte) 'N', (byte) 'N', N, N, N, 1f, a, N, b, N, 0f, c, N), "dnnl_sgemm");
    }
}
