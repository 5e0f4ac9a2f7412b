package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real in-process reference sweep (with 2-thread points the reference refuses) and a real (tiny) peaks run,
 * analysed and rendered; the report is opened in headless Chromium, which must draw every chart without a script
 * error. Screenshots go to target/report-test/.
 */
class ReportEndToEndTest {
    static final Path SHOTS = Path.of("target", "report-test");

    @TempDir
    static Path dir;
    static Path sweep;
    static Path peaks;
    static Path networks;

    @BeforeAll
    static void measure() throws IOException {
        sweep = dir.resolve("sweep.jsonl");
        Cli r = Cli.run(SweepEndToEndTest.args("sweep", "--backends", "reference", "--tensors",
                SweepEndToEndTest.smallSet(dir).toString(), "--threads", "1,2", "--in-process", "--out", sweep.toString()));
        assertEquals(0, r.code(), r.err());
        peaks = dir.resolve("peaks.jsonl");
        Cli p = Cli.run("peaks", "--in-process", "--threads", "1", "--reps", "2", "--min-time", "0.02", "--triad-mb", "1",
                "-q", "--out", peaks.toString());
        assertEquals(0, p.code(), p.err());
        SweepEndToEndTest.loadSchema();
        SweepEndToEndTest.assertValid(peaks); // the peaks record follows the results schema too
        SweepEndToEndTest.assertValid(sweep);
        // Network and layer records come from whole-network runs, which opbench does not write yet: these are
        // hand-written in the documented format to exercise those plots.
        networks = dir.resolve("networks.jsonl");
        Files.writeString(networks, """
                {"record":"network","model":"toy","backend":"reference","threads":1,"batch":1,"status":"ok","throughput_ips":100.0,"latency_us":{"p50":10000,"p90":11000,"p99":12000},"accuracy":0.71}
                {"record":"network","model":"toy","backend":"reference","threads":1,"batch":4,"status":"ok","throughput_ips":180.0,"latency_us":{"p50":22000,"p90":23000,"p99":25000},"accuracy":0.71}
                {"record":"network","model":"toy","backend":"reference","threads":1,"batch":8,"status":"failed","reason":"out of memory"}
                {"record":"layer","model":"toy","backend":"reference","batch":1,"layer":"c1","op":"conv","problem":"x","time_us":700,"share":0.7,"flops":1000,"gflops":0.001,"fused_into":null}
                {"record":"layer","model":"toy","backend":"reference","batch":1,"layer":"fc","op":"fc","problem":"y","time_us":300,"share":0.3,"flops":1000,"gflops":0.003,"fused_into":null}
                """);
    }

    @Test
    void reportHasEveryPlotAndTheRunHeaderAndSaysWhatIsMissing() throws IOException {
        Path html = dir.resolve("plain.html");
        Cli r = Cli.run("report", sweep.toString(), "--html", html.toString());
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        for (String chart : new String[] {"gflops", "speedup", "schedules", "roofline"}) {
            assertTrue(page.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertTrue(page.contains("No tuned point"), "tuner plot says it has no data");
        assertTrue(page.contains("No layer records"));
        assertTrue(page.contains("No network records"));
        assertTrue(page.contains("No peaks record given"));
        assertTrue(page.contains("AMD") || page.contains("machine"), "run header");
        assertTrue(page.contains("single-threaded"), "non-ok points are listed with their reason");
        assertTrue(page.contains("unsupported"));
        assertTrue(page.contains("\"baseline\":\"reference/direct\""), "speedup data inlined");
        assertTrue(page.contains("Baseline reference/direct: the reference, the only backend with ok points"), page);
        // self-contained: nothing is fetched when the page is viewed
        assertFalse(Pattern.compile("<script[^>]+src=", Pattern.CASE_INSENSITIVE).matcher(page).find());
        assertFalse(Pattern.compile("<link[^>]+href=", Pattern.CASE_INSENSITIVE).matcher(page).find());
        assertTrue(page.contains("echarts"), "the charting library is inlined");
        assertEquals(1, count(page, "</html>"), "no inlined text closed the document early");
    }

    @Test
    void fullReportRendersInHeadlessChromium() throws IOException, InterruptedException {
        Path html = dir.resolve("full.html");
        Cli r = Cli.run("report", sweep.toString(), peaks.toString(), networks.toString(), "--html", html.toString(),
                "--title", "opbench test report");
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        for (String chart : new String[] {"gflops", "speedup", "schedules", "layers", "throughput", "accuracy", "roofline"}) {
            assertTrue(page.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertTrue(page.contains("java-fma") && page.contains("java-triad"), "ceilings table");
        int charts = count(page, "class=\"chart\"");

        Path browser = Chromium.find();
        Assumptions.assumeTrue(browser != null, "chromium is not installed (apt-get install chromium): the report "
                + "was checked as text only");
        String dom = Chromium.dumpDom(browser, html, dir.resolve("profile"));
        Matcher status = Pattern.compile("<span id=\"render-status\" data-status=\"([a-z]+)\">([^<]*)</span>").matcher(dom);
        assertTrue(status.find(), "status element present in the DOM");
        Matcher errors = Pattern.compile("<pre id=\"render-errors\"[^>]*>([^<]*)</pre>").matcher(dom);
        String errorText = errors.find() ? errors.group(1) : "";
        assertEquals("ok", status.group(1), status.group(2) + "\n" + errorText);
        assertEquals("ok: " + charts + " charts drawn", status.group(2));
        assertTrue(count(dom, "<canvas") >= charts, "every chart drew a canvas");

        Files.createDirectories(SHOTS);
        Path png = SHOTS.resolve("report.png");
        Files.deleteIfExists(png);
        Chromium.screenshot(browser, html, dir.resolve("profile"), png, 1400, 5200);
        assertTrue(Files.size(png) > 20_000, "screenshot written: " + png.toAbsolutePath());
        Files.copy(html, SHOTS.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void analyzePrintsEverySectionAndRejectsAnUnknownBaseline() {
        Cli r = Cli.run("analyze", sweep.toString(), peaks.toString());
        assertEquals(0, r.code(), r.err());
        for (String s : new String[] {"Speedup over the baseline", "Tuned versus untuned", "Ideal adaptive schedule",
                "Roofline", "Points that are not ok", "geomean", "predicted network time", "of attainable"}) {
            assertTrue(r.out().contains(s), s + "\n" + r.out());
        }
        // the roofline names the highest compute ceiling measured: Java's FMA kernel or oneDNN's sgemm, whichever won
        assertTrue(r.out().contains("java-fma") || r.out().contains("dnnl-sgemm"), r.out());
        Cli bad = Cli.run("analyze", sweep.toString(), "--baseline", "nosuch/direct");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("nosuch"), bad.err());
        Cli missing = Cli.run("analyze", dir.resolve("absent.jsonl").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    /**
     * The reference's ok points again under a library's name, after the reference's (as a sweep lists them): the
     * library is the default baseline and the reference is left out of the timing charts unless asked for.
     */
    @Test
    void defaultBaselineIsALibraryAndTheReferenceIsLeftOutUnlessAsked() throws IOException {
        Path lib = dir.resolve("lib.jsonl");
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(sweep)) {
            if (line.contains("\"record\":\"point\"") && line.contains("\"status\":\"ok\"")) {
                text.append(line.replace("\"backend\":\"reference\"", "\"backend\":\"lib\"")).append('\n');
            }
        }
        assertTrue(text.length() > 0, "the sweep has ok points");
        Files.writeString(lib, text);

        Path html = dir.resolve("lib.html");
        Cli r = Cli.run("report", sweep.toString(), lib.toString(), "--html", html.toString());
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("\"baseline\":\"lib/direct\""), "the library is the baseline");
        assertTrue(page.contains("Baseline lib/direct: the first backend in these results other than the reference"),
                "the report says which baseline and why");
        assertTrue(page.contains("is left out of the timing numbers; --include-reference puts it in"));
        assertTrue(page.contains("\"bars\":[\"lib\",\"adaptive\"]"), "no reference bar in the schedule");
        assertFalse(page.contains("\"name\":\"reference/direct"), "no reference series in any chart");

        Path with = dir.resolve("with-reference.html");
        Cli w = Cli.run("report", sweep.toString(), lib.toString(), "--include-reference", "--html", with.toString());
        assertEquals(0, w.code(), w.err());
        String withPage = Files.readString(with);
        assertTrue(withPage.contains("\"baseline\":\"lib/direct\""));
        assertTrue(withPage.contains("\"bars\":[\"reference\",\"lib\",\"adaptive\"]"), "the reference bar, asked for");
        assertTrue(withPage.contains("\"name\":\"reference/direct"));

        Cli a = Cli.run("analyze", sweep.toString(), lib.toString());
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().startsWith("baseline lib/direct: the first backend in these results other than the "
                + "reference"), a.out());
        assertTrue(a.out().contains("left out of the timing numbers"), a.out());
    }

    @Test
    void reportRefusesToOverwrite() throws IOException {
        Path html = dir.resolve("exists.html");
        Files.writeString(html, "x");
        Cli r = Cli.run("report", sweep.toString(), "--html", html.toString());
        assertEquals(2, r.code());
        assertEquals("x", Files.readString(html));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
