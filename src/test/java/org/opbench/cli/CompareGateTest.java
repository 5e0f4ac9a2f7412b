package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.result.Json;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/**
 * compare as a CI gate on small hand-made files: the JSON verdicts, the exit codes, and the refusal of files it
 * cannot read completely. The points carry round keys whose rounds agree with the headline medians, so the verdicts
 * are the same whether this build reads the rounds or only the noise threshold.
 */
class CompareGateTest {
    static final double[] ROUNDS = {100, 101, 99, 100.5, 99.5};

    static Path file(Path dir, String name, double factor, int schema, String extraLine) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("{\"record\":\"run\",\"schema\":" + schema + ",\"opbench_version\":\"test\"}");
        for (int i = 0; i < 3; i++) {
            double m = 100 * factor;
            PointRecord p = PointRecord.builder().op("fc").problem("mb1ic" + (8 + i) + "oc8").layer("fc" + i)
                    .network("net").repeat(2).batch(1).backend("b").algorithm("a").tuner("none").threads(1)
                    .status(Status.OK).samplesUs(scaled(factor)).timeUs(new TimeStats(m, m, m, 1, m, m)).build();
            ObjectNode n = Json.mapper().valueToTree(p);
            n.put("rounds", ROUNDS.length);
            n.set("round_us", Json.mapper().valueToTree(scaled(factor)));
            lines.add(Json.mapper().writeValueAsString(n));
        }
        if (extraLine != null) {
            lines.add(extraLine);
        }
        Path f = dir.resolve(name);
        Files.write(f, lines);
        return f;
    }

    static double[] scaled(double factor) {
        double[] s = ROUNDS.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] *= factor;
        }
        return s;
    }

    @Test
    void jsonVerdictsAScriptCanRead(@TempDir Path dir) throws IOException {
        Path a = file(dir, "a.jsonl", 1, 1, null);
        Path slow = file(dir, "slow.jsonl", 1.2, 1, null);
        Cli r = Cli.run("compare", a.toString(), slow.toString(), "--format", "json", "--fail-on-regression", "10");
        assertEquals(3, r.code(), r.out() + r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(3, j.get("exit_code").asInt());
        assertEquals(3, j.get("points").size());
        for (JsonNode p : j.get("points")) {
            assertEquals("slower", p.get("verdict").asText(), p.toString());
            assertEquals(1.2, p.get("ratio").asDouble(), 1e-9);
            assertEquals(20, p.get("change_pct").asDouble(), 1e-6);
            assertTrue(p.get("regression").asBoolean());
            assertTrue(p.has("interval") && p.has("p") && p.has("basis") && p.has("key"), p.toString());
        }
        JsonNode total = j.get("totals").get(0);
        assertEquals(600, total.get("total_a_us").asDouble(), 1e-9); // 3 layers x 100 us x repeat 2
        assertEquals("slower", total.get("verdict").asText());
        JsonNode s = j.get("summary");
        assertEquals(3, s.get("compared").asInt());
        assertEquals(3, s.get("slower").asInt());
        assertEquals(3, s.get("regressions").asInt());
        assertEquals(1, s.get("total_regressions").asInt());
        assertEquals(3.0, j.get("settings").get("noise_pct").asDouble());
        assertTrue(r.err().contains("slower by more than 10.0%"), r.err());

        Cli same = Cli.run("compare", a.toString(), a.toString(), "--format", "json", "--fail-on-regression", "5");
        assertEquals(0, same.code(), same.out() + same.err());
        JsonNode sj = Json.mapper().readTree(same.out());
        assertEquals(3, sj.get("summary").get("same").asInt());
        assertEquals(0, sj.get("summary").get("regressions").asInt());
    }

    @Test
    void aChangeWithinTheNoiseThresholdIsNone(@TempDir Path dir) throws IOException {
        Path a = file(dir, "a.jsonl", 1, 1, null);
        Path b = file(dir, "b.jsonl", 1.025, 1, null);
        Cli r = Cli.run("compare", a.toString(), b.toString(), "--fail-on-regression", "0");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("3 point(s) compared: 0 slower, 0 faster, 3 without"), r.out());
        Cli strict = Cli.run("compare", a.toString(), b.toString(), "--fail-on-regression", "0", "--noise", "1");
        assertEquals(3, strict.code(), strict.out() + strict.err());
    }

    @Test
    void nothingComparableFailsTheGate(@TempDir Path dir) throws IOException {
        Path a = file(dir, "a.jsonl", 1, 1, null);
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "{\"record\":\"run\",\"schema\":1}\n");
        Cli r = Cli.run("compare", a.toString(), empty.toString(), "--fail-on-regression", "5");
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("nothing to gate on"), r.err());
        assertEquals(0, Cli.run("compare", a.toString(), empty.toString()).code());
    }

    @Test
    void unknownKindsAndNewerSchemasAreRefused(@TempDir Path dir) throws IOException {
        Path a = file(dir, "a.jsonl", 1, 1, null);
        Path odd = file(dir, "odd.jsonl", 1, 1, "{\"record\":\"hologram\",\"x\":1}");
        Path newer = file(dir, "newer.jsonl", 1, 99, null);
        Cli r = Cli.run("compare", a.toString(), odd.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown record kind 'hologram'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Cli n = Cli.run("compare", newer.toString(), a.toString(), "--format", "json");
        assertEquals(2, n.code());
        assertTrue(n.err().contains("schema 99, newer than the schema"), n.err());
        assertFalse(n.err().contains("Exception"), n.err());
        assertEquals(2, Cli.run("compare", a.toString(), a.toString(), "--format", "xml").code());
        assertEquals(2, Cli.run("compare", a.toString(), a.toString(), "--noise", "-1").code());
    }
}
