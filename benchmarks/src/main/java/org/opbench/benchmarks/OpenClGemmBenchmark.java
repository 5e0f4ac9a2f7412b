package org.opbench.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opbench.backend.opencl.OpenClBackend;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.problem.DataType;
import org.opbench.problem.FcProblem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Variant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * opbench's own OpenCL {@code gemm} kernel on a square SIZE^3 GEMM: an fc layer with batch SIZE, SIZE inputs and
 * SIZE outputs ({@code C = A * W^T}, the weights transposed at prepare, so the kernel computes a plain row-major
 * NN GEMM, plus a bias add), on the default OpenCL device.
 *
 * <ul>
 *   <li>JMH (wall clock per call, enqueue to finish): {@code java -jar benchmarks/target/benchmarks.jar
 *       OpenClGemmBenchmark -p tuner=rapid}</li>
 *   <li>GFLOPS from the device clock, checked against the reference: {@code java -cp benchmarks/target/benchmarks.jar
 *       org.opbench.benchmarks.OpenClGemmBenchmark [size=1024] [tuner=rapid] [reps=20] [key=value options]}</li>
 * </ul>
 * Compare with CLBlast on the same device: {@code benchmarks/clblast/clblast_sgemm.c}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OpenClGemmBenchmark {
    @Param("1024")
    public int size;
    @Param("default")
    public String tuner;

    private PreparedOp op;

    static PreparedOp prepare(int size, String tuner, Map<String, String> options) throws Exception {
        OpenClBackend backend = new OpenClBackend();
        Availability a = backend.probe();
        if (!a.available()) {
            throw new IllegalStateException("opencl unavailable: " + a.reason());
        }
        FcProblem p = new FcProblem(DataType.F32, size, size, 1, 1, size, "gemm" + size);
        return backend.prepare(p, new Variant("gemm", tuner, 1, options), ProblemData.of(p, 1));
    }

    @Setup(Level.Trial)
    public void setup() throws Exception {
        op = prepare(size, tuner, Map.of());
    }

    @Benchmark
    public void gemm() throws Exception {
        op.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        op.close();
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        String tuner = args.length > 1 ? args[1] : "rapid";
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            options.put(kv[0], kv[1]);
        }
        long t0 = System.nanoTime();
        try (PreparedOp op = prepare(size, tuner, options)) {
            double prepareMs = (System.nanoTime() - t0) / 1e6;
            op.run();
            long[] dev = new long[reps];
            long[] wall = new long[reps];
            for (int r = 0; r < reps; r++) {
                long w0 = System.nanoTime();
                op.run();
                wall[r] = System.nanoTime() - w0;
                dev[r] = op.lastDeviceNanos();
            }
            Arrays.sort(dev);
            Arrays.sort(wall);
            double flops = 2.0 * size * size * size;
            System.out.printf("opbench-cl gemm %dx%dx%d, tuner %s, %s on %s%n", size, size, size, tuner, op.impl(),
                    op.details().get("device"));
            System.out.printf("  tuner_config %s (tuning %.0f ms, prepare %.0f ms)%n", op.details().get("tuner_config"),
                    (Double) op.details().get("tuning_ms"), prepareMs);
            System.out.printf("  device clock: best %.1f GFLOPS (%.2f ms), median %.1f GFLOPS (%.2f ms)%n",
                    flops / dev[0], dev[0] / 1e6, flops / dev[reps / 2], dev[reps / 2] / 1e6);
            System.out.printf("  wall clock:   best %.1f GFLOPS (%.2f ms), median %.1f GFLOPS (%.2f ms), %d reps%n",
                    flops / wall[0], wall[0] / 1e6, flops / wall[reps / 2], wall[reps / 2] / 1e6, reps);
            FcProblem p = new FcProblem(DataType.F32, size, size, 1, 1, size, "gemm" + size);
            double err = Check.relativeError(op.output(), Reference.compute(ProblemData.of(p, 1)));
            System.out.printf("  relative error vs reference: %.2e%n", err);
        }
    }
}
