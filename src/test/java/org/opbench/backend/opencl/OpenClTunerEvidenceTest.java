package org.opbench.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Variant;

/** A tuned point records the untuned baseline, the gain with its interval, the decision and tuning_ms. */
class OpenClTunerEvidenceTest {
    static OpenClBackend backend;
    static Availability avail;
    static final ConvProblem CONV = ConvProblem.of(1, 1, 4, 6, 6, 4, 3, 3, 1, 1, 1, 1, "");

    @BeforeAll
    static void probe() {
        backend = new OpenClBackend();
        avail = backend.probe();
    }

    record Ran(Map<String, Object> details, Double tuningMs) {
    }

    static Ran run(Path cache, Problem p, String algorithm, String tuner) throws Exception {
        OpenClTestSupport.ready(avail);
        Variant v = new Variant(algorithm, tuner, 1, Map.of(OpenClBackend.OPTION_CACHE, cache.toString(),
                OpenClBackend.OPTION_TUNE_BUDGET, "3"));
        ProblemData data = ProblemData.of(p, 3);
        try (PreparedOp op = backend.prepare(p, v, data)) {
            op.run();
            double err = Check.relativeError(op.output(), Reference.compute(data));
            assertTrue(err <= Tolerance.of(op.execution()), () -> tuner + " " + op.impl() + ": relative error " + err);
            return new Ran(new LinkedHashMap<>(op.details()), op.tuningMs());
        }
    }

    @SuppressWarnings("unchecked")
    static void assertEvidence(Map<String, Object> d) {
        double untuned = ((Number) d.get("untuned_us")).doubleValue();
        assertTrue(untuned > 0, d.toString());
        String decision = (String) d.get("tuning_decision");
        assertTrue(decision.startsWith("tuned: ") || decision.startsWith("kept default: "), decision);
        Map<String, Object> gain = (Map<String, Object>) d.get("tuning_gain");
        if (gain != null) {
            double lo = ((Number) gain.get("lo")).doubleValue();
            double ratio = ((Number) gain.get("ratio")).doubleValue();
            double hi = ((Number) gain.get("hi")).doubleValue();
            assertTrue(lo > 0 && lo <= ratio && ratio <= hi, gain.toString());
            assertEquals(decision.startsWith("tuned: "), lo > 1.03, decision + " " + gain);
        } else {
            assertTrue(decision.startsWith("kept default: "), decision);
        }
        if (decision.startsWith("kept default: ")) {
            Map<String, Object> cfg = (Map<String, Object>) d.get("tuner_config");
            assertTrue(((Map<String, Object>) cfg.get("local")).values().stream().allMatch("null"::equals),
                    cfg.toString());
        }
    }

    @Test
    void everyTimingTunerRecordsItsEvidenceAndTuningMs(@TempDir Path cache) throws Exception {
        for (String mode : new String[] {"rapid", "exhaustive"}) {
            Ran r = run(cache, CONV, "direct", mode);
            Map<String, Object> d = r.details();
            assertEquals("tuned", d.get("tuning_source"), d.toString());
            assertEvidence(d);
            assertNotNull(r.tuningMs());
            assertTrue(r.tuningMs() > 0, d.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> search = (Map<String, Object>) d.get("tuning_search");
            assertEquals(3.0, search.get("budget_s"), search.toString());
            assertTrue((Integer) search.get("variants_timed") >= 1, search.toString());
            // read back from the tuning file: the same evidence, no tuning time
            Ran again = run(cache, CONV, "direct", mode);
            assertEquals("file", again.details().get("tuning_source"));
            assertEquals(0.0, again.tuningMs());
            assertEquals(d.get("tuning_decision"), again.details().get("tuning_decision"));
            assertEquals(d.get("untuned_us"), again.details().get("untuned_us"));
            assertEquals(d.get("tuner_config"), again.details().get("tuner_config"));
        }
        assertEquals(0.0, run(cache, CONV, "direct", "none").tuningMs());
    }

    @Test
    void aTuningFileEntryBeyondTheDeviceLimitsIsReportedIgnoredAndRetuned(@TempDir Path cache) throws Exception {
        run(cache, CONV, "direct", "rapid");
        Path file = cache.resolve("tuning.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        String key = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("entries").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            key = e.getKey();
            ArrayNode locals = ((ObjectNode) e.getValue()).putArray("local");
            locals.addArray().add(1L << 40).add(1).add(1); // beyond every device's work-item limit
        }
        assertNotNull(key);
        json.writeValue(file.toFile(), root);
        Ran r = run(cache, CONV, "direct", "rapid");
        String report = (String) r.details().get("tuning_file_invalid");
        assertNotNull(report, r.details().toString());
        assertTrue(report.contains(file.toString()) && report.contains(key), report);
        assertTrue(report.contains("CL_DEVICE_MAX_WORK_ITEM_SIZES"), report);
        assertEquals("tuned", r.details().get("tuning_source"), "tuned again");
        assertEvidence(r.details());
        Ran again = run(cache, CONV, "direct", "rapid");
        assertEquals("file", again.details().get("tuning_source"), "the bad entry was replaced");
        assertFalse(again.details().containsKey("tuning_file_invalid"));
    }

    @Test
    void aBadBudgetIsRefusedNamingTheOption() {
        Variant v = new Variant("direct", "exhaustive", 1, Map.of(OpenClBackend.OPTION_TUNE_BUDGET, "soon"));
        var s = backend.supports(CONV, v);
        assertFalse(s.supported());
        assertTrue(s.reason().contains("opencl.tune_budget") && s.reason().contains("soon"), s.reason());
    }
}
