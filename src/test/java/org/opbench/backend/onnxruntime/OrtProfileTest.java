package org.opbench.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parses a profile ONNX Runtime 1.29 wrote for the 3x3 conv mb1ic64ih56iw56oc64 at cpu-all with 2 threads and three
 * runs: each run is ReorderInput, the NCHWc Conv (node {@code y_nchwc}) and ReorderOutput.
 */
class OrtProfileTest {

    private static OrtProfile real() throws IOException {
        try (InputStream in = OrtProfileTest.class.getResourceAsStream("conv3x3_cpu-all_t2_profile.json")) {
            return OrtProfile.parse(in);
        }
    }

    @Test
    void sumsKernelsPerModelRun() throws IOException {
        OrtProfile p = real();
        assertEquals(3, p.runs());
        assertArrayEquals(new long[] {448 + 14522 + 72, 97 + 8025 + 72, 83 + 6146 + 69}, p.kernelUs());
        assertArrayEquals(new long[] {15205, 8238, 6338}, p.modelRunUs());
    }

    @Test
    void namesTheKernelsOfTheLastRun() throws IOException {
        OrtProfile p = real();
        assertEquals(3, p.kernels().size());
        assertEquals(new OrtProfile.Kernel("y_nchwc", "Conv", "CPUExecutionProvider"), p.kernels().get(1));
        assertEquals("ReorderInput,Conv[y_nchwc],ReorderOutput", p.kernelList("CPUExecutionProvider"));
        assertEquals("CPUExecutionProvider/ReorderInput,CPUExecutionProvider/Conv[y_nchwc],"
                + "CPUExecutionProvider/ReorderOutput", p.kernelList("CUDAExecutionProvider"));
    }

    @Test
    void detailsCarryMedianMinMax() throws IOException {
        Map<String, Object> d = real().details("CPUExecutionProvider");
        assertEquals(3, d.get("ort_profiled_runs"));
        assertEquals(8194.0, d.get("ort_kernel_us_median"));
        assertEquals(6298L, d.get("ort_kernel_us_min"));
        assertEquals(15042L, d.get("ort_kernel_us_max"));
        assertEquals(8238.0, d.get("ort_model_run_us_median"));
    }

    @Test
    void evenRunCountTakesTheMeanOfTheMiddlePair() throws IOException {
        String json = "[" + run(0, 10, 4) + "," + run(100, 20, 6) + "]";
        OrtProfile p = OrtProfile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(5.0, p.details("CPUExecutionProvider").get("ort_kernel_us_median"));
    }

    @Test
    void emptyProfileHasNoRuns() throws IOException {
        OrtProfile p = OrtProfile.parse(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of("ort_profiled_runs", 0), p.details("CPUExecutionProvider"));
    }

    @Test
    void rejectsWhatIsNotAnEventArray() {
        assertThrows(IOException.class,
                () -> OrtProfile.parse(new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8))));
    }

    private static String run(long ts, long dur, long kernel) {
        return "{\"cat\":\"Node\",\"name\":\"n_kernel_time\",\"ts\":" + (ts + 1) + ",\"dur\":" + kernel
                + ",\"args\":{\"op_name\":\"Softmax\",\"provider\":\"CPUExecutionProvider\"}},"
                + "{\"cat\":\"Session\",\"name\":\"model_run\",\"ts\":" + ts + ",\"dur\":" + dur + ",\"args\":{}}";
    }
}
