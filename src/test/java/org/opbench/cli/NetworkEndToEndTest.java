package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.env.OpbenchHome;
import org.opbench.network.run.NetworkBackends;
import org.opbench.result.Json;
import org.opbench.spi.Availability;

/**
 * {@code opbench network} on the small MobileNet (0.25, 128x128) at batch 1 through worker JVMs, its records
 * validated against the schema; export and re-import of the same model; the memory limit and the auto batch stop.
 */
class NetworkEndToEndTest {
    static final String[] FAST = {"--reps", "2", "--min-time", "0", "--warmup", "0", "--profile-runs", "2", "-q"};
    static final String MODEL = "mobilenet-v1-0.25-128";
    static JsonSchema schema;

    @BeforeAll
    static void setUp() throws IOException {
        try (InputStream in = NetworkEndToEndTest.class.getResourceAsStream("/schema/opbench-results.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static void assumeAvailable(String... backends) {
        NetworkBackends all = NetworkBackends.load();
        for (String b : backends) {
            Availability a = all.availability(all.get(b));
            Assumptions.assumeTrue(a.available(), b + ": " + a.reason());
        }
    }

    static String[] args(String... head) {
        String[] all = new String[head.length + FAST.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(FAST, 0, all, head.length, FAST.length);
        return all;
    }

    static List<JsonNode> records(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = Json.mapper().readTree(line);
            assertTrue(schema.validate(n).isEmpty(), file + ": " + schema.validate(n) + " in " + line);
            out.add(n);
        }
        return out;
    }

    static List<JsonNode> kind(List<JsonNode> records, String kind) {
        return records.stream().filter(r -> kind.equals(r.path("record").asText())).toList();
    }

    @Test
    void resumeMeasuresOnlyTheBatchesNotInTheFile(@TempDir Path dir) throws IOException {
        assumeAvailable("onnxruntime");
        Path out = dir.resolve("r.jsonl");
        Cli first = Cli.run(args("network", "--model", MODEL, "--backends", "onnxruntime", "--batch", "1",
                "--out", out.toString()));
        assertEquals(0, first.code(), first.err());
        Cli refused = Cli.run(args("network", "--model", MODEL, "--backends", "onnxruntime", "--batch", "1,2",
                "--out", out.toString()));
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("--resume"), refused.err());
        Cli resumed = Cli.run(args("network", "--model", MODEL, "--backends", "onnxruntime", "--batch", "1,2",
                "--out", out.toString(), "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        List<JsonNode> all = records(out);
        List<Integer> batches = kind(all, "network").stream().map(n -> n.path("batch").asInt()).toList();
        assertEquals(List.of(1, 2), batches);
        assertEquals(2, kind(all, "run").size());
        assertTrue(kind(all, "run").get(1).path("settings").path("resumed").asBoolean());
        Cli nothing = Cli.run(args("network", "--model", MODEL, "--backends", "onnxruntime", "--batch", "2",
                "--out", out.toString(), "--resume"));
        assertEquals(0, nothing.code(), nothing.err());
        assertTrue(nothing.err().contains("nothing to measure"), nothing.err());
        Cli other = Cli.run(args("network", "--model", "squeezenet-1.1", "--backends", "onnxruntime", "--batch", "1",
                "--out", out.toString(), "--resume"));
        assertEquals(2, other.code());
        assertTrue(other.err().contains("holds results of model " + MODEL), other.err());
        Cli auto = Cli.run(args("network", "--model", MODEL, "--batch", "auto", "--out", out.toString(), "--resume"));
        assertEquals(2, auto.code());
    }

    @Test
    void bothBackendsWriteNetworkAndLayerRecordsWhoseFlopsAddUp(@TempDir Path dir) throws IOException {
        assumeAvailable("onnxruntime", "opencv");
        Path out = dir.resolve("n.jsonl");
        Cli r = Cli.run(args("network", "--model", MODEL, "--backends", "onnxruntime,opencv", "--batch", "1",
                "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> all = records(out);
        assertEquals("run", all.get(0).path("record").asText());
        List<JsonNode> nets = kind(all, "network");
        assertEquals(2, nets.size());
        for (JsonNode n : nets) {
            assertEquals("ok", n.path("status").asText(), n.path("reason").asText());
            assertTrue(n.path("throughput_ips").asDouble() > 0);
            double p50 = n.path("latency_us").path("p50").asDouble();
            assertTrue(p50 > 0 && p50 <= n.path("latency_us").path("p99").asDouble());
            assertEquals(n.path("batch").asInt() * 1e6 / n.path("time_us").path("median").asDouble(),
                    n.path("throughput_ips").asDouble(), 1e-6 * n.path("throughput_ips").asDouble());
            assertTrue(n.path("cold_ms").asDouble() > 0);
            assertTrue(n.path("peak_memory_mb").asDouble() >= n.path("baseline_memory_mb").asDouble());
            assertTrue(n.path("rel_err").asDouble() <= n.path("tolerance").asDouble());
            assertEquals("onnxruntime cpu-none", n.path("reference").asText());
            List<JsonNode> layers = kind(all, "layer").stream()
                    .filter(l -> l.path("backend").asText().equals(n.path("backend").asText())
                            && l.path("batch").asInt() == n.path("batch").asInt()).toList();
            assertFalse(layers.isEmpty());
            assertEquals(n.path("flops").asLong(), layers.stream().mapToLong(l -> l.path("flops").asLong()).sum(),
                    "layer FLOPs add up to the network's");
            assertEquals(1.0, layers.stream().mapToDouble(l -> l.path("share").asDouble()).sum(), 1e-6);
            JsonNode conv1 = layers.stream().filter(l -> l.path("layer").asText().equals("conv1")).findFirst()
                    .orElseThrow();
            assertEquals("conv", conv1.path("op").asText());
            assertEquals("mb" + n.path("batch").asInt() + "ic3ih128iw128oc8oh64ow64kh3kw3sh2sw2ph1pw1g1",
                    conv1.path("problem").asText());
            assertTrue(conv1.path("time_us").asDouble() > 0);
            assertTrue(conv1.path("fused").toString().contains("relu1"), conv1.toString());
        }
        assertTrue(r.out().contains("top 5 layers"), r.out());
    }

    @Test
    void exportedModelRunsFromItsFileWithTheSameLayerList(@TempDir Path dir) throws IOException {
        assumeAvailable("onnxruntime");
        Path onnx = dir.resolve("m.onnx");
        Cli e = Cli.run("export", MODEL, "--out", onnx.toString());
        assertEquals(0, e.code(), e.err());
        Cli s = Cli.run("export", onnx.toString(), "--format", "shapes");
        assertEquals(0, s.code(), s.err());
        List<String> fromFile = s.out().lines().filter(l -> !l.startsWith("#") && !l.startsWith("@") && !l.isBlank())
                .toList();
        List<String> committed = Files.readAllLines(OpbenchHome.tensorsDir().resolve(MODEL + ".txt")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("@") && !l.isBlank()).toList();
        assertEquals(committed, fromFile, "the exported file has the shape set's layers");
        Path out = dir.resolve("f.jsonl");
        Cli r = Cli.run(args("network", "--model", onnx.toString(), "--backends", "onnxruntime", "--out",
                out.toString()));
        assertEquals(0, r.code(), r.err());
        JsonNode n = kind(records(out), "network").get(0);
        assertEquals("ok", n.path("status").asText(), n.path("reason").asText());
        assertEquals("m.onnx", n.path("model").asText());
    }

    @Test
    void batchOverTheMemoryLimitIsSkippedAndAutoStops(@TempDir Path dir) throws IOException {
        assumeAvailable("onnxruntime");
        Path out = dir.resolve("m.jsonl");
        Cli r = Cli.run(args("network", "--model", MODEL, "--backends", "onnxruntime", "--batch", "auto",
                "--max-memory", "1", "--in-process", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> nets = kind(records(out), "network");
        assertEquals(1, nets.size());
        assertEquals("skipped", nets.get(0).path("status").asText());
        assertEquals("memory", nets.get(0).path("auto_stop").asText());
        assertTrue(nets.get(0).path("reason").asText().contains("--max-memory"), nets.get(0).toString());
    }

    @Test
    void autoDoublesUntilItsLimitAndSaysWhy(@TempDir Path dir) throws IOException {
        assumeAvailable("onnxruntime");
        Path out = dir.resolve("a.jsonl");
        Cli r = Cli.run(args("network", "--model", MODEL, "--backends", "onnxruntime", "--batch", "auto",
                "--max-batch", "2", "--min-gain", "0", "--in-process", "--out",
                out.toString()));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> nets = kind(records(out), "network");
        JsonNode last = nets.get(nets.size() - 1);
        assertEquals("skipped", last.path("status").asText());
        assertNotNull(last.get("auto_stop"));
        assertTrue(List.of("max_batch", "throughput").contains(last.path("auto_stop").asText()), last.toString());
        assertEquals("ok", nets.get(0).path("status").asText());
        assertEquals(1, nets.get(0).path("batch").asInt());
    }

    @Test
    void brokenModelFileIsAUsageErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("broken.onnx");
        Files.writeString(bad, "not a model");
        Cli r = Cli.run("network", "--model", bad.toString(), "--backends", "onnxruntime");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("not a valid ONNX protobuf"), r.err());
        Cli u = Cli.run("network", "--model", "resnet-51");
        assertEquals(2, u.code());
        assertTrue(u.err().contains("neither a built-in network"), u.err());
    }
}
