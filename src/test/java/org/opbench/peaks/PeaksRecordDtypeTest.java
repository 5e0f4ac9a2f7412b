package org.opbench.peaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.result.Json;

/** Ceilings carry their data type; the lookups keep types apart; files from before issue 16 read as f32. */
class PeaksRecordDtypeTest {
    private static final Ceiling F32 = Ceiling.ok("dnnl-sgemm", Ceiling.COMPUTE, Ceiling.CPU, 2, new double[] {100, 90},
            "m", Map.of());
    private static final Ceiling INT8 = Ceiling.ok("dnnl-int8", Ceiling.COMPUTE, Ceiling.INT8, Ceiling.CPU, 2,
            new double[] {700}, "m", Map.of());
    private static final Ceiling BF16_ABSENT = Ceiling.notMeasured("dnnl-bf16", Ceiling.COMPUTE, Ceiling.BF16,
            Ceiling.CPU, 2, "unavailable", "oneDNN: dnnl_unimplemented (status 3)");
    private static final Ceiling TRIAD = Ceiling.ok("java-triad", Ceiling.BANDWIDTH, Ceiling.CPU, 2, new double[] {30},
            "m", Map.of());

    private static PeaksRecord record() {
        return new PeaksRecord("peaks", 2, "x", "x", List.of(), "now", null, Map.of(), null,
                List.of(F32, INT8, BF16_ABSENT, TRIAD));
    }

    @Test
    void bestCpuPicksTheCeilingOfTheType() {
        PeaksRecord r = record();
        assertSame(F32, r.bestCpu(Ceiling.COMPUTE, 2));
        assertSame(F32, r.bestCpu(Ceiling.COMPUTE, 2, Ceiling.F32));
        assertSame(INT8, r.bestCpu(Ceiling.COMPUTE, 2, Ceiling.INT8));
        assertNull(r.bestCpu(Ceiling.COMPUTE, 2, Ceiling.BF16), "an absent ceiling is no ceiling");
        assertSame(TRIAD, r.bestCpu(Ceiling.BANDWIDTH, 2, Ceiling.INT8), "bandwidth counts bytes whatever the type");
        assertEquals("GOPS", INT8.unit());
        assertEquals("GFLOPS", BF16_ABSENT.unit());
    }

    @Test
    void dtypeIsWrittenAndOldFilesReadAsF32() throws Exception {
        JsonNode tree = Json.mapper().valueToTree(record());
        assertEquals("int8", tree.get("ceilings").get(1).get("dtype").asText());
        assertEquals("f32", tree.get("ceilings").get(0).get("dtype").asText());
        PeaksRecord back = Json.mapper().treeToValue(tree, PeaksRecord.class);
        assertEquals(record().ceilings().get(1).dtype(), back.ceilings().get(1).dtype());
        String old = "{\"record\":\"peaks\",\"schema\":1,\"opbench_version\":\"x\",\"command\":[],\"started\":\"now\","
                + "\"theoretical\":{\"gflops\":200.0,\"per_core_gflops\":100.0,\"cores\":2,\"fp32_lanes\":8,"
                + "\"fma_units\":2,\"mhz\":3125.0,\"reason\":null},\"ceilings\":[{\"name\":\"java-fma\","
                + "\"kind\":\"compute\",\"device\":\"cpu\",\"threads\":1,\"status\":\"ok\",\"value\":50.0,"
                + "\"unit\":\"GFLOPS\"}]}";
        PeaksRecord o = Json.mapper().readValue(old, PeaksRecord.class);
        assertEquals(Ceiling.F32, o.ceilings().get(0).dtype());
        assertEquals(50.0, o.bestCpu(Ceiling.COMPUTE, 1, Ceiling.F32).value());
        assertEquals(List.of(), o.theoreticalByDtype());
        assertEquals(200.0, o.theoretical(Ceiling.F32).forThreads(2), 1e-9);
        assertEquals(16.0, o.theoretical(Ceiling.F32).macsPerCyclePerCore(), 1e-9);
        assertNull(o.theoretical(Ceiling.INT8));
    }
}
