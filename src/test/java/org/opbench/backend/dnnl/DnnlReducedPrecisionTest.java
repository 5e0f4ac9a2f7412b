package org.opbench.backend.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opbench.problem.DataType;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.BackendException;
import org.opbench.spi.Numerics;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Support;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;

/** dnnl in bf16, f16 and int8 against the reference of each precision. */
class DnnlReducedPrecisionTest {
    private static DnnlBackend backend;

    @BeforeAll
    static void load() {
        backend = DnnlTestSupport.backend();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mb1ic3ih7iw9oc5kh3kw3sh1sw1ph1pw1",
        "mb2ic8ih12iw12oc16kh3kw3sh2sw2ph1pw1",
        "mb1ic16ih10iw10oc16kh3kw3sh1sw1ph1pw1g16",
        "mb1ic16ih9iw9oc16kh3kw3sh2sw2ph1pw1g16",
        "mb1ic32ih8iw8oc32kh3kw3sh2sw2ph0pw0g32",
        "mb1ic8ih9iw9oc8kh3kw3sh2sw2ph1pw1",
        "mb2ic8ih9iw11oc12kh3kw3sh1sw1ph0pw0g4",
        "mb3ic32ih7iw7oc24kh1kw1sh1sw1ph0pw0",
        "mb1ic64ih14iw14oc64kh1kw1sh1sw1ph0pw0",
    })
    void convBf16(String descriptor) throws BackendException {
        DnnlTestSupport.Ran ran = DnnlTestSupport.checkPrecision(backend, Op.CONV, descriptor, Precision.BF16, Map.of());
        assertEquals(new Numerics(DataType.BF16, DataType.BF16, DataType.F32), ran.numerics());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mb1ic3ih7iw9oc5kh3kw3sh1sw1ph1pw1",
        "mb2ic8ih12iw12oc16kh3kw3sh2sw2ph1pw1",
        "mb1ic16ih10iw10oc16kh3kw3sh1sw1ph1pw1g16",
        "mb1ic16ih9iw9oc16kh3kw3sh2sw2ph1pw1g16",
        "mb1ic32ih8iw8oc32kh3kw3sh2sw2ph0pw0g32",
        "mb1ic8ih9iw9oc8kh3kw3sh2sw2ph1pw1",
        "mb2ic8ih9iw11oc12kh3kw3sh1sw1ph0pw0g4",
        "mb3ic32ih7iw7oc24kh1kw1sh1sw1ph0pw0",
        "mb1ic64ih14iw14oc64kh1kw1sh1sw1ph0pw0",
    })
    void convInt8(String descriptor) throws BackendException {
        DnnlTestSupport.Ran ran = DnnlTestSupport.checkPrecision(backend, Op.CONV, descriptor, Precision.INT8, Map.of());
        assertEquals(Numerics.INT8, ran.numerics());
        assertFalse(ran.impl().startsWith("ref"), () -> descriptor + ": int8 fell back to " + ran.impl());
        assertEquals(descriptor.contains("g") ? ConvPrimitive.GROUPED_OC_MASK : ConvPrimitive.OC_MASK,
                ran.details().get("weights_scale_mask"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mb1ic64oc10", "mb3ic7oc5", "mb2ic3ih5iw7oc9", "mb1ic16ih3iw3oc33"})
    void fc(String descriptor) throws BackendException {
        DnnlTestSupport.checkPrecision(backend, Op.FC, descriptor, Precision.BF16, Map.of());
        DnnlTestSupport.Ran int8 = DnnlTestSupport.checkPrecision(backend, Op.FC, descriptor, Precision.INT8, Map.of());
        assertEquals(FcPrimitive.MATMUL_N_MASK, int8.details().get("weights_scale_mask"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "max:mb1ic5ih9iw9oh4ow4kh3kw3sh2sw2ph0pw0",
        "max:mb1ic5ih9iw9oh5ow5kh3kw3sh2sw2ph1pw1",       // padding
        "max:mb2ic4ih8iw8oh4ow4kh3kw3sh2sw2ph0pw0",       // ceil mode
        "avg_np:mb1ic3ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1",
        "avg_np:mb2ic4ih8iw8oh4ow4kh3kw3sh2sw2ph0pw0",    // ceil mode
        "avg_p:mb1ic16ih7iw7oh3ow3kh3kw3sh2sw2ph0pw0",    // no padding
        "avg_np:mb1ic6ih7iw10oh1ow1kh7kw10sh1sw1ph0pw0",  // global, non-square
    })
    void pool(String descriptor) throws BackendException {
        DnnlTestSupport.checkPrecision(backend, Op.POOL, descriptor, Precision.BF16, Map.of());
        DnnlTestSupport.checkPrecision(backend, Op.POOL, descriptor, Precision.INT8, Map.of());
    }

    /** avg_p with padding: bf16 counts the padding as zeros like the reference (int8 refuses it, below). */
    @ParameterizedTest
    @ValueSource(strings = {"avg_p:mb1ic3ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1", "avg_p:mb2ic4ih8iw8oh4ow4kh3kw3sh2sw2ph0pw0"})
    void avgPoolWithPaddingBf16(String descriptor) throws BackendException {
        DnnlTestSupport.checkPrecision(backend, Op.POOL, descriptor, Precision.BF16, Map.of());
    }

    /** An explicit activation layout applies to reduced precisions as to f32. */
    @ParameterizedTest
    @ValueSource(strings = {"nhwc", "nchw"})
    void convLayouts(String layout) throws BackendException {
        DnnlTestSupport.checkPrecision(backend, Op.CONV, "mb2ic8ih9iw7oc12kh3kw3sh1sw1ph1pw1", Precision.BF16,
                Map.of(Layout.KEY, layout));
        DnnlTestSupport.checkPrecision(backend, Op.CONV, "mb2ic8ih9iw7oc12kh3kw3sh1sw1ph1pw1", Precision.INT8,
                Map.of(Layout.KEY, layout));
    }

    @Test
    void int8AvgPoolWithPaddingIsRefusedWithTheReason() {
        Problem p = Problems.parse(Op.POOL, "avg_p:mb1ic3ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1").withDtype(Precision.INT8);
        Support s = backend.supports(p, DnnlTestSupport.variant(backend, "auto", Map.of()));
        assertFalse(s.supported());
        assertTrue(s.reason().contains("zero point"), s.reason());
    }

    @Test
    void int8SoftmaxIsRefusedAndBf16SoftmaxRuns() throws BackendException {
        Problem p = Problems.parse(Op.SOFTMAX, "mb2ic10ih3iw5").withDtype(Precision.INT8);
        Support s = backend.supports(p, DnnlTestSupport.variant(backend, "auto", Map.of()));
        assertFalse(s.supported());
        assertTrue(s.reason().contains("int8"), s.reason());
        DnnlTestSupport.checkPrecision(backend, Op.SOFTMAX, "mb2ic10ih3iw5", Precision.BF16, Map.of());
    }

    /**
     * f16 runs where oneDNN implements it on this CPU (avx512_fp16, AMX-FP16); elsewhere preparing fails with
     * oneDNN's own {@code dnnl_unimplemented}, never an f32 timing.
     */
    @Test
    void f16RunsOrIsRefusedWithOneDnnsStatus() throws BackendException {
        String descriptor = "mb2ic8ih12iw12oc16kh3kw3sh2sw2ph1pw1";
        Problem problem = Problems.parse(Op.CONV, descriptor).withDtype(Precision.F16);
        Variant variant = DnnlTestSupport.variant(backend, "auto", Map.of());
        assertTrue(backend.supports(problem, variant).supported());
        ProblemData data = ProblemData.of(problem, DnnlTestSupport.SEED);
        PreparedOp prepared;
        try {
            prepared = backend.prepare(problem, variant, data);
        } catch (UnsupportedException e) {
            System.out.println("dnnl f16 on this CPU: " + e.getMessage());
            assertTrue(e.getMessage().contains("dnnl_unimplemented"), e.getMessage());
            return;
        }
        prepared.close();
        DnnlTestSupport.Ran ran = DnnlTestSupport.checkPrecision(backend, Op.CONV, descriptor, Precision.F16, Map.of());
        assertEquals(new Numerics(DataType.F16, DataType.F16, DataType.F32), ran.numerics());
    }
}
