package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report built from result files whose names are hostile (layer, backend, algorithm, network and model names
 * carrying markup, script-closing tags, {@code javascript:} and U+2028/U+2029) is opened in headless Chromium, every
 * chart item is hovered with real mouse events so that every tooltip is drawn, and no script the names carry may
 * run: each payload sets {@code window.__pwned}.
 */
class ReportInjectionTest {
    static final String[] HOSTILE = {
        "<img src=x onerror=window.__pwned=1>",
        "\"><script>window.__pwned=2</script>",
        "</script><script>window.__pwned=3</script>",
        "javascript:window.__pwned=4",
        "a\u2028b\u2029<svg onload=window.__pwned=5>",
        "<iframe src=javascript:window.top.__pwned=6>",
    };

    @Test
    void hoveringEveryChartOfHostileNamesRunsNoScript(@TempDir Path dir) throws Exception {
        Path results = hostileResults(dir);
        Path html = dir.resolve("r.html");
        Cli r = Cli.run("report", results.toString(), "--html", html.toString());
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        String data = page.substring(page.indexOf("const DATA = "), page.indexOf("</script>", page.indexOf("const DATA = ")));
        assertFalse(data.contains("\u2028") || data.contains("\u2029"), "line separators escaped in inlined JSON");
        assertTrue(data.contains("a\\u2028b\\u2029"), "the name with line separators is in the data");
        assertFalse(page.contains("</script><script>window.__pwned"), "no inlined text closes the script element");
        assertTrue(page.contains("data-chart=\"precisions\""), "the hostile precision draws the per-precision chart");

        Path chromium = Chromium.find();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium): the report "
                + "was checked as text only, no chart was hovered");
        try (DevTools page1 = DevTools.open(chromium, dir.resolve("profile"), html, 1400, 900)) {
            page1.await("document.getElementById('render-status') && document.getElementById('render-status')"
                    + ".getAttribute('data-status').match(/^(ok|error)$/) !== null", 60);
            assertEquals("ok", page1.eval("document.getElementById('render-status').getAttribute('data-status')")
                    .asText(), page1.eval("document.getElementById('render-errors').textContent").asText());
            int charts = page1.eval("document.querySelectorAll('.chart[data-chart]').length").asInt();
            assertTrue(charts >= 4, "charts: " + charts);
            int hovered = 0;
            List<String> tooltips = new ArrayList<>();
            for (int k = 0; k < charts; k++) {
                JsonNode points = page1.eval(POINTS.replace("K", Integer.toString(k)));
                for (JsonNode pt : points) {
                    page1.hover(pt.get(0).asDouble(), pt.get(1).asDouble());
                    hovered++;
                    String tip = page1.eval(TOOLTIP).asText();
                    if (!tip.isEmpty()) {
                        tooltips.add(tip);
                    }
                    assertFalse(page1.eval("window.__pwned !== undefined").asBoolean(),
                            "script from a name ran (payload " + page1.eval("String(window.__pwned)").asText()
                                    + ") hovering chart " + k);
                }
            }
            assertTrue(hovered >= 20, "chart items hovered: " + hovered);
            // the hostile names were shown as text in the tooltips, so the hovering reached the formatters
            assertTrue(tooltips.stream().anyMatch(t -> t.contains("<img src=x onerror=window.__pwned=1>")), tooltips
                    .toString());
            assertTrue(tooltips.stream().anyMatch(t -> t.contains("</script><script>")), tooltips.toString());
            assertFalse(page1.eval("window.__pwned !== undefined").asBoolean(), "no payload ran");
        }
    }

    /** Viewport points at the centre of every drawn item of chart K (scrolled into view first). */
    static final String POINTS = """
            (function () {
              const el = document.querySelectorAll('.chart[data-chart]')[K];
              el.scrollIntoView({block: 'center'});
              const r = el.getBoundingClientRect();
              const chart = echarts.getInstanceByDom(el);
              const pts = [];
              chart.getModel().eachSeries(function (s) {
                const d = s.getData();
                for (let j = 0; j < d.count(); j++) {
                  const g = d.getItemGraphicEl(j);
                  if (!g || !g.getBoundingRect) continue;
                  const b = g.getBoundingRect();
                  const p = g.transformCoordToGlobal(b.x + b.width / 2, b.y + b.height / 2);
                  if (p[0] >= 0 && p[1] >= 0 && p[0] <= r.width && p[1] <= r.height) pts.push([r.left + p[0], r.top + p[1]]);
                }
              });
              return pts;
            })()""";

    /** The text of the visible tooltip, if any. */
    static final String TOOLTIP = """
            (function () {
              let t = '';
              document.querySelectorAll('div').forEach(function (d) {
                if (d.style && d.style.pointerEvents === 'none' && d.style.position === 'absolute' && d.style.display !== 'none'
                    && d.style.opacity !== '0') t += d.textContent;
              });
              return t;
            })()""";

    /** A real result file (from the test resources) with every name replaced by hostile ones. */
    static Path hostileResults(Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(resource("/org/opbench/result/records-973ef03.jsonl"));
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (String line : lines) {
            ObjectNode n = (ObjectNode) json.readTree(line);
            String kind = n.path("record").asText();
            if (kind.equals("point") && n.path("status").asText().equals("ok")) {
                n.put("layer", HOSTILE[i++ % HOSTILE.length]);
                n.put("network", HOSTILE[1]);
                out.append(json.writeValueAsString(n)).append('\n');
                ObjectNode other = n.deepCopy(); // a second, hostile backend: the speedup chart has two series
                other.put("backend", HOSTILE[0]);
                other.put("algorithm", HOSTILE[2]);
                other.put("time_us", n.path("time_us").isObject() ? n.get("time_us") : n.path("time_us"));
                out.append(json.writeValueAsString(other)).append('\n');
                ObjectNode precision = other.deepCopy(); // a hostile precision: the per-precision chart and roofline
                precision.put("dtype", HOSTILE[3]);
                out.append(json.writeValueAsString(precision)).append('\n');
                continue;
            }
            if (kind.equals("network")) {
                n.put("model", HOSTILE[4]);
                n.put("backend", HOSTILE[5]);
            }
            if (kind.equals("layer")) {
                n.put("model", HOSTILE[4]);
                n.put("backend", HOSTILE[5]);
                n.put("layer", HOSTILE[i++ % HOSTILE.length]);
            }
            out.append(json.writeValueAsString(n)).append('\n');
        }
        return Files.writeString(dir.resolve("hostile.jsonl"), out.toString());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ReportInjectionTest.class.getResource(name).toURI());
    }
}
