package org.opbench.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.Clock;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;

/**
 * Every operator and precision against the reference on small problems. Builds the single-node ONNX models on any
 * machine; running them needs a CUDA device with TensorRT, and is skipped with the probe's reason where there is none.
 */
class TensorRtGpuTest {
    private static final TensorRtBackend BACKEND = new TensorRtBackend();
    /**
     * int8 has no tolerance of its own in {@link Tolerance} yet: a calibrated int8 result on inputs of the
     * calibration distribution should stay within a few percent of the output range; this bound only catches
     * broken engines (wrong layout, uncalibrated ranges).
     */
    private static final double INT8_SANITY = 0.1;
    private static Availability availability;

    private static final String[][] POINTS = {
        {"conv", "mb1ic3ih8oc4kh3ph1"},
        {"conv", "mb2ic4ih9iw7oc6kh3kw5sh2sw1ph1pw2"},
        {"conv", "mb1ic8ih10oc8kh3ph1g8"},
        {"conv", "mb1ic8ih6oc12kh1g4"},
        {"fc", "mb3ic4ih3iw3oc7"},
        {"fc", "mb1ic64oc10"},
        {"pool", "max:mb2ic3ih8oh4kh2sh2"},
        {"pool", "avg_np:ic3ih7kh3sh2ph1"},
        {"pool", "avg_p:ic3ih7kh3sh2ph1"},
        {"pool", "max:ic4ih14oh7kh3sh2ph0"},
        {"softmax", "mb2ic10ih3iw4"},
        {"softmax", "mb1ic1000"},
    };

    @BeforeAll
    static void probe() {
        availability = BACKEND.probe();
    }

    private static void assumeGpu() {
        Assumptions.assumeTrue(availability.available(), () -> "tensorrt is unavailable here: "
                + availability.reason());
    }

    @Test
    void everyOpAndPrecisionMatchesTheReference() throws BackendException {
        for (String[] point : POINTS) { // the models are built in Java: a failure here fails on every machine
            Problem p = Problems.parse(Op.parse(point[0]), point[1]);
            assertTrue(OnnxSources.defaultSource().model(p, ProblemData.of(p, 42)).length > 0, point[1]);
        }
        assumeGpu();
        for (String[] point : POINTS) {
            for (String precision : BACKEND.algorithms(Op.parse(point[0]))) {
                Problem p = Problems.parse(Op.parse(point[0]), point[1]);
                ProblemData data = ProblemData.of(p, 42);
                PreparedOp op;
                try {
                    op = BACKEND.prepare(p, new Variant(precision, "none", 1), data);
                } catch (UnsupportedException e) {
                    assertTrue(!precision.equals("fp32"), "fp32 must build: " + point[1] + ": " + e.getMessage());
                    continue;
                }
                try (op) {
                    assertEquals(Clock.DEVICE, op.clock());
                    op.run();
                    op.run();
                    assertTrue(op.lastDeviceNanos() >= 0);
                    double err = Check.relativeError(op.output(), Reference.compute(data));
                    double tol = precision.equals("int8") ? INT8_SANITY : Tolerance.of(op.execution());
                    assertTrue(err <= tol, point[1] + " " + precision + " (" + op.impl() + "): " + err + " > " + tol);
                    Map<String, Object> d = op.details();
                    assertTrue(d.containsKey("build_ms") && d.containsKey("h2d_ms") && d.containsKey("d2h_ms")
                            && d.containsKey("device_mem_bytes") && d.containsKey("timing_cache"), d.toString());
                }
            }
        }
    }

    @Test
    void secondBuildOfTheSameLayerUsesTheTimingCache() throws BackendException {
        assumeGpu();
        Problem p = Problems.parse(Op.CONV, "mb1ic16ih14oc16kh3ph1");
        for (int i = 0; i < 2; i++) {
            try (PreparedOp op = BACKEND.prepare(p, new Variant("fp32", "none", 1), ProblemData.of(p, 1))) {
                if (i == 1) {
                    assertEquals("loaded", op.details().get("timing_cache"));
                }
            }
        }
    }
}
