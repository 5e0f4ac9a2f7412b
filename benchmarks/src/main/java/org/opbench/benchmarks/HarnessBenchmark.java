package org.opbench.benchmarks;

import java.util.concurrent.TimeUnit;
import org.opbench.measure.EmptyOp;
import org.opbench.measure.Harness;
import org.opbench.measure.MeasureSettings;
import org.opbench.measure.Samples;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of opbench's own measuring: one {@code System.nanoTime} read, and one repetition of an operation that
 * does nothing as timed by {@link Harness} (the overhead every wall-clock sample carries and the per-repetition
 * loop cost). Run: {@code java -jar benchmarks/target/benchmarks.jar HarnessBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HarnessBenchmark {
    static final int REPS = 10_000;

    private final Harness harness = new Harness(new MeasureSettings(0, 0, REPS, 0, 60_000, REPS, 0.02, false, null, 0));
    private final EmptyOp op = new EmptyOp();

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Average time per repetition of the harness loop around an empty operation (array copies included). */
    @Benchmark
    @OperationsPerInvocation(REPS)
    public Samples harnessRepetition() throws Exception {
        return harness.measure(op);
    }
}
