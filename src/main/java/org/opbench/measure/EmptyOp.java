package org.opbench.measure;

import org.opbench.spi.Execution;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;

/**
 * An operation that does nothing but count its runs: timed by {@link Harness}, it shows what the harness costs by
 * itself ({@link TimerCalibration}, the JMH harness benchmark, the harness tests).
 */
public class EmptyOp implements PreparedOp {
    private int runs;

    @Override
    public void run() {
        runs++;
    }

    /** How often {@link #run()} was called. */
    public int runs() {
        return runs;
    }

    @Override
    public float[] output() {
        return new float[0];
    }

    @Override
    public Execution execution() {
        return Execution.f32("empty", "empty", Transform.NONE);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
