package org.opbench.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opbench.problem.DataType;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.BackendException;
import org.opbench.spi.Numerics;
import org.opbench.spi.UnsupportedException;
import org.opbench.spi.Variant;
import org.opbench.testing.LevelCheck;

/** onnxruntime's int8 (QLinearConv, QGemm, u8 MaxPool, QLinearAveragePool) and bf16/f16 points on the CPU provider. */
class OrtReducedTest {
    private static final OnnxRuntimeBackend BACKEND = new OnnxRuntimeBackend();

    /** The backend, probed (its providers known). */
    private static OnnxRuntimeBackend backend() {
        BACKEND.probe();
        return BACKEND;
    }

    private static Variant cpu(String opt, int threads) {
        return new Variant("cpu-" + opt, "none", threads);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "conv; mb2ic8ih10iw10oc16kh3kw3ph1pw1; all",
        "conv; mb1ic8ih11iw11oc8kh3kw3sh2sw2ph1pw1; all",
        "conv; g16mb1ic16ih9iw9oc16kh3kw3ph1pw1; all",
        "conv; g16mb1ic16ih10iw10oc16kh3kw3sh2sw2ph1pw1; none",
        "conv; mb1ic32ih7iw7oc24kh1kw1; all",
        "conv; mb1ic4ih9iw9oc8kh3kw3dh1dw1ph2pw2; none",
        "fc; mb2ic8ih3iw3oc10; all",
        "fc; mb4ic100oc7; none",
        "pool; max:mb2ic4ih8iw8kh2kw2sh2sw2; all",
        "pool; max:mb1ic3ih7iw7kh3kw3sh2sw2ph1pw1; none",
        "pool; avg_p:mb1ic4ih7iw7kh3kw3sh2sw2ph1pw1; all",
        "pool; avg_np:mb1ic4ih7iw7kh3kw3sh2sw2ph1pw1; all",
        "softmax; mb2ic10; all",
        "softmax; mb2ic1000; all",
        "softmax; mb1ic16ih3iw5; none",
    })
    void int8MatchesTheReferenceWithinOneLevel(String op, String descriptor, String opt) throws Exception {
        Problem p = Problems.parse(Op.parse(op), descriptor, Precision.INT8);
        for (int threads : new int[] {1, 2}) {
            LevelCheck.Ran ran = LevelCheck.run(backend(), p, cpu(opt, threads));
            assertTrue(ran.errorLevels() <= 1.001, p + ": " + ran.errorLevels() + " levels");
            assertTrue(ran.execution().numerics().quantized(), ran.execution().toString());
            assertTrue(ran.execution().impl().startsWith("CPUExecutionProvider:"), ran.execution().impl());
        }
    }

    @Test
    void int8ConvStatesU8TimesS8SummedInS32() throws Exception {
        Problem p = Problems.parse(Op.CONV, "mb1ic8ih6iw6oc8kh3kw3ph1pw1", Precision.INT8);
        LevelCheck.Ran ran = LevelCheck.run(backend(), p, cpu("all", 1));
        assertEquals(new Numerics(DataType.U8, DataType.S8, DataType.S32), ran.execution().numerics());
        assertEquals("CPUExecutionProvider:QLinearConv", ran.execution().impl());
    }

    /**
     * bf16 and f16: where the CPU provider has the kernel the point must match the reference within the type's
     * tolerance; where it has none, preparing fails with ORT's own NOT_IMPLEMENTED message and nothing is timed.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "conv; mb1ic8ih10iw10oc8kh3kw3ph1pw1; f16",
        "conv; mb1ic8ih10iw10oc8kh3kw3ph1pw1; bf16",
        "fc; mb2ic16oc8; f16",
        "fc; mb2ic16oc8; bf16",
        "pool; max:mb1ic4ih8iw8kh2kw2sh2sw2; f16",
        "pool; avg_p:mb1ic4ih8iw8kh2kw2sh2sw2; bf16",
    })
    void reducedFloatRunsCheckedOrIsRefusedWithOrtsReason(String op, String descriptor, String dtype)
            throws Exception {
        Problem p = Problems.parse(Op.parse(op), descriptor, Precision.parse(dtype));
        try {
            LevelCheck.Ran ran = LevelCheck.run(backend(), p, cpu("all", 1));
            assertTrue(ran.execution().numerics().reduced(), ran.execution().toString());
        } catch (UnsupportedException e) {
            assertTrue(e.getMessage().contains("ORT_NOT_IMPLEMENTED") || e.getMessage().contains("inserted Cast"),
                    e.getMessage());
        }
    }

    @Test
    void bf16ConvHasNoCpuKernel() {
        Problem p = Problems.parse(Op.CONV, "mb1ic8ih10iw10oc8kh3kw3ph1pw1", Precision.BF16);
        UnsupportedException e = assertThrows(UnsupportedException.class,
                () -> backend().prepare(p, cpu("all", 1), ProblemData.of(p, 1)).close());
        assertTrue(e.getMessage().contains("Could not find an implementation for Conv"), e.getMessage());
    }

    /** x86-64 builds of ORT have no float16 Conv kernel: ORT wraps the node in Casts to fp32, which is refused. */
    @Test
    void f16ConvOnX86IsRefusedForTheCastsOrtInserts() {
        Assumptions.assumeTrue(System.getProperty("os.arch").matches("amd64|x86_64"),
                "ORT's float16 CPU kernels depend on the architecture; this case is the x86-64 one");
        Problem p = Problems.parse(Op.CONV, "mb1ic8ih10iw10oc8kh3kw3ph1pw1", Precision.F16);
        UnsupportedException e = assertThrows(UnsupportedException.class,
                () -> backend().prepare(p, cpu("all", 1), ProblemData.of(p, 1)).close());
        assertTrue(e.getMessage().contains("inserted Cast nodes [InsertedPrecisionFreeCast_"), e.getMessage());
    }

    @Test
    void castsInTheOptimisedGraphAreFound() {
        List<NodeProto> graph = List.of(
                NodeProto.newBuilder().setName("c1").setOpType("Cast").build(),
                NodeProto.newBuilder().setName("conv").setOpType("Conv").build(),
                NodeProto.newBuilder().setName("q").setOpType("QLinearConv").build());
        assertEquals(List.of("c1"), OrtReduced.insertedCasts(graph));
        assertEquals(List.of(), OrtReduced.insertedCasts(graph.subList(1, 3)));
    }
}
