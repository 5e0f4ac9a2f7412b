package org.opbench.backend.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opbench.testing.Refusals.assertRefused;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opbench.problem.DataType;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Availability;
import org.opbench.spi.BackendException;
import org.opbench.spi.Numerics;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;
import org.opbench.testing.BackendContract;
import org.opbench.testing.Expectation;

/**
 * The backend contract on acl (its running part needs arm64 Linux), and what acl answers without its native library:
 * availability off arm64, names, support, statuses.
 */
class AclBackendTest implements BackendContract {
    private final AclBackend backend = new AclBackend();

    @Override
    public Subject subject() {
        return new Subject(new AclBackend(), AclLibrary.arm64Linux()
                ? Expectation.dependsOn("the Arm Compute Library binding for arm64 Linux")
                : Expectation.unavailable("needs arm64"));
    }

    private static Problem conv(String d) {
        return Problems.parse(Op.CONV, d);
    }

    private static Variant v(String algorithm) {
        return new Variant(algorithm, "none", 1);
    }

    @Test
    void unavailableOffArm64NamingThisArchitecture() {
        Assumptions.assumeFalse(AclLibrary.arm64Linux(), "this JVM runs on arm64 Linux, where the binding loads");
        Availability a = backend.probe();
        assertTrue(a.reason().contains(System.getProperty("os.arch")), a.reason());
        Problem p = conv("mb1ic3ih8oc4kh3ph1");
        BackendException e = assertThrows(BackendException.class,
                () -> backend.prepare(p, v("auto"), ProblemData.of(p, 1)));
        assertTrue(e.getMessage().contains("needs arm64"), e.getMessage());
    }

    @Test
    void algorithmsPerOperatorDefaultFirst() {
        assertEquals("auto", backend.algorithms(Op.CONV).get(0));
        assertTrue(backend.algorithms(Op.CONV).containsAll(List.of("gemm", "direct", "winograd", "depthwise", "fft",
                "cl-direct")));
        for (Op op : List.of(Op.POOL, Op.SOFTMAX)) {
            assertEquals(List.of("auto", "cl"), backend.algorithms(op));
        }
        assertEquals(List.of("auto", "cl", "gemm-conv"), backend.algorithms(Op.FC));
        AclAlgorithm fcAsConv = AclAlgorithm.of(Op.FC, "gemm-conv");
        assertEquals(AclNative.NEON, fcAsConv.target());
        assertEquals(AclNative.CONV_GEMM, fcAsConv.conv());
        assertEquals(List.of("none", "cltuner-rapid", "cltuner-normal", "cltuner-exhaustive"), backend.tuners());
    }

    @Test
    void refusalsNameWhatIsRefused() {
        Problem dense = conv("mb1ic3ih8oc4kh3ph1");
        Problem depthwise = conv("mb1ic8ih8oc8kh3ph1g8");
        Problem dilated = conv("mb1ic4ih12oc4kh3ph2dh1");
        assertRefused(backend.supports(dense, v("depthwise")), "NEDepthwiseConvolutionLayer");
        assertTrue(backend.supports(depthwise, v("depthwise")).supported());
        assertTrue(backend.supports(depthwise, v("auto")).supported(), "auto sends depthwise to the depthwise function");
        assertTrue(backend.supports(depthwise, v("cl-depthwise")).supported());
        assertRefused(backend.supports(dilated, v("direct")), "no dilation");
        assertTrue(backend.supports(dilated, v("gemm")).supported(), "GEMM convolution takes a dilation");
        assertRefused(backend.supports(depthwise, v("winograd")), "no groups");
        assertRefused(backend.supports(dense, new Variant("direct", "cltuner-rapid", 1)), "OpenCL");
        assertTrue(backend.supports(dense, new Variant("cl-direct", "cltuner-rapid", 1)).supported());
        assertRefused(backend.supports(dense, new Variant("auto", "none", 1, Map.of("fast_math", "maybe"))), "fast_math");
        assertRefused(backend.supports(dense, new Variant("auto", "none", 1, Map.of("layout", "nhwc"))), "layout");
        assertTrue(backend.supports(dense, new Variant("auto", "none", 1, Map.of("fast_math", "true"))).supported());
    }

    /** f16 and int8 go to ACL (whose validate() decides); bf16 is refused before, naming why. */
    @Test
    void precisionsAclIsAskedAboutAndBf16Refused() {
        Problem dense = conv("mb1ic3ih8oc4kh3ph1");
        for (Precision t : List.of(Precision.F16, Precision.INT8)) {
            assertTrue(backend.supports(dense.withDtype(t), v("auto")).supported(), t.id());
            assertTrue(backend.supports(dense.withDtype(t), v("gemm")).supported(), t.id());
        }
        assertRefused(backend.supports(dense.withDtype(Precision.BF16), v("auto")), "BFLOAT16");
        assertEquals(Numerics.F16, AclOp.numerics(dense.withDtype(Precision.F16)));
        assertEquals(new Numerics(DataType.U8, DataType.S8, DataType.S32), AclOp.numerics(dense.withDtype(Precision.INT8)));
        Problem pool = Problems.parse(Op.POOL, "max:mb1ic4ih8oh4kh2sh2").withDtype(Precision.INT8);
        assertEquals(new Numerics(DataType.U8, DataType.U8, DataType.S32), AclOp.numerics(pool));
        assertEquals(Numerics.F32, AclOp.numerics(dense));
    }

    @Test
    void prepareRefusesWhatSupportsRefuses() {
        Problem dense = conv("mb1ic3ih8oc4kh3ph1");
        assertThrows(UnsupportedException.class, () -> backend.prepare(dense, v("depthwise"),
                ProblemData.of(dense, 1)));
    }

    @Test
    void statusCodesMapToExceptionsInOnePlace() throws BackendException {
        AclStatus.check(AclNative.OK, "call", "ignored");
        UnsupportedException u = assertThrows(UnsupportedException.class,
                () -> AclStatus.check(AclNative.UNSUPPORTED, "NEDirectConvolutionLayer configure", "validate: no"));
        assertTrue(u.getMessage().contains("UNSUPPORTED") && u.getMessage().contains("validate: no"), u.getMessage());
        for (int status : new int[] {AclNative.ERROR, AclNative.INVALID, 99}) {
            BackendException e = assertThrows(BackendException.class, () -> AclStatus.check(status, "run", "boom"));
            assertFalse(e instanceof UnsupportedException, "status " + status + " is a failure, not 'no implementation'");
            assertTrue(e.getMessage().contains("status " + status), e.getMessage());
        }
    }

    @Test
    void algorithmNamesMapToTargetsAndFunctions() {
        AclAlgorithm direct = AclAlgorithm.of(Op.CONV, "direct");
        assertEquals(AclNative.NEON, direct.target());
        assertEquals("NEDirectConvolutionLayer", direct.convFunction());
        AclAlgorithm clWinograd = AclAlgorithm.of(Op.CONV, "cl-winograd");
        assertEquals(AclNative.CL, clWinograd.target());
        assertEquals(AclNative.CONV_WINOGRAD, clWinograd.conv());
        assertEquals("CLWinogradConvolutionLayer", clWinograd.convFunction());
        assertEquals(AclNative.CL, AclAlgorithm.of(Op.POOL, "cl").target());
        assertEquals(null, AclAlgorithm.of(Op.POOL, "direct"));
    }
}
