package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.CpuFacts;
import org.opbench.peaks.PeaksRecord;
import org.opbench.peaks.PrecisionPeak;
import org.opbench.peaks.Theoretical;
import org.opbench.peaks.TheoreticalPeak;
import org.opbench.result.Json;

/** A peaks record with per-type ceilings and theoretical peaks follows the results schema; a bad dtype does not. */
class PeaksDtypeSchemaTest {
    static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = PeaksDtypeSchemaTest.class.getResourceAsStream("/schema/opbench-results.schema.json")) {
            assertNotNull(in, "schema ships as a resource");
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static JsonNode record() {
        CpuFacts cpu = new CpuFacts("AuthenticAMD", 26, Set.of("avx2", "fma", "avx512f", "avx512_vnni"), 2000.0, null);
        Theoretical f32 = TheoreticalPeak.compute("amd64", cpu, 2, 2, 3000.0);
        PeaksRecord r = new PeaksRecord("peaks", 2, "x", "x", List.of("opbench", "peaks"), "2026-12-05T20:00:00Z", org.opbench.env.HostProbe.probe(),
                Map.of(), f32, List.of(
                        Ceiling.ok("dnnl-int8", Ceiling.COMPUTE, Ceiling.INT8, Ceiling.CPU, 1, new double[] {500},
                                "m", Map.of("impl", "brg_matmul:avx512_core_vnni")),
                        Ceiling.notMeasured("dnnl-bf16", Ceiling.COMPUTE, Ceiling.BF16, Ceiling.CPU, 1, "unavailable",
                                "oneDNN: dnnl_unimplemented (status 3)"),
                        Ceiling.ok("java-fma", Ceiling.COMPUTE, Ceiling.CPU, 1, new double[] {90}, "m", Map.of())),
                PrecisionPeak.compute("amd64", cpu, f32));
        return Json.mapper().valueToTree(r);
    }

    @Test
    void perTypeRecordIsValid() {
        JsonNode node = record();
        assertTrue(schema.validate(node).isEmpty(), schema.validate(node).toString());
    }

    @Test
    void unknownDtypeIsRejected() {
        ObjectNode node = (ObjectNode) record();
        ((ObjectNode) node.get("ceilings").get(0)).put("dtype", "int4");
        assertFalse(schema.validate(node).isEmpty());
        ObjectNode other = (ObjectNode) record();
        ((ObjectNode) other.get("theoretical_by_dtype").get(1)).putNull("gops").putNull("reason");
        assertFalse(schema.validate(other).isEmpty(), "an unknown theoretical peak must say why");
    }
}
