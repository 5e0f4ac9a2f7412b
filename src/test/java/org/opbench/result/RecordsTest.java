package org.opbench.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records built by name, written by one writer interface and read back as their types, line for line. */
class RecordsTest {
    /**
     * Lines written by opbench at 973ef03 (before records were built by name): a reference sweep with unavailable
     * cudnn points, an onnxruntime network run with its layer records (inserted kernels included), an unavailable
     * tensorrt network record and a peaks record.
     */
    private static Path written() throws URISyntaxException {
        return Path.of(RecordsTest.class.getResource("records-973ef03.jsonl").toURI());
    }

    @Test
    void everyRecordReadsBackAsItsTypeAndWritesTheSameBytes(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(written());
        ResultFile f = ResultReader.read(written());
        assertEquals(2, f.runs().size());
        assertEquals(10, f.points().size());
        assertEquals(2, f.networks().size());
        assertEquals(6, f.layers().size());
        assertEquals(List.of(written() + ": skipped 1 record(s) of kind 'peaks' (not read here)"), f.warnings());
        assertTrue(f.points().stream().anyMatch(p -> p.status() == Status.UNAVAILABLE && p.timeUs() == null));
        assertTrue(f.networks().stream().anyMatch(n -> !n.ok() && n.extra() == null));
        assertTrue(f.layers().stream().anyMatch(LayerRecord::inserted));

        List<String> expected = lines.stream().filter(l -> !l.startsWith("{\"record\":\"peaks\"")).map(RecordsTest::asWritten)
                .toList();
        List<String> encoded = new ArrayList<>();
        for (Record r : f.records()) {
            encoded.add(JsonlWriter.encode(r));
        }
        assertEquals(expected.stream().map(l -> l + "\n").toList(), encoded);

        Path out = dir.resolve("again.jsonl");
        try (ResultWriter w = new JsonlWriter(out)) {
            f.records().forEach(w::write);
        }
        assertEquals(String.join("\n", expected) + "\n", Files.readString(out, StandardCharsets.UTF_8));
    }

    /** The keys schema 2 added to a point, null in a schema-1 point read back. */
    private static final String ROUND_KEYS_NULL = ",\"rounds\":null,\"round_us\":null,\"samples_round\":null,"
            + "\"ci_us\":null,\"ci_pct\":null,\"unstable_reason\":null,\"interleaved\":null,\"noise\":null,"
            + "\"warmup_ms\":null,\"timed_ms\":null}";

    /** A line of the schema-1 fixture as opbench writes it now: a point gains the round keys, null. */
    private static String asWritten(String line) {
        return line.startsWith("{\"record\":\"point\"") ? line.substring(0, line.length() - 1) + ROUND_KEYS_NULL
                : line;
    }

    @Test
    void aSchema2PointKeepsItsRoundKeysAndMatchesTheJsonSchema() throws Exception {
        PointRecord p = PointRecord.builder().op("conv").problem("mb1ic4ih9oc6kh3").layer("c1").network("toy")
                .repeat(1).batch(1).dtype("f32").backend("dnnl").backendVersion("3").device("cpu").algorithm("auto")
                .impl("jit").tuner("none").threads(2).status(Status.OK).clock("wall")
                .samplesUs(new double[] {10, 11, 12, 10.5}).samplesRound(new int[] {0, 0, 1, 1})
                .timeUs(new TimeStats(10, 10.75, 10.875, 0.85, 11.7, 12)).cv(0.08).unstable(true)
                .unstableReason("round medians spread 9.3%").rounds(2).roundUs(new double[] {10.5, 11.25})
                .ciUs(new Interval(10.5, 11.25)).ciPct(3.5).interleaved(true)
                .noise(new Noise(1.5, 2, 40L, 0.4, null, 0.0, 1.02, 1930.0, 1, 1)).warmupMs(120.0).timedMs(0.05).flops(100).bytes(40)
                .gflops(9.3).gbps(3.7).prepareMs(1.0).relErr(0.0).tolerance(1e-4).seed(9)
                .shape(Map.of("mb", 1, "ic", 4)).finished("2026-12-05T15:04:35Z").build();
        String json = JsonlWriter.encode(p);
        assertTrue(json.contains("\"samples_round\":[0,0,1,1]"), json);
        assertTrue(json.contains("\"ci_us\":{\"lo\":10.5,\"hi\":11.25},\"ci_pct\":3.5,"), json);
        assertTrue(json.contains("\"noise\":{\"steal_pct\":1.5,\"other_runnable\":2,\"involuntary_cs\":40,\"run_wait_pct\":0.4,"
                + "\"gc_ms\":null,\"jit_ms\":0.0,\"core_slowdown\":1.02,\"core_pass_ns\":1930.0,\"disturbed_rounds\":1,\"reruns\":1}"), json);
        PointRecord back = (PointRecord) ResultReader.decode(Json.mapper().readTree(json));
        assertEquals(json, JsonlWriter.encode(back));
        assertEquals(2, back.rounds());

        com.networknt.schema.JsonSchema schema;
        try (java.io.InputStream in = RecordsTest.class.getResourceAsStream("/schema/opbench-results.schema.json")) {
            schema = com.networknt.schema.JsonSchemaFactory.getInstance(
                    com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        assertEquals(java.util.Set.of(), schema.validate(Json.mapper().readTree(json)));
        String badNoise = json.replace("\"reruns\":1}", "\"reruns\":-1}");
        assertTrue(!schema.validate(Json.mapper().readTree(badNoise)).isEmpty(), "the schema checks the new keys");
        String badCi = json.replace("{\"lo\":10.5,\"hi\":11.25}", "{\"lo\":10.5}");
        assertTrue(!schema.validate(Json.mapper().readTree(badCi)).isEmpty());
        for (String line : Files.readAllLines(written())) { // schema-1 records stay valid
            if (line.startsWith("{\"record\":\"point\"")) {
                assertEquals(java.util.Set.of(), schema.validate(Json.mapper().readTree(line)), line);
            }
        }
    }

    @Test
    void aWorkersTreeDecodesToTheSameRecord() throws Exception {
        for (String line : Files.readAllLines(written())) {
            if (line.startsWith("{\"record\":\"peaks\"")) {
                assertThrows(IllegalArgumentException.class, () -> ResultReader.decode(Json.mapper().readTree(line)));
                continue;
            }
            Record r = ResultReader.decode(Json.mapper().readTree(line));
            assertEquals(asWritten(line) + "\n", JsonlWriter.encode(r));
        }
    }

    @Test
    void aPointBuiltByNameKeepsEveryValueWhereItWasPut() throws IOException {
        PointRecord p = PointRecord.builder().op("conv").problem("mb1ic4ih9oc6kh3").layer("c1").network("toy")
                .repeat(2).batch(1).dtype("f32").backend("reference").algorithm("direct").tuner("none").threads(3)
                .status(Status.MISMATCH).reason("rel_err 0.5 exceeds the tolerance 0.001 of direct").relErr(0.5)
                .tolerance(1e-3).prepareMs(7.0).flops(100).bytes(40).seed(9).build();
        assertEquals(PointRecord.KIND, p.record());
        assertEquals(0.5, p.relErr());
        assertEquals(1e-3, p.tolerance());
        assertEquals(7.0, p.prepareMs());
        assertNull(p.gflops());
        PointRecord back = Json.mapper().readValue(JsonlWriter.encode(p), PointRecord.class);
        assertEquals(p.key(), back.key());
        assertEquals(JsonlWriter.encode(p), JsonlWriter.encode(back));
        String json = JsonlWriter.encode(p);
        assertTrue(json.startsWith("{\"record\":\"point\",\"op\":\"conv\",\"problem\":\"mb1ic4ih9oc6kh3\""), json);
        assertTrue(json.contains("\"rel_err\":0.5,\"tolerance\":0.001,"), json);
        assertTrue(json.contains("\"time_us\":null"), "nulls are written: " + json);
        assertThrows(IllegalStateException.class, () -> PointRecord.builder().op("conv").backend("x").build(),
                "a record says what became of the point");
    }

    @Test
    void keysOpbenchDoesNotWriteAreKeptOnNetworkRecords() throws IOException {
        String line = "{\"record\":\"network\",\"model\":\"toy\",\"backend\":\"reference\",\"threads\":1,\"batch\":4,"
                + "\"status\":\"ok\",\"throughput_ips\":180.0,\"accuracy\":0.71}";
        NetworkRecord n = Json.mapper().readValue(line, NetworkRecord.class);
        assertEquals(Map.of("accuracy", 0.71), n.extra());
        assertEquals(180.0, n.throughputIps());
        assertTrue(JsonlWriter.encode(n).endsWith(",\"details\":null,\"accuracy\":0.71}\n"), JsonlWriter.encode(n));
        NetworkRecord built = NetworkRecord.builder().model("toy").backend("reference").algorithm("default")
                .threads(1).batch(1).status(Status.FAILED).reason("out of memory").build();
        assertNull(built.extra());
        assertTrue(JsonlWriter.encode(built).endsWith(",\"details\":null}\n"));
    }

    @Test
    void csvTakesPointsThroughTheSameInterfaceAndSkipsTheOtherKinds() throws Exception {
        ResultFile f = ResultReader.read(written());
        StringWriter s = new StringWriter();
        ResultWriter csv = new CsvWriter(s);
        f.records().forEach(csv::write);
        csv.close();
        csv.close(); // idempotent
        List<String> rows = s.toString().lines().toList();
        assertEquals(1 + f.points().size(), rows.size());
        assertEquals(String.join(",", CsvWriter.COLUMNS), rows.get(0));
        assertTrue(rows.get(1).startsWith("conv,"), rows.get(1));
    }

    /** Records are built by name: nothing outside this package calls a record's positional constructor. */
    @Test
    void noPositionalRecordConstructorOutsideTheResultPackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path p : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    if (p.startsWith(Path.of(root, "org/opbench/result"))) {
                        continue;
                    }
                    String text = Files.readString(p);
                    for (String type : List.of("PointRecord", "NetworkRecord", "LayerRecord")) {
                        if (text.contains("new " + type + "(")) {
                            offenders.add(p + ": new " + type + "(...)");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
