package org.opbench.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.opbench.problem.Precision;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.backend.opencl.cl.ClDevice;
import org.opbench.backend.opencl.cl.ClDevices;
import org.opbench.backend.opencl.tune.Tuner;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.Availability;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Variant;

/** Every tuner mode on small problems: valid configurations, correct results, and the tuning file reused. */
class OpenClTunerTest {
    @TempDir
    static Path cache;
    static OpenClBackend backend;
    static Availability avail;
    static ClDevice device;

    @BeforeAll
    static void probe() throws Exception {
        backend = new OpenClBackend();
        avail = backend.probe();
        if (avail.available()) {
            device = DeviceSelector.select(ClDevices.list(), null);
        }
    }

    static Map<String, Object> run(Problem p, String algorithm, String tuner) throws Exception {
        OpenClTestSupport.ready(avail);
        // a budget no test machine reaches: these tests check what the search covers, not where the budget stops it
        Variant v = new Variant(algorithm, tuner, 1, Map.of(OpenClBackend.OPTION_CACHE, cache.toString(),
                OpenClBackend.OPTION_TUNE_BUDGET, "600"));
        ProblemData data = ProblemData.of(p, 3);
        try (PreparedOp op = backend.prepare(p, v, data)) {
            op.run();
            double err = Check.relativeError(op.output(), Reference.compute(data));
            double tol = Tolerance.of(op.execution());
            assertTrue(err <= tol, () -> tuner + " " + op.impl() + ": relative error " + err);
            return op.details();
        }
    }

    /** The local sizes in details.tuner_config.local, checked against the device's limits. */
    @SuppressWarnings("unchecked")
    static List<long[]> validLocals(Map<String, Object> details) {
        Map<String, Object> cfg = (Map<String, Object>) details.get("tuner_config");
        assertNotNull(cfg, details.toString());
        assertTrue(cfg.containsKey("defines"), cfg.toString());
        Map<String, Object> local = (Map<String, Object>) cfg.get("local");
        assertTrue(!local.isEmpty(), cfg.toString());
        List<long[]> out = new ArrayList<>();
        for (Object v : local.values()) {
            String s = v.toString();
            if (s.equals("null")) {
                out.add(null);
                continue;
            }
            String[] parts = s.replaceAll("[\\[\\] ]", "").split(",");
            long[] l = new long[parts.length];
            long product = 1;
            for (int i = 0; i < parts.length; i++) {
                l[i] = Long.parseLong(parts[i]);
                assertTrue(l[i] >= 1 && l[i] <= device.maxWorkItemSizes()[i], s);
                product *= l[i];
            }
            assertTrue(product <= device.maxWorkGroupSize(), s);
            out.add(l);
        }
        return out;
    }

    @Test
    void everyModeGivesAValidConfigAndTheFileIsReused() throws Exception {
        PoolProblem p = new PoolProblem(Precision.F32, PoolAlg.MAX, 2, 1, 5, 7, 2, 3, 3, 3, 2, 2, 0, 0, "");
        for (String mode : Tuner.MODES) {
            Map<String, Object> d = run(p, "direct", mode);
            List<long[]> locals = validLocals(d);
            assertEquals(mode, d.get("tuner"));
            switch (mode) {
                case "none" -> {
                    assertEquals("none", d.get("tuning_source"));
                    assertTrue(locals.stream().allMatch(l -> l == null), d.toString());
                }
                case "heuristic" -> {
                    assertEquals("heuristic", d.get("tuning_source"));
                    assertTrue(locals.stream().noneMatch(l -> l == null), d.toString());
                }
                default -> {
                    assertEquals("tuned", d.get("tuning_source"), d.toString());
                    int evaluated = (Integer) d.get("tuning_evaluated");
                    assertTrue(evaluated > 1, d.toString());
                    assertTrue(!mode.equals("rapid") || evaluated <= Tuner.RAPID_BUDGET, d.toString());
                    assertTrue((Double) d.get("tuning_ms") > 0, d.toString());
                    // the same point again: the configuration comes from the tuning file
                    Map<String, Object> again = run(p, "direct", mode);
                    assertEquals("file", again.get("tuning_source"), again.toString());
                    assertEquals(0.0, again.get("tuning_ms"));
                    assertEquals(d.get("tuner_config"), again.get("tuner_config"));
                }
            }
        }
        String file = Files.readString(cache.resolve("tuning.json"));
        for (String part : new String[] {device.name(), device.driverVersion(), p.descriptor(), "pool.cl@"}) {
            assertTrue(file.contains(part), () -> "'" + part + "' missing from " + file);
        }
    }

    @Test
    void rapidSearchesVariantsAndLocalSizesOfAMultiKernelOperator() throws Exception {
        // im2col + gemm: two launches, and more than one GEMM tiling fits the 2 x 6 output
        ConvProblem p = ConvProblem.of(1, 1, 2, 2, 3, 2, 3, 3, 1, 1, 1, 1, "");
        Map<String, Object> d = run(p, "gemm", "rapid");
        assertEquals(2, validLocals(d).size(), d.toString());
        int evaluated = (Integer) d.get("tuning_evaluated");
        assertTrue(evaluated > 2 && evaluated <= Tuner.RAPID_BUDGET, d.toString());
    }
}
