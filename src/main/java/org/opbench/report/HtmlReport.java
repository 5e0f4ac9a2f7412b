package org.opbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opbench.analysis.Analysis;
import org.opbench.result.Json;

/**
 * One self-contained HTML file: the run headers, the ceilings, the plots (Apache ECharts, inlined from its webjar so
 * that the page opens offline) with the data inlined as JSON, the tables of {@code opbench analyze}, and every point
 * that is not ok with its reason. The page's script writes {@code ok} or the errors it met into
 * {@code #render-status} (tests read it from a headless browser).
 */
public final class HtmlReport {
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    static final String ECHARTS_VERSION = "5.3.1";
    private static final Pattern CLOSE_SCRIPT = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private HtmlReport() {
    }

    public static void write(Analysis analysis, String title, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, render(analysis, title), StandardCharsets.UTF_8);
    }

    public static String render(Analysis analysis, String title) {
        Map<String, Object> data = ReportData.build(analysis);
        String json;
        try {
            json = Json.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the report data: " + e.getMessage(), e);
        }
        String generated = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> parts = Map.of(
                "TITLE", Html.esc(title),
                "STYLE", resource("org/opbench/report/report.css"),
                "BODY", ReportBody.html(analysis, data, title, generated, ECHARTS_VERSION),
                "ECHARTS", script(resource(ECHARTS)),
                "DATA", script(json.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")),
                "SCRIPT", script(resource("org/opbench/report/report.js")));
        // one pass, so that text inserted for one placeholder is never taken for another
        Matcher m = Pattern.compile("\\{\\{([A-Z]+)}}").matcher(resource("org/opbench/report/report.html"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String part = parts.get(m.group(1));
            if (part == null) {
                throw new IllegalStateException("unknown placeholder in the report template: " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(part));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Text safe inside a script element: no {@code </script} that would close it and no {@code <!--}. The data is a
     * JavaScript literal, in whose strings a backslash before {@code /} or {@code !} changes nothing.
     */
    static String script(String text) {
        return CLOSE_SCRIPT.matcher(text.replace("<!--", "<\\!--")).replaceAll("<\\\\/$1");
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }

    /** The chart kinds the page's script draws (one per data-chart attribute). */
    static List<String> chartKinds() {
        return List.of("gflops", "speedup", "precisions", "tuners", "schedules", "layers", "throughput", "accuracy", "roofline");
    }
}
