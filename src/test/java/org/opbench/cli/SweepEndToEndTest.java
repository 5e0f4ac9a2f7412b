package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.result.Json;
import org.opbench.result.PointRecord;
import org.opbench.result.ResultFile;
import org.opbench.result.ResultReader;
import org.opbench.result.Status;

/** Real sweeps through worker JVMs on the reference backend; output checked against the JSON Schema. */
class SweepEndToEndTest {
    static final String[] FAST = {"--reps", "3", "--min-time", "0", "--warmup", "0", "-q"};
    static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SweepEndToEndTest.class.getResourceAsStream("/schema/opbench-results.schema.json")) {
            assertNotNull(in, "schema ships as a resource");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Path smallSet(Path dir) throws IOException {
        Path set = dir.resolve("small.txt");
        Files.writeString(set, """
                @network toy
                conv mb1ic4ih9oc6kh3sh2ph1n"c1"
                conv mb1ic6ih5oc6kh3ph1g6n"dw" repeat=2
                pool max:mb1ic6ih5oh3kh3sh2n"p1"
                fc mb1ic6ih3iw3oc5n"fc"
                softmax mb1ic5n"prob"
                """);
        return set;
    }

    static String[] args(String... head) {
        String[] all = new String[head.length + FAST.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(FAST, 0, all, head.length, FAST.length);
        return all;
    }

    static void assertValid(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = Json.mapper().readTree(lines.get(i));
            Set<ValidationMessage> errors = schema.validate(node);
            assertTrue(errors.isEmpty(), file + ":" + (i + 1) + ": " + errors);
        }
    }

    @Test
    void sweepWritesRunRecordAndOneOkPointPerLayer(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        Cli r = Cli.run(args("sweep", "--backends", "reference", "--tensors", smallSet(dir).toString(),
                "--batch", "1,2", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        ResultFile f = ResultReader.read(out);
        assertEquals(1, f.runs().size());
        assertEquals(10, f.points().size());
        for (PointRecord p : f.points()) {
            assertEquals(Status.OK, p.status(), p.reason());
            assertTrue(p.samplesUs().length >= 3, "--reps 3 at least, one per round of 5 here");
            assertEquals(p.samplesUs().length, p.samplesRound().length);
            assertEquals(5, p.rounds());
            assertEquals(0.0, p.relErr());
            assertTrue(p.gflops() > 0);
            assertEquals("toy", p.network());
        }
        // records arrive in the order points finish (rounds are interleaved): find them by layer and batch
        for (PointRecord p : f.points()) {
            assertEquals(p.layer().equals("dw") ? 2 : 1, p.repeat(), p.layer());
        }
        assertEquals(java.util.Set.of(1, 2), f.points().stream().map(PointRecord::batch)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(5, f.points().stream().filter(p -> p.batch() == 2).count());
        assertTrue(f.runs().get(0).timer().resolutionNs() > 0);
        assertValid(out);
        assertTrue(r.out().contains("total (x repeat)"), r.out());
    }

    @Test
    void resumeMeasuresOnlyWhatIsMissing(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        Path set = smallSet(dir);
        assertEquals(0, Cli.run(args("sweep", "--backends", "reference", "--tensors", set.toString(), "--out",
                out.toString())).code());
        // drop the last two points, as if the sweep had been killed
        List<String> lines = Files.readAllLines(out);
        Files.write(out, lines.subList(0, lines.size() - 2));
        Files.writeString(out, lines.get(lines.size() - 2).substring(0, 40), java.nio.file.StandardOpenOption.APPEND);
        Cli r = Cli.run(args("sweep", "--backends", "reference", "--tensors", set.toString(), "--out", out.toString(),
                "--resume"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("torn last line"), r.err());
        ResultFile f = ResultReader.read(dir.resolve("r.jsonl"));
        assertEquals(2, f.runs().size());
        assertTrue(f.runs().get(1).resumed());
        assertEquals(5, f.points().size());
        assertEquals(5, f.points().stream().map(PointRecord::key).distinct().count());
    }

    @Test
    void unsupportedThreadCountIsRecordedWithItsReason(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        Cli r = Cli.run(args("run", "--op", "conv", "--shape", "mb1ic4ih9oc6kh3", "--backends", "reference",
                "--threads", "1,2", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        ResultFile f = ResultReader.read(out);
        // records arrive as points finish: both workers live at once, the unsupported point is settled first
        List<PointRecord> p = f.points().stream().sorted(java.util.Comparator.comparingInt(PointRecord::threads))
                .toList();
        assertEquals(Status.OK, p.get(0).status());
        assertEquals(Status.UNSUPPORTED, p.get(1).status());
        assertTrue(p.get(1).reason().contains("single-threaded"));
        assertValid(out);
    }

    @Test
    void inProcessModeGivesTheSameRecords(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        Cli r = Cli.run(args("sweep", "--backends", "reference", "--tensors", smallSet(dir).toString(), "--in-process",
                "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(5, ResultReader.read(out).points().size());
        assertValid(out);
    }

    @Test
    void csvExportHasOneRowPerPoint(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("r.jsonl");
        assertEquals(0, Cli.run(args("sweep", "--backends", "reference", "--tensors", smallSet(dir).toString(),
                "--in-process", "--out", out.toString())).code());
        Path csv = dir.resolve("r.csv");
        Cli r = Cli.run("csv", out.toString(), "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(6, rows.size());
        assertTrue(rows.get(0).startsWith("op,problem,layer,network"));
        assertTrue(rows.stream().anyMatch(row -> row.startsWith(
                "conv,mb1ic4ih9iw9oc6oh5ow5kh3kw3sh2sw2ph1pw1g1,c1,toy,1,1,f32,reference")), rows.toString());
    }

    @Test
    void schemaRejectsAnOkPointWithoutTiming() throws IOException {
        JsonNode bad = Json.mapper().readTree("{\"record\":\"point\",\"op\":\"conv\",\"problem\":\"x\",\"layer\":\"\","
                + "\"network\":\"\",\"repeat\":1,\"batch\":1,\"dtype\":\"f32\",\"backend\":\"b\",\"backend_version\":null,"
                + "\"device\":null,\"algorithm\":\"a\",\"impl\":null,\"tuner\":\"none\",\"threads\":1,\"status\":\"ok\","
                + "\"reason\":null,\"clock\":\"wall\",\"samples_us\":null,\"time_us\":null,\"cv\":null,\"flops\":1,"
                + "\"bytes\":1,\"gflops\":null,\"gbps\":null,\"prepare_ms\":null,\"rel_err\":null}");
        assertTrue(!schema.validate(bad).isEmpty());
    }
}
