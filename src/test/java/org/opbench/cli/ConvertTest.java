package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.network.run.NetworkBackends;
import org.opbench.result.Json;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultReader;
import org.opbench.spi.Availability;

/**
 * opbench convert on real runs: a MobileNet-v1 sweep to Google Benchmark JSON that validates against the schema
 * derived from Google Benchmark's sources, a profiled network run to a trace whose events nest, CSV as 'opbench csv'
 * writes it, and the refusals.
 */
class ConvertTest {
    static JsonSchema gbench;

    @BeforeAll
    static void setUp() throws IOException {
        try (InputStream in = ConvertTest.class.getResourceAsStream("/schema/gbench-output.schema.json")) {
            gbench = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Path sweep(Path dir) {
        Path out = dir.resolve("mb.jsonl");
        Cli r = Cli.run("sweep", "--backends", "reference", "--tensors", "mobilenet-v1-0.25-128", "--in-process", "-q",
                "--reps", "3", "--min-time", "0", "--warmup", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void aMobileNetSweepConvertsToGoogleBenchmarkJsonThatValidates(@TempDir Path dir) throws IOException {
        Path in = sweep(dir);
        Path out = dir.resolve("mb.gbench.json");
        Cli r = Cli.run("convert", in.toString(), "--to", "gbench", "--out", out.toString(), "--time-unit", "ns");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = Json.mapper().readTree(out.toFile());
        assertTrue(gbench.validate(doc).isEmpty(), gbench.validate(doc).toString());
        List<PointRecord> points = ResultReader.read(in).points();
        assertTrue(points.size() >= 10, "points: " + points.size());
        JsonNode context = doc.get("context");
        assertEquals(1, context.get("json_schema_version").asInt());
        assertTrue(context.get("opbench_command").asText().contains("sweep"), context.toString());
        // every point became a benchmark with its repetitions and (from two values on) its four aggregates
        Map<String, Integer> iterations = new HashMap<>();
        Set<String> aggregates = new HashSet<>();
        for (JsonNode b : doc.get("benchmarks")) {
            assertEquals("ns", b.get("time_unit").asText());
            if (b.get("run_type").asText().equals("iteration")) {
                iterations.merge(b.get("name").asText(), 1, Integer::sum);
                assertTrue(b.get("real_time").asDouble() > 0 && b.get("GFLOPS").asDouble() > 0, b.toString());
                assertEquals(b.get("real_time").asDouble(), b.get("cpu_time").asDouble());
            } else {
                aggregates.add(b.get("name").asText());
                assertEquals(b.get("run_name").asText() + "_" + b.get("aggregate_name").asText(),
                        b.get("name").asText());
            }
        }
        assertEquals(points.size(), iterations.size());
        PointRecord first = null;
        for (PointRecord p : points) {
            String name = p.op() + "/" + p.problem() + "/reference/direct/threads:1";
            assertTrue(iterations.containsKey(name), name + " in " + iterations.keySet());
            // Google Benchmark writes aggregates from two values on (rounds, or samples without rounds)
            boolean two = org.opbench.result.RoundStats.of(p).hasRounds() || p.samplesUs().length >= 2;
            for (String a : List.of("mean", "median", "stddev", "cv")) {
                assertEquals(two, aggregates.contains(name + "_" + a), name + "_" + a);
            }
            if (two && first == null) {
                first = p;
            }
        }
        assertTrue(first != null, "no point with two values");
        JsonNode firstMedian = null;
        for (JsonNode b : doc.get("benchmarks")) {
            if ("median".equals(b.path("aggregate_name").asText())) {
                firstMedian = b;
                break;
            }
        }
        org.opbench.result.RoundStats fr = org.opbench.result.RoundStats.of(first);
        double expected = fr.hasRounds() ? org.opbench.result.RoundStats.median(fr.roundMedians())
                : first.timeUs().median();
        assertEquals(expected * 1000, firstMedian.get("real_time").asDouble(),
                1e-6 * firstMedian.get("real_time").asDouble(), firstMedian.toString());
        // an existing output is not replaced without --force; an input never
        assertEquals(2, Cli.run("convert", in.toString(), "--to", "gbench", "--out", out.toString()).code());
        assertEquals(0, Cli.run("convert", in.toString(), "--to", "gbench", "--out", out.toString(), "--force")
                .code());
        long size = Files.size(in);
        Cli onto = Cli.run("convert", in.toString(), "--to", "csv", "--out", in.toString(), "--force");
        assertEquals(2, onto.code());
        assertTrue(onto.err().contains("is an input of this command"), onto.err());
        assertEquals(size, Files.size(in));

        // csv: what 'opbench csv' writes
        Path csv1 = dir.resolve("a.csv");
        Path csv2 = dir.resolve("b.csv");
        assertEquals(0, Cli.run("csv", in.toString(), "--out", csv1.toString()).code());
        assertEquals(0, Cli.run("convert", in.toString(), "--to", "csv", "--out", csv2.toString()).code());
        assertEquals(Files.readString(csv1), Files.readString(csv2));
        assertEquals(points.size() + 1, Files.readAllLines(csv2).size());
    }

    @Test
    void roundsAreRepetitionsAndPointsNotOkAreErrors() {
        PointRecord ok = PointRecord.builder().op("conv").problem("mb1ic8ih8oc8oh8kh3ph1").backend("dnnl")
                .algorithm("auto").tuner("none").threads(2).batch(1).status(org.opbench.result.Status.OK)
                .flops(2_000_000).bytes(10_000).impl("jit:avx2")
                .samplesUs(new double[] {10, 11, 12, 20, 21, 30, 31, 32, 33})
                .timeUs(new org.opbench.result.TimeStats(10, 21, 22, 8, 32, 33)).build();
        PointRecord bad = PointRecord.builder().op("conv").problem("mb1ic8ih8oc8oh8kh3ph1").backend("acl")
                .algorithm("auto").tuner("none").threads(1).batch(1).status(org.opbench.result.Status.UNAVAILABLE)
                .reason("arm64 only").build();
        org.opbench.result.RoundStats rounds = new org.opbench.result.RoundStats(new double[] {11, 20.5, 31.5},
                List.of(new double[] {10, 11, 12}, new double[] {20, 21}, new double[] {30, 31, 32, 33}));
        JsonNode doc = Json.mapper().valueToTree(org.opbench.result.GbenchFormat.of(List.of(), List.of(ok, bad),
                "us", p -> p == ok ? rounds : org.opbench.result.RoundStats.NONE));
        assertTrue(gbench.validate(doc).isEmpty(), gbench.validate(doc).toString());
        JsonNode b = doc.get("benchmarks");
        assertEquals(3 + 4 + 1, b.size());
        String name = "conv/mb1ic8ih8oc8oh8kh3ph1/dnnl/auto/threads:2";
        int[] iterations = {3, 2, 4};
        for (int r = 0; r < 3; r++) {
            assertEquals(name, b.get(r).get("name").asText());
            assertEquals(r, b.get(r).get("repetition_index").asInt());
            assertEquals(3, b.get(r).get("repetitions").asInt());
            assertEquals(iterations[r], b.get(r).get("iterations").asInt());
            assertEquals(rounds.roundMedians()[r], b.get(r).get("real_time").asDouble());
            assertEquals(2_000_000 / (rounds.roundMedians()[r] * 1e3), b.get(r).get("GFLOPS").asDouble(), 1e-12);
            assertEquals("jit:avx2", b.get(r).get("label").asText());
        }
        assertEquals(name + "_mean", b.get(3).get("name").asText());
        assertEquals(21.0, b.get(3).get("real_time").asDouble(), 1e-12);
        assertEquals(3, b.get(3).get("iterations").asInt());
        assertEquals(20.5, b.get(4).get("real_time").asDouble(), 1e-12);
        assertEquals(Math.sqrt(105.25), b.get(5).get("real_time").asDouble(), 1e-12); // sample sd of 11, 20.5, 31.5
        assertEquals("percentage", b.get(6).get("aggregate_unit").asText());
        assertEquals(Math.sqrt(105.25) / 21.0, b.get(6).get("real_time").asDouble(), 1e-12);
        assertEquals("time", b.get(5).get("aggregate_unit").asText());
        JsonNode err = b.get(7);
        assertTrue(err.get("error_occurred").asBoolean());
        assertEquals("unavailable: arm64 only", err.get("error_message").asText());
        assertEquals(1, err.get("family_index").asInt());
    }

    @Test
    void theSchemaRejectsWhatGoogleBenchmarkNeverWrites() throws IOException {
        String ok = """
                {"context": {"date": "2024-01-01T00:00:00+00:00", "host_name": "h", "executable": "./b",
                  "num_cpus": 2, "mhz_per_cpu": 2400, "cpu_scaling_enabled": false,
                  "caches": [{"type": "Data", "level": 1, "size": 32768, "num_sharing": 1}],
                  "load_avg": [0.5, 0.2, 0.1], "library_version": "v1.9.0", "library_build_type": "release",
                  "json_schema_version": 1, "custom": "value"},
                 "benchmarks": [
                  {"name": "BM_a/threads:1", "family_index": 0, "per_family_instance_index": 0,
                   "run_name": "BM_a/threads:1", "run_type": "iteration", "repetitions": 2, "repetition_index": 0,
                   "threads": 1, "iterations": 100, "real_time": 1.5e3, "cpu_time": 1.5e3, "time_unit": "ns",
                   "bytes_per_second": 1e9},
                  {"name": "BM_a/threads:1_cv", "family_index": 0, "per_family_instance_index": 0,
                   "run_name": "BM_a/threads:1", "run_type": "aggregate", "repetitions": 2, "threads": 1,
                   "aggregate_name": "cv", "aggregate_unit": "percentage", "iterations": 2, "real_time": 0.01,
                   "cpu_time": 0.01, "time_unit": "ns"},
                  {"name": "BM_b", "family_index": 1, "per_family_instance_index": 0, "run_name": "BM_b",
                   "run_type": "iteration", "repetitions": 1, "repetition_index": 0, "threads": 1,
                   "error_occurred": true, "error_message": "bad", "iterations": 0, "real_time": 0,
                   "cpu_time": 0, "time_unit": "ns"}]}
                """;
        assertTrue(gbench.validate(Json.mapper().readTree(ok)).isEmpty(), gbench.validate(Json.mapper().readTree(ok))
                .toString());
        for (String[] bad : new String[][] {
                {"\"cpu_time\": 1.5e3, ", ""},                                 // no cpu_time
                {"\"aggregate_name\": \"cv\", ", ""},                           // aggregate without its name
                {"\"error_message\": \"bad\", ", ""},                          // error without message
                {"\"cpu_time\": 0, \"time_unit\": \"ns\"", "\"cpu_time\": 0, \"time_unit\": \"us2\""},
                {"\"bytes_per_second\": 1e9", "\"bytes_per_second\": \"fast\""}, // counters are numbers
                {"\"json_schema_version\": 1", "\"json_schema_version\": 2"},
                {"\"custom\": \"value\"", "\"custom\": 3"}}) {
            String text = ok.replace(bad[0], bad[1]);
            assertFalse(text.equals(ok), bad[0]);
            assertFalse(gbench.validate(Json.mapper().readTree(text)).isEmpty(), "accepted without " + bad[0]);
        }
    }

    @Test
    void aProfiledNetworkRunConvertsToANestedTrace(@TempDir Path dir) throws IOException {
        NetworkBackends all = NetworkBackends.load();
        Availability a = all.availability(all.get("onnxruntime"));
        Assumptions.assumeTrue(a.available(), "onnxruntime: " + a.reason());
        Path in = dir.resolve("n.jsonl");
        Cli r = Cli.run("network", "--model", "mobilenet-v1-0.25-128", "--backends", "onnxruntime", "--batch", "1,2",
                "--reps", "2", "--min-time", "0", "--warmup", "0", "--profile-runs", "2", "-q", "--out", in.toString());
        assertEquals(0, r.code(), r.err());
        Path out = dir.resolve("n.trace.json");
        Cli c = Cli.run("convert", in.toString(), "--to", "trace", "--out", out.toString());
        assertEquals(0, c.code(), c.err());
        int layers = ResultReader.read(in).layers().size();
        assertTrue(layers > 20, "layer records: " + layers);
        TraceChecks.assertNested(Json.mapper().readTree(out.toFile()), 2, layers);
    }

    @Test
    void tracesOfSyntheticProfilesNestAndKeepEveryLayer() {
        List<org.opbench.result.Record> records = new java.util.ArrayList<>();
        int layers = 0;
        for (int threads = 1; threads <= 2; threads++) {
            for (int batch = 1; batch <= 2; batch++) {
                records.add(org.opbench.result.NetworkRecord.builder().model("m").backend("ort").algorithm("a")
                        .threads(threads).batch(batch).status(org.opbench.result.Status.OK).profileRuns(3).build());
                for (int i = 0; i < 5; i++) {
                    records.add(org.opbench.result.LayerRecord.builder().model("m").backend("ort").algorithm("a")
                            .threads(threads).batch(batch).index(i).layer("l" + i).op("conv")
                            .timeUs(i == 2 ? 0 : 10.0001 * (i + 1) / threads).executed(i != 2)
                            .fusedInto(i == 2 ? "l1" : null).kernels(List.of("k" + i)).build());
                    layers++;
                }
                records.add(org.opbench.result.LayerRecord.builder().model("m").backend("ort").algorithm("a")
                        .threads(threads).batch(batch).index(5).layer("reorder").op("Reorder").timeUs(0.3333)
                        .executed(true).inserted(true).build());
                layers++;
            }
        }
        JsonNode trace = Json.mapper().valueToTree(org.opbench.result.TraceFormat.of(
                org.opbench.result.TraceFormat.profiles(records)));
        TraceChecks.assertNested(trace, 4, layers);
        long tracks = 0;
        for (JsonNode e : trace.get("traceEvents")) {
            if (e.get("name").asText().equals("process_name")) {
                tracks++;
            }
        }
        assertEquals(2, tracks, "one track per backend and thread count");
    }

    @Test
    void everyConverterRefusesUnknownKindsAndNewerSchemas(@TempDir Path dir) throws IOException {
        Path odd = dir.resolve("odd.jsonl");
        Files.writeString(odd, "{\"record\":\"run\",\"schema\":1}\n{\"record\":\"hologram\"}\n");
        Path newer = dir.resolve("newer.jsonl");
        Files.writeString(newer, "{\"record\":\"run\",\"schema\":" + (Json.SCHEMA + 1) + "}\n");
        for (String to : List.of("gbench", "trace", "csv")) {
            Cli r = Cli.run("convert", odd.toString(), "--to", to);
            assertEquals(2, r.code(), to);
            assertTrue(r.err().contains("unknown record kind 'hologram'"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            Cli n = Cli.run("convert", newer.toString(), "--to", to, "--out", dir.resolve("x." + to).toString());
            assertEquals(2, n.code(), to);
            assertTrue(n.err().contains("newer than the schema"), n.err());
            assertFalse(Files.exists(dir.resolve("x." + to)));
        }
        assertEquals(2, Cli.run("csv", odd.toString()).code());
        assertEquals(2, Cli.run("convert", odd.toString(), "--to", "xml").code());
        assertEquals(2, Cli.run("convert", odd.toString()).code());
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "{\"record\":\"run\",\"schema\":1}\n");
        Cli t = Cli.run("convert", empty.toString(), "--to", "trace");
        assertEquals(2, t.code());
        assertTrue(t.err().contains("no network records with per-layer profiles"), t.err());
        assertEquals(2, Cli.run("convert", empty.toString(), "--to", "gbench", "--time-unit", "h").code());
    }
}
