package org.opbench.backend.opencl;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencl._cl_program;
import org.opbench.backend.opencl.cl.ClBuffer;
import org.opbench.backend.opencl.cl.ClContext;
import org.opbench.backend.opencl.cl.ClDevice;
import org.opbench.backend.opencl.cl.ClDevices;
import org.opbench.backend.opencl.cl.ClKernel;
import org.opbench.backend.opencl.cl.Launch;
import org.opbench.backend.opencl.cl.Profiler;
import org.opbench.backend.opencl.cl.ProgramCache;
import org.opbench.backend.opencl.ops.KernelSources;
import org.opbench.env.OpbenchHome;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.BackendCeiling;
import org.opbench.peaks.PeakSettings;
import org.opbench.spi.Backend;

/**
 * Ceilings of the OpenCL device the {@code opencl} backend runs on by default ({@code operators/peak.cl}), timed
 * with the device's profiling clock like the backend's points and named with the same device string, so that the
 * roofline places opencl points under the device's own roof:
 * <ul>
 *   <li>compute: {@code peak_fma}, independent multiply-add chains per work-item on compute units x 4096
 *       work-items (2 flops per lane per mad), in several (vector width, chains) variants from scalar x 8 to
 *       float16 x 16, the best kept (CPUs need wide vectors and many chains, GPUs narrow ones);</li>
 *   <li>bandwidth: {@code peak_triad}, the STREAM triad over three float4 arrays of
 *       {@link PeakSettings#triadArrayBytes()} each (capped by the device's largest allocation), bytes counted as
 *       STREAM does.</li>
 * </ul>
 * Measured per host thread count, because PoCL's CPU device uses as many threads as the worker allows
 * ({@code POCL_MAX_PTHREAD_COUNT}, as for the backend's points); a GPU driver gives the same figure at every count.
 */
public final class OpenClCeiling extends BackendCeiling {
    public static final String NAME = "opencl";
    static final int ITERS = 256;
    /** (vector width, chains) variants of {@code peak_fma}; the best counts. */
    static final int[][] FMA_VARIANTS = {{1, 8}, {4, 8}, {8, 16}, {16, 16}};

    public OpenClCeiling() {
        super(NAME, Ceiling.COMPUTE, Ceiling.BANDWIDTH);
    }

    @Override
    protected Backend backend() {
        return new OpenClBackend();
    }

    @Override
    public List<Ceiling> measure(Integer threads, PeakSettings settings) throws Exception {
        ClDevice dev = DeviceSelector.select(ClDevices.list(), null);
        if (dev == null) {
            throw new IllegalStateException("no OpenCL device");
        }
        String device = OpenClBackend.deviceLabel(dev);
        Path cache = OpbenchHome.cacheDir().resolve(OpenClBackend.NAME).resolve("programs");
        try (ClContext ctx = ClContext.create(dev, new ProgramCache(cache));
             Profiler profiler = new Profiler(1)) {
            String source = KernelSources.read("peak.cl");
            Ceiling compute = compute(ctx, source, profiler, dev, device, threads, settings);
            Ceiling bandwidth = bandwidth(ctx, ctx.program(source, ""), profiler, dev, device, threads,
                    settings);
            return List.of(compute, bandwidth);
        }
    }

    private static Ceiling compute(ClContext ctx, String source, Profiler profiler, ClDevice dev, String device,
                                   Integer threads, PeakSettings settings) throws Exception {
        long items = (long) Math.max(1, dev.computeUnits()) * 4096;
        ClBuffer out = ctx.zeros(items);
        double[] best = null;
        double bestTop = 0;
        String bestVariant = null;
        Map<String, Object> perVariant = new LinkedHashMap<>();
        for (int[] v : FMA_VARIANTS) {
            String name = "VW=" + v[0] + ",CHAINS=" + v[1];
            _cl_program program = ctx.program(source, "-DITERS=" + ITERS + " -DVW=" + v[0] + " -DCHAINS=" + v[1]);
            ClKernel k = ctx.kernel(program, "peak_fma").args(out, 0.999f, 0.001f);
            Launch launch = ctx.launch(k, new long[] {items}, null);
            double flops = (double) items * ITERS * v[0] * v[1] * 2;
            double[] gflops = repeat(ctx, profiler, launch, flops, settings);
            double top = Arrays.stream(gflops).max().orElse(0);
            perVariant.put(name, top);
            if (best == null || top > bestTop) {
                best = gflops;
                bestTop = top;
                bestVariant = name;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("work_items", items);
        details.put("best_variant", bestVariant);
        details.put("variants_gflops", perVariant);
        details.put("driver", dev.platformVersion() + "; " + dev.driverVersion());
        return Ceiling.ok(NAME, Ceiling.COMPUTE, device, threads, best, "peak_fma: independent mad chains x " + ITERS
                + " iterations per work-item, " + items + " work-items (2 flops per lane per mad), best of the (vector "
                + "width, chains) variants (" + bestVariant + " here), kernel execution time on the device clock; best "
                + "of " + settings.reps() + " repetitions of at least " + settings.minTimeS() + " s", details);
    }

    private static Ceiling bandwidth(ClContext ctx, _cl_program program, Profiler profiler, ClDevice dev,
                                     String device, Integer threads, PeakSettings settings) throws Exception {
        long arrayBytes = Math.min(settings.triadArrayBytes(), dev.maxAllocBytes());
        arrayBytes = Math.min(arrayBytes, dev.globalMemBytes() / 4);
        long vectors = Math.max(1, arrayBytes / 16);
        ClBuffer a = ctx.zeros(vectors * 4);
        ClBuffer b = ctx.zeros(vectors * 4);
        ClBuffer c = ctx.zeros(vectors * 4);
        ClKernel k = ctx.kernel(program, "peak_triad").args(a, b, c, 3f);
        Launch launch = ctx.launch(k, new long[] {vectors}, null);
        double bytes = 3.0 * 16 * vectors;
        double[] gbps = repeat(ctx, profiler, launch, bytes, settings);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("array_bytes", vectors * 16);
        return Ceiling.ok(NAME, Ceiling.BANDWIDTH, device, threads, gbps, "peak_triad: STREAM triad over three float4 "
                + "arrays of " + (vectors * 16 >> 20) + " MiB (3 x 16 bytes per work-item), device clock; best of "
                + settings.reps() + " repetitions of at least " + settings.minTimeS() + " s", details);
    }

    /**
     * {@code reps} rates: each repetition runs the launch until at least the minimum time of device time has passed
     * (one untimed launch first) and divides the work ({@code perLaunch} flops or bytes) by the kernels' execution
     * time (END - START of the profiling events), in units of 1e9 per second.
     */
    private static double[] repeat(ClContext ctx, Profiler profiler, Launch launch, double perLaunch,
                                   PeakSettings settings) throws Exception {
        Launch[] one = {launch};
        profiler.run(ctx.queue(), one); // build and first-touch outside the timing
        double[] rates = new double[settings.reps()];
        for (int r = 0; r < rates.length; r++) {
            long device = 0;
            long launches = 0;
            do {
                profiler.run(ctx.queue(), one);
                device += profiler.execNanos();
                launches++;
            } while (device < settings.minTimeS() * 1e9);
            rates[r] = perLaunch * launches / device;
        }
        return rates;
    }
}
