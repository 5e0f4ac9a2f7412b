package org.opbench.backend.tensorrt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.tensorrt.global.nvonnxparser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.measure.Tolerance;
import org.opbench.problem.DataType;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;
import org.opbench.spi.UnsupportedException;

/** The tensorrt pieces that need no GPU: precisions, calibration data, timing cache file, layer info, statuses. */
class TensorRtPartsTest {

    @Test
    void precisionFlags() {
        assertEquals(Precision.FP32, Precision.parse("fp32"));
        assertEquals(Precision.INT8, Precision.parse("INT8"));
        assertEquals(null, Precision.parse("fp8"));
        assertFalse(Precision.FP32.allowsTf32(), "fp32 means no TF32");
        assertTrue(Precision.TF32.allowsTf32());
        assertTrue(Precision.FP16.allowsFp16());
        assertTrue(Precision.INT8.allowsFp16() && Precision.INT8.int8());
        assertFalse(Precision.FP16.int8());
    }

    @Test
    void eachPrecisionStatesTheFormatsItsBuilderFlagsAllow() {
        String fp32 = EngineLayers.impl("fp32", List.of(new EngineLayers.Layer("conv0", "CaskConvolution", "")));
        Execution e = Precision.FP32.execution(fp32);
        assertEquals(Numerics.F32, e.numerics());
        assertEquals("fp32", e.algorithm());
        assertEquals(fp32, e.impl());
        // TensorRT times its tactics (Winograd and FFT among them) and does not say which transform one uses
        assertEquals(Transform.UNREPORTED, e.transform());
        assertEquals(Tolerance.TRANSFORM, Tolerance.of(e));
        assertEquals(DataType.TF32, Precision.TF32.execution("x").numerics().math());
        assertEquals(DataType.F16, Precision.FP16.execution("x").numerics().storage());
        assertEquals(DataType.S32, Precision.INT8.execution("x").numerics().accumulation());
        assertEquals(Tolerance.REDUCED_PRECISION, Tolerance.of(Precision.TF32.execution("x")));
        assertEquals(Tolerance.REDUCED_PRECISION, Tolerance.of(Precision.FP16.execution("x")));
        assertEquals(Tolerance.QUANTIZED, Tolerance.of(Precision.INT8.execution("x")));
    }

    @Test
    void calibrationBatchesAreSeededUniformAndDistinct() {
        CalibrationBatches b = new CalibrationBatches(123, 1000, 4);
        float[] first = b.batch(0);
        assertArrayEquals(first, new CalibrationBatches(123, 1000, 4).batch(0), "same seed, same batch");
        assertArrayEquals(b.batch(2), b.batch(2), "a batch does not depend on the order of calls");
        assertFalse(Arrays.equals(first, b.batch(1)));
        assertFalse(Arrays.equals(first, new CalibrationBatches(124, 1000, 4).batch(0)));
        double min = 1;
        double max = -1;
        for (float v : first) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= -1 && max < 1 && min < -0.9 && max > 0.9, min + " " + max);
        assertThrows(IndexOutOfBoundsException.class, () -> b.batch(4));
        assertThrows(IllegalArgumentException.class, () -> new CalibrationBatches(1, 0, 1));
    }

    @Test
    void timingCacheFileRoundTripsAndIsNamedPerVersionAndDevice(@TempDir Path dir) throws Exception {
        TimingCacheFile f = TimingCacheFile.in(dir, "10.15.1", "NVIDIA H100 80GB HBM3", 9, 0);
        assertEquals(dir.resolve("timing-trt10.15.1-nvidia-h100-80gb-hbm3-sm90.cache"), f.path());
        assertEquals(0, f.read().length, "no cache yet");
        f.write(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, f.read());
        f.write(new byte[] {4});
        assertArrayEquals(new byte[] {4}, f.read());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void engineLayersFromDetailedJson() {
        String json = "{\"Layers\": [{\"Name\": \"conv0\", \"LayerType\": \"CaskConvolution\","
                + " \"Inputs\": [], \"Outputs\": [], \"TacticName\": \"sm80_xmma_fprop_implicit_gemm_tf32f32\"},"
                + " {\"Name\": \"reformat\", \"LayerType\": \"Reformat\"}], \"Bindings\": [\"x\", \"y\"]}";
        List<EngineLayers.Layer> layers = EngineLayers.parse(json);
        assertEquals(2, layers.size());
        assertEquals(new EngineLayers.Layer("conv0", "CaskConvolution", "sm80_xmma_fprop_implicit_gemm_tf32f32"), layers.get(0));
        assertEquals("reformat", layers.get(1).label().toLowerCase());
        assertEquals("trt:fp32:sm80_xmma_fprop_implicit_gemm_tf32f32+reformat", EngineLayers.impl("fp32", layers));
    }

    @Test
    void engineLayersFromNamesOnlyAndGarbage() {
        assertEquals(List.of(new EngineLayers.Layer("conv0", "", "")), EngineLayers.parse("{\"Layers\": [\"conv0\"]}"));
        assertTrue(EngineLayers.parse("not json").isEmpty());
        assertTrue(EngineLayers.parse("{\"Bindings\": []}").isEmpty());
        assertTrue(EngineLayers.parse(null).isEmpty());
        assertEquals("trt:fp16", EngineLayers.impl("fp16", List.of()));
    }

    @Test
    void parserUnsupportedCodesAreUnsupported() {
        assertTrue(TrtStatus.unsupported(nvonnxparser.ErrorCode.kUNSUPPORTED_NODE));
        assertTrue(TrtStatus.unsupported(nvonnxparser.ErrorCode.kUNSUPPORTED_NODE_ATTR));
        assertFalse(TrtStatus.unsupported(nvonnxparser.ErrorCode.kINVALID_GRAPH));
        BackendException u = TrtStatus.parseFailure(List.of(
                new TrtStatus.ParserError(nvonnxparser.ErrorCode.kINVALID_VALUE, "", "a"),
                new TrtStatus.ParserError(nvonnxparser.ErrorCode.kUNSUPPORTED_NODE_DATATYPE, "Conv_0", "b")));
        assertInstanceOf(UnsupportedException.class, u);
        assertTrue(u.getMessage().contains("Conv_0"), u.getMessage());
        BackendException f = TrtStatus.parseFailure(List.of(
                new TrtStatus.ParserError(nvonnxparser.ErrorCode.kMODEL_DESERIALIZE_FAILED, "", "bad bytes")));
        assertFalse(f instanceof UnsupportedException);
    }
}
