package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code opbench network --dtype f32,int8} and {@code opbench export --dtype int8} on the small MobileNet through
 * worker JVMs: both precisions measured and checked against the fp32 network, records (validated against the
 * schema) carrying dtype and model size, OpenCV's refusal of the QDQ model with its reason.
 */
class NetworkPrecisionEndToEndTest {
    static final String MODEL = NetworkEndToEndTest.MODEL;

    @BeforeAll
    static void schema() throws IOException {
        NetworkEndToEndTest.setUp();
    }

    @Test
    void int8BesideFp32OnOnnxRuntimeWithModelSizes(@TempDir Path dir) throws IOException {
        NetworkEndToEndTest.assumeAvailable("onnxruntime");
        Path out = dir.resolve("p.jsonl");
        Cli r = Cli.run(NetworkEndToEndTest.args("network", "--model", MODEL, "--backends", "onnxruntime",
                "--dtype", "f32,int8", "--batch", "2", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> all = NetworkEndToEndTest.records(out);
        List<JsonNode> nets = NetworkEndToEndTest.kind(all, "network");
        assertEquals(List.of("f32", "int8"), nets.stream().map(n -> n.path("dtype").asText()).toList());
        JsonNode f32 = nets.get(0);
        JsonNode int8 = nets.get(1);
        for (JsonNode n : nets) {
            assertEquals("ok", n.path("status").asText(), n.path("reason").asText());
            assertEquals(Files.size(Path.of(n.path("model_file").asText())), n.path("model_bytes").asLong());
            assertTrue(n.path("rel_err").asDouble() <= n.path("tolerance").asDouble());
            assertEquals("onnxruntime cpu-none", n.path("reference").asText());
        }
        assertTrue(int8.path("model_bytes").asLong() * 3 < f32.path("model_bytes").asLong(), int8.toString());
        assertEquals(0.1, int8.path("tolerance").asDouble(), 1e-12);
        assertTrue(int8.path("rel_err").asDouble() > 1e-5, "int8 differs from the fp32 reference: " + int8);
        assertEquals("s8", int8.path("details").path("execution").path("storage").asText());
        assertTrue(int8.path("details").path("integer_kernels").asInt() >= 27, int8.path("details").toString());
        assertTrue(int8.path("details").has("top1_agreement"));
        assertTrue(NetworkEndToEndTest.kind(all, "layer").stream().anyMatch(l -> l.path("dtype").asText()
                .equals("int8") && l.path("kernel_op").asText().contains("QLinearConv")), "int8 layer profile");
        JsonNode header = NetworkEndToEndTest.kind(all, "run").get(0);
        assertEquals(int8.path("model_bytes").asLong(),
                header.path("settings").path("dtypes").path("int8").path("bytes").asLong());
        Cli again = Cli.run(NetworkEndToEndTest.args("network", "--model", MODEL, "--backends", "onnxruntime",
                "--dtype", "int8", "--batch", "2", "--out", out.toString(), "--resume"));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("nothing to measure"), "int8 batch is resumed by its dtype: " + again.err());
    }

    @Test
    void openCvReportsTheQdqModelUnsupportedWithItsReason(@TempDir Path dir) throws IOException {
        NetworkEndToEndTest.assumeAvailable("onnxruntime", "opencv");
        Path out = dir.resolve("cv.jsonl");
        Cli r = Cli.run(NetworkEndToEndTest.args("network", "--model", MODEL, "--backends", "opencv",
                "--dtype", "int8", "--batch", "1", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode n = NetworkEndToEndTest.kind(NetworkEndToEndTest.records(out), "network").get(0);
        assertEquals("unsupported", n.path("status").asText());
        assertEquals("int8", n.path("dtype").asText());
        assertTrue(n.path("reason").asText().contains("QDQ") && n.path("reason").asText().contains("Dequantize"),
                n.path("reason").asText());
        assertTrue(n.path("time_us").isNull());
    }

    @Test
    void exportWritesTheInt8ModelAndSaysWhatOnnxRuntimeRunsOfIt(@TempDir Path dir) throws IOException {
        NetworkEndToEndTest.assumeAvailable("onnxruntime");
        Path f = dir.resolve("m-int8.onnx");
        Cli r = Cli.run("export", MODEL, "--dtype", "int8", "--out", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("QDQ int8: 28 weights per-channel int8"), r.out());
        assertTrue(r.out().contains("runs 29 integer kernels"), r.out());
        assertTrue(Files.size(f) > 0);
    }
}
