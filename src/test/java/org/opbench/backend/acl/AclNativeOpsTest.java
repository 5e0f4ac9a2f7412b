package org.opbench.backend.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Layer;
import org.opbench.problem.DataType;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Quantization;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.Numerics;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;

/**
 * The binding in this JVM, on arm64 Linux (a board, or this test's JVM itself run by qemu): every NEON operator
 * and convolution algorithm of the small set against {@code Reference.compute}, ACL's refusals as
 * {@link UnsupportedException}s, deterministic close. Skips elsewhere with the backend's reason.
 */
class AclNativeOpsTest {
    static final long SEED = 7;
    private static AclBackend backend;

    @BeforeAll
    static void load() {
        backend = new AclBackend();
        Availability a = backend.probe();
        if (!a.available()) {
            System.err.println("AclNativeOpsTest skipped in this JVM: " + a.reason()
                    + (AclLibrary.arm64Linux() ? "" : " (native/test-in-qemu.sh runs it with an arm64 JVM under qemu)"));
        }
        Assumptions.assumeTrue(a.available(), a.reason());
    }

    /** Prepares, runs twice, compares; returns null when computed, else the UnsupportedException's message. */
    private static String check(Problem problem, Variant variant) throws BackendException {
        Support s = backend.supports(problem, variant);
        if (!s.supported()) {
            return s.reason();
        }
        ProblemData data = ProblemData.of(problem, SEED);
        float[] ref = Reference.compute(data);
        PreparedOp op;
        try {
            op = backend.prepare(problem, variant, data);
        } catch (UnsupportedException e) {
            return e.getMessage();
        }
        try (op) {
            op.run();
            op.run();
            float[] out = op.output();
            double err = Check.relativeError(out, ref);
            double tol = Tolerance.of(op.execution(), problem, ref);
            assertTrue(err <= tol, problem + " [" + variant.algorithm() + ", " + op.impl() + "]: " + err + " > " + tol);
            assertEquals(variant.threads(), op.details().get("threads"));
            op.close(); // idempotent: try-with-resources closes again
        }
        return null;
    }

    @Test
    void everyOperatorAndAlgorithmOfTheSmallSet(@TempDir Path dir) throws IOException, BackendException {
        List<String> failures = new ArrayList<>();
        for (Layer layer : AclExpectations.layers(dir)) {
            Problem p = layer.problem();
            List<String> algorithms = p.op() == Op.CONV ? AclExpectations.NEON_CONV
                    : p.op() == Op.FC ? List.of("auto", "gemm-conv") : List.of("auto");
            for (String alg : algorithms) {
                for (int threads : new int[] {1, 2}) {
                    String refusal = check(p, new Variant(alg, "none", threads));
                    String key = p.name() + "/" + alg;
                    boolean computed = refusal == null;
                    if (computed != AclExpectations.computes(p.name(), p.op().id(), alg)) {
                        failures.add(key + " t" + threads + ": " + (computed ? "computed" : refusal));
                    }
                    String pinned = AclExpectations.REASONS.get(key);
                    if (pinned != null && (refusal == null || !refusal.contains(pinned))) {
                        failures.add(key + ": reason '" + refusal + "' lacks '" + pinned + "'");
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Every operator and NEON algorithm of the small set in int8: within one level of RefInt8, or ACL's refusal. */
    @Test
    void int8EveryOperatorAndAlgorithmOfTheSmallSet(@TempDir Path dir) throws IOException, BackendException {
        List<String> failures = new ArrayList<>();
        for (Layer layer : AclExpectations.layers(dir)) {
            Problem p = layer.problem().withDtype(Precision.INT8);
            List<String> algorithms = p.op() == Op.CONV ? AclExpectations.NEON_CONV
                    : p.op() == Op.FC ? List.of("auto", "gemm-conv") : List.of("auto");
            for (String alg : algorithms) {
                String refusal = check(p, new Variant(alg, "none", 2));
                String key = layer.problem().name() + "/" + alg;
                boolean computed = refusal == null;
                if (computed != AclExpectations.computesInt8(key.split("/")[0], p.op().id(), alg)) {
                    failures.add(key + " int8: " + (computed ? "computed" : refusal));
                }
                String pinned = AclExpectations.INT8_REASONS.get(key);
                if (pinned != null && (refusal == null || !refusal.contains(pinned))) {
                    failures.add(key + " int8: reason '" + refusal + "' lacks '" + pinned + "'");
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void int8StatesItsNumericsAndHandsBackRealValues() throws BackendException {
        Problem p = Problems.parse(Op.CONV, "mb1ic16ih9oc8kh3sh2ph1").withDtype(Precision.INT8);
        ProblemData data = ProblemData.of(p, SEED);
        float[] ref = Reference.compute(data);
        try (PreparedOp op = backend.prepare(p, new Variant("auto", "none", 1), data)) {
            op.run();
            float[] out = op.output();
            assertEquals(new Numerics(DataType.U8, DataType.S8, DataType.S32), op.execution().numerics());
            assertTrue(Tolerance.errorLevels(p, out, ref) <= 1 + 1e-3, "within one level");
            Quantization q = data.quant();
            for (float v : out) {
                double level = v / q.dstScale() + q.dstZero();
                assertEquals(Math.rint(level), level, 1e-3, "a destination level's real value: " + v);
            }
        }
    }

    /**
     * f16: ACL computes it where the library was built with Armv8.2-A fp16 vector arithmetic, within the tolerance
     * of fp16 sums; Debian's arm64-v8a build refuses every F16 function in validate(), and the point is unsupported
     * with ACL's message.
     */
    @Test
    void f16ComputedOrRefusedWithAclsReason() throws BackendException {
        boolean built = AclExpectations.f16Built(backend.probe().details().get("build_information"));
        for (String[] c : new String[][] {{"conv", "mb1ic8ih10oc16kh3ph1", "auto"}, {"conv", "mb1ic8ih10oc16kh3ph1",
                "direct"}, {"conv", "mb1ic16ih9oc16kh3sh2ph1g16", "depthwise"}, {"fc", "mb2ic16oc10", "auto"},
                {"pool", "avg_p:mb1ic5ih9iw9oh5ow5kh3kw3sh2sw2ph1pw1", "auto"}}) {
            Problem p = Problems.parse(Op.parse(c[0]), c[1]).withDtype(Precision.F16);
            String refusal = check(p, new Variant(c[2], "none", 1));
            if (built) {
                assertEquals(null, refusal, c[1] + " " + c[2]);
            } else {
                assertTrue(refusal != null && refusal.contains(AclExpectations.F16_NOT_BUILT), c[1] + ": " + refusal);
            }
        }
    }

    @Test
    void fastMathWinograd() throws BackendException {
        Problem p = Problems.parse(Op.CONV, "mb1ic8ih16oc8kh3ph1");
        assertEquals(null, check(p, new Variant("winograd", "none", 1, Map.of(AclOp.FAST_MATH, "true"))));
    }

    @Test
    void libraryRefusalIsUnsupportedWithAclsReason() {
        Problem p = Problems.parse(Op.CONV, "mb2ic8ih9iw11oc12kh3g4");
        UnsupportedException e = assertThrows(UnsupportedException.class,
                () -> backend.prepare(p, new Variant("auto", "none", 1), ProblemData.of(p, SEED)));
        assertTrue(e.getMessage().contains("NEConvolutionLayer") && e.getMessage().contains("Grouping"),
                e.getMessage());
    }

    @Test
    void probeReportsVersionAndCpu() {
        Availability a = backend.probe();
        assertEquals("20.08", a.version());
        assertTrue(a.device().startsWith("cpu:neon:"), a.device());
        assertFalse(a.details().get("build_information").isBlank());
    }
}
