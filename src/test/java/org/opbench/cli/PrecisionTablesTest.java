package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.measure.Stats;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.PeaksRecord;
import org.opbench.result.Json;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/**
 * Result files with points of several precisions (hand-made records: f32, bf16, int8 on dnnl; f32 and int8 on
 * onnxruntime) through the summary table, the answer lines, {@code opbench analyze} and {@code opbench report}: one
 * table per precision, GOPS for int8, the per-precision speedup table with the pointwise gain, and the roofline with
 * one ceiling per precision. The numbers are those worked out in {@code analysis.PrecisionsTest}.
 */
class PrecisionTablesTest {
    static final String PW1 = "mb1ic32ih56iw56oc64oh56ow56kh1kw1sh1sw1ph0pw0g1";
    static final String PW2 = "mb1ic64ih28iw28oc128oh28ow28kh1kw1sh1sw1ph0pw0g1";
    static final String DW = "mb1ic32ih56iw56oc32oh56ow56kh3kw3sh1sw1ph1pw1g32";

    static PointRecord point(String dtype, String layer, String problem, int repeat, String backend, String algorithm,
                             double us) {
        double[] samples = {us, us, us};
        Stats s = Stats.of(samples);
        return PointRecord.builder().op("conv").problem(problem).layer(layer).network("mobilenet").repeat(repeat)
                .batch(1).dtype(dtype).shape(Map.of()).backend(backend).backendVersion("1").device("cpu:test")
                .algorithm(algorithm).impl(algorithm).tuner("none").threads(2).status(Status.OK).clock("wall")
                .samplesUs(samples).timeUs(TimeStats.of(s)).cv(s.cv()).unstable(false).flops(4_000_000)
                .bytes(40_000).gflops(4_000_000 / (us * 1e3)).gbps(40_000 / (us * 1e3)).prepareMs(1.0).relErr(0.0)
                .tolerance(1e-4).seed(1).finished("2026-12-05T20:00:00Z").build();
    }

    static List<PointRecord> points() {
        return List.of(point("f32", "pw1", PW1, 1, "dnnl", "direct", 300), point("f32", "pw1", PW1, 1, "dnnl", "auto", 200),
                point("int8", "pw1", PW1, 1, "dnnl", "auto", 50), point("bf16", "pw1", PW1, 1, "dnnl", "auto", 100),
                point("f32", "pw2", PW2, 2, "dnnl", "auto", 120), point("int8", "pw2", PW2, 2, "dnnl", "auto", 40),
                point("f32", "dw", DW, 1, "dnnl", "auto", 80), point("int8", "dw", DW, 1, "dnnl", "auto", 100),
                point("bf16", "dw", DW, 1, "dnnl", "auto", 64),
                point("f32", "pw1", PW1, 1, "onnxruntime", "default", 150),
                point("int8", "pw1", PW1, 1, "onnxruntime", "default", 75));
    }

    /** A results file of {@link #points()} (with the {@code dt} key) and a peaks record with f32 and int8 ceilings. */
    static Path file(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("{\"record\":\"run\",\"schema\":2,\"opbench_version\":\"test\"}");
        for (PointRecord p : points()) {
            ObjectNode n = Json.mapper().valueToTree(p);
            if (!p.dtype().equals("f32")) {
                n.put("dt", p.dtype().equals("int8") ? "u8:s8:u8" : p.dtype());
            }
            lines.add(Json.mapper().writeValueAsString(n));
        }
        Path points = dir.resolve("points.jsonl");
        Files.write(points, lines.subList(1, lines.size()));
        assertValid(points); // the schema takes bf16, int8 and the dt key
        PeaksRecord peaks = new PeaksRecord("peaks", 1, "test", "test", List.of("peaks"), "now", null, Map.of(), null,
                List.of(Ceiling.ok("dnnl-sgemm", Ceiling.COMPUTE, Ceiling.CPU, 2, new double[] {100}, "m", Map.of()),
                        Ceiling.ok("vnni", Ceiling.COMPUTE, "int8", Ceiling.CPU, 2, new double[] {400}, "m",
                                Map.of()),
                        Ceiling.ok("java-triad", Ceiling.BANDWIDTH, Ceiling.CPU, 2, new double[] {20}, "m", Map.of())));
        lines.add(Json.mapper().writeValueAsString(peaks));
        Path f = dir.resolve("mixed.jsonl");
        Files.write(f, lines);
        return f;
    }

    static void assertValid(Path file) throws IOException {
        try (InputStream in = PrecisionTablesTest.class.getResourceAsStream("/schema/opbench-results.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Set<ValidationMessage> errors = schema.validate(Json.mapper().readTree(lines.get(i)));
                assertTrue(errors.isEmpty(), file + ":" + (i + 1) + ": " + errors);
            }
        }
    }

    @Test
    void schemaRejectsAnUnknownPrecision(@TempDir Path dir) throws IOException {
        ObjectNode n = Json.mapper().valueToTree(point("f64", "pw1", PW1, 1, "dnnl", "auto", 1));
        try (InputStream in = PrecisionTablesTest.class.getResourceAsStream("/schema/opbench-results.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            assertFalse(schema.validate(n).isEmpty(), "dtype f64 is not a precision opbench has");
            n.put("dtype", "int8");
            n.put("dt", "u8:s8:u8");
            assertEquals(Set.of(), schema.validate(n), "the same record as int8 is valid");
        }
    }

    @Test
    void summaryTableHasOneTablePerPrecisionWithGopsForInt8() {
        StringWriter w = new StringWriter();
        SummaryTable.print(new PrintWriter(w), points(), false, 200);
        String out = w.toString();
        int f32 = out.indexOf("== f32 ==");
        int int8 = out.indexOf("== int8 (rates in GOPS");
        int bf16 = out.indexOf("== bf16 ==");
        assertTrue(f32 >= 0 && int8 > f32 && bf16 > int8, out);
        String f32Part = out.substring(f32, int8);
        String int8Part = out.substring(int8, bf16);
        // dnnl/auto's f32 total: 200 + 2 x 120 + 80 = 520 us; int8: 50 + 2 x 40 + 100 = 230 us
        assertTrue(f32Part.contains(Format.time(520)) && !f32Part.contains(Format.time(230)), f32Part);
        assertTrue(int8Part.contains(Format.time(230)), int8Part);
        assertTrue(int8Part.contains("GOPS") && !int8Part.contains("GFLOPS"), int8Part);
        assertTrue(f32Part.contains("GFLOPS"), f32Part);
    }

    @Test
    void answerLinesNamePrecisionsAndTotalPerBackendAndPrecision() {
        String lines = String.join("\n", AnswerLines.lines(points()));
        // network totals: dnnl int8 230, dnnl f32 520 (best per layer), each its own entry
        assertTrue(lines.contains("dnnl int8 " + Format.time(230)), lines);
        assertTrue(lines.contains("dnnl " + Format.time(520)), lines);
        assertTrue(lines.contains("conv 1x1"), lines);
    }

    @Test
    void analyzePrintsTheSpeedupOfEachPrecisionAndThePointwiseGain(@TempDir Path dir) throws IOException {
        Cli r = Cli.run("analyze", file(dir).toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        int at = out.indexOf("== Speedup of each precision over f32 per layer ==");
        assertTrue(at >= 0, out);
        String section = out.substring(at, out.indexOf("==", at + 10 + out.substring(at + 3).indexOf("==")));
        assertTrue(section.contains("mobilenet, batch 1, 2 threads, dnnl"), section);
        assertTrue(section.contains("4.00x") && section.contains("3.00x") && section.contains("0.80x"), section);
        assertTrue(section.contains("2.26x"), section); // network total 520 / 230
        assertTrue(section.contains("1.71x (2 layers)"), section); // bf16 over the layers it has: 280 / 164
        assertTrue(section.contains("int8 gain of the pointwise (1x1) conv layers on dnnl: 3.38x (2 layers"), section);
        assertTrue(section.contains("int8 gain of the pointwise (1x1) conv layers on onnxruntime: 2.00x"), section);
        assertTrue(out.contains("cpu, 2 threads, int8: compute 400.0 GOPS (vnni)"), out);
        assertTrue(out.contains("cpu, 2 threads, bf16: compute 100.0 GFLOPS (dnnl-sgemm, the f32 ceiling: no bf16 "
                + "ceiling measured)"), out);
        assertTrue(out.contains("no bf16 compute ceiling measured"), out);
        assertTrue(out.contains("each precision against the baseline backend's point of the same precision"), out);
        // the speedup over the baseline compares each precision with the baseline's own precision
        assertFalse(out.contains("6.00x"), out);
    }

    @Test
    void reportShowsThePerPrecisionSpeedupAndRooflineAndDrawsThem(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("r.html");
        Cli r = Cli.run("report", file(dir).toString(), "--html", html.toString());
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<section id=\"precisions\"><h2>Speedup of each precision over f32</h2>"), page);
        assertTrue(page.contains("data-chart=\"precisions\""));
        assertTrue(page.contains("int8 gain of the pointwise (1x1) conv layers on dnnl: <b>3.38x</b>"), page);
        assertTrue(page.contains("no bf16 compute ceiling measured"), page);
        assertTrue(page.contains("one ceiling line per precision"), page);
        String data = page.substring(page.indexOf("const DATA = "), page.indexOf("</script>", page.indexOf("const DATA = ")));
        assertTrue(data.contains("\"dtype\":\"int8\"") && data.contains("\"fallback\":true"), data);

        Path browser = Chromium.find();
        Assumptions.assumeTrue(browser != null, "chromium is not installed (apt-get install chromium): the report "
                + "was checked as text only");
        String dom = Chromium.dumpDom(browser, html, dir.resolve("profile"));
        Matcher status = Pattern.compile("<span id=\"render-status\" data-status=\"([a-z]+)\">([^<]*)</span>").matcher(dom);
        assertTrue(status.find(), "status element present in the DOM");
        assertEquals("ok", status.group(1), dom.substring(Math.max(0, dom.indexOf("render-errors") - 10),
                Math.min(dom.length(), dom.indexOf("render-errors") + 2000)));
    }

    @Test
    void oneHtmlSectionSaysWhyWhenTheResultsHoldOnePrecision(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (PointRecord p : points()) {
            if (p.dtype().equals("f32")) {
                lines.add(Json.mapper().writeValueAsString(p));
            }
        }
        Path f = dir.resolve("f32.jsonl");
        Files.write(f, lines);
        Path html = dir.resolve("r.html");
        Cli r = Cli.run("report", f.toString(), "--html", html.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(html).contains("One precision in these results (f32)"));
        Cli a = Cli.run("analyze", f.toString());
        assertFalse(a.out().contains("Speedup of each precision"), a.out());
    }
}
