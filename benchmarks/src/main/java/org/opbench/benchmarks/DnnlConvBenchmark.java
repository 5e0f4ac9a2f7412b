package org.opbench.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.opbench.backend.dnnl.DnnlBackend;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Variant;

/**
 * Times the oneDNN convolution opbench times, built by the dnnl backend's own {@code prepare} (same primitive,
 * same layouts, same data seed), so opbench's per-run figure can be checked against JMH's.
 * oneDNN's thread count is fixed at process start, so set it in the environment (JMH forks inherit it):
 * <pre>
 * OMP_NUM_THREADS=1 java -jar benchmarks/target/benchmarks.jar DnnlConvBenchmark -f 1 -wi 2 -i 3 -t 1
 * </pre>
 * The output is checked against the Java reference at tear-down, so a wrong primitive fails the run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DnnlConvBenchmark {

    /** MobileNet-v1 1.0/224 layers: 1x1 at 112x112, 3x3 depthwise at 14x14, 1x1 at 28x28; and a 3x3 conv. */
    @Param({
        "mb1ic32ih112iw112oc64oh112ow112kh1kw1sh1sw1ph0pw0g1",
        "mb1ic512ih14iw14oc512oh14ow14kh3kw3sh1sw1ph1pw1g512",
        "mb1ic256ih28iw28oc256oh28ow28kh1kw1sh1sw1ph0pw0g1",
        "mb1ic32ih56iw56oc64oh56ow56kh3kw3sh1sw1ph1pw1g1",
    })
    public String descriptor;

    /** Convolution algorithm of the dnnl backend. */
    @Param({"auto"})
    public String algorithm;

    private ProblemData data;
    private PreparedOp op;

    @Setup(Level.Trial)
    public void prepare() throws BackendException {
        DnnlBackend backend = new DnnlBackend();
        Availability avail = backend.probe();
        if (!avail.available()) {
            throw new IllegalStateException("oneDNN unavailable: " + avail.reason());
        }
        Problem problem = Problems.parse(Op.CONV, descriptor);
        Variant variant = new Variant(algorithm, "none", backend.effectiveThreads());
        data = ProblemData.of(problem, 1);
        op = backend.prepare(problem, variant, data);
        System.err.println("dnnl " + avail.version() + " " + avail.device() + " threads="
                + backend.effectiveThreads() + " impl=" + op.impl() + " " + op.details());
    }

    @Benchmark
    public void run() throws BackendException {
        op.run();
    }

    @TearDown(Level.Trial)
    public void check() throws BackendException {
        try {
            float[] out = op.output();
            double err = Check.relativeError(out, Reference.compute(data));
            double tol = Tolerance.forAlgorithm(algorithm + " " + op.impl());
            if (!(err <= tol)) {
                throw new IllegalStateException(descriptor + ": relative error " + err + " > " + tol);
            }
        } finally {
            op.close();
        }
    }
}
